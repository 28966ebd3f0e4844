using CustomsFn.Core.Extraction.Layout;

namespace CustomsFn.Core.Extraction.Ocr.Paddle;

/// <summary>
/// A recognised line as the words the layout engine reads (as Tesseract gives them): split on spaces (a run of Han
/// text without spaces is one word; a full-width colon ends a word, as it ends a label: "发票号码：CNX-1" is two words), each word's share of the line box apportioned by its characters, a full-width
/// character (CJK, full-width forms) counted twice as wide as a Latin one; every word gets the line's confidence.
/// </summary>
public static class LineWords
{
    public static IEnumerable<TextWord> Split(string text, double x0, double top, double x1, double bottom, double? confidence)
    {
        ArgumentNullException.ThrowIfNull(text);
        var total = 0.0;
        foreach (var c in text) total += Weight(c);
        if (total <= 0) yield break;
        var scale = (x1 - x0) / total;
        var at = 0.0;
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == ' ')
            {
                at += Weight(' ');
                i++;
                continue;
            }
            var start = i;
            var begin = at;
            while (i < text.Length && text[i] != ' ')
            {
                at += Weight(text[i++]);
                if (text[i - 1] == '：') break;
            }
            yield return new TextWord(text[start..i], Math.Round(x0 + begin * scale, 1), top, Math.Round(x0 + at * scale, 1), bottom, confidence);
        }
    }

    /// <summary>A character's width in Latin letters: 2 for CJK ideographs, kana, Hangul and full-width forms, 1 else.</summary>
    public static double Weight(char c) => c is (>= '\u2E80' and <= '\u9FFF') or (>= '\uAC00' and <= '\uD7AF') or (>= '\uF900' and <= '\uFAFF')
        or (>= '\uFF01' and <= '\uFF60') or (>= '\uFFE0' and <= '\uFFE6') ? 2 : 1;
}
