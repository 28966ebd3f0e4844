namespace CustomsFn.Core.Extraction.Layout;

/// <summary>
/// Adapts OCR words (Tesseract, pixels) to what the layout engine expects from a PDF text layer, so that one set of
/// thresholds reads both: speck and rule debris dropped, stray punctuation trimmed, the remaining skew sheared out,
/// glyph boxes widened to font-size boxes (a PDF word spans ascent to descent whatever its letters; an OCR box hugs
/// the ink, so "one" is half as tall as "Total"), boxes that overlap their left neighbour clipped, and CJK characters
/// that the recogniser returned one by one merged back into words. Coordinates stay pixels of the page as read.
/// </summary>
public static partial class OcrWords
{
    // A font-size box: PdfPages puts a word's top 0.78 em above its baseline and its bottom 0.22 em below it.
    private const double Ascent = 0.78;
    private const double Descent = 0.22;
    private const double CapHeight = 0.72;
    private const double XHeight = 0.53;
    private const double DescenderDepth = 0.21;
    private const double CjkHeight = 0.88;

    /// <summary>The page with its words adapted; a page in points (a text layer) is returned as it is.</summary>
    public static PageText Normalize(PageText page)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (page.Unit != PageText.Pixels || page.Words.Count == 0) return page;
        var words = JoinSplitDecimals(page.Words.Where(w => w.Height > 0 && w.Width > 0).ToList()).Select(Trim).OfType<TextWord>().ToList();
        if (words.Count == 0) return page with { Words = words };
        var textHeight = Median(words.Where(w => w.Text.Any(char.IsLetterOrDigit)).Select(w => w.Height).DefaultIfEmpty(words[0].Height));
        words = words.Where((w, i) => !IsNoise(w, textHeight) || IsUnitAfterNumber(words, i)).ToList();
        words = Unskew(words);
        var em = Median(words.Where(w => w.Text.Any(char.IsLetterOrDigit)).Select(EmOf).DefaultIfEmpty(textHeight / CapHeight));
        // A word's size is the median of its own and its neighbours' on the line: one box swollen by a speck or a
        // glued mark would otherwise reach into the next line.
        var sizes = words.Select(w => w.Text.Any(char.IsLetterOrDigit) ? EmOf(w) : em).ToArray();
        // Likewise the baseline: the median of the neighbours' on the line, so that a box stretched down by a mark
        // below it does not sink into the next line.
        var smoothed = words.Select((w, i) =>
        {
            var near = Enumerable.Range(Math.Max(0, i - 2), Math.Min(words.Count, i + 3) - Math.Max(0, i - 2))
                .Where(j => j == i || SameLine(words[j], w)).ToList();
            return (Em: Median(near.Select(j => sizes[j])), Near: near);
        }).ToList();
        var baselines = words.Select((w, i) => Baseline(w, smoothed[i].Em)).ToArray();
        words = words.Select((w, i) => ToFontBox(w, smoothed[i].Em, em, Median(smoothed[i].Near.Select(j => baselines[j])))).ToList();
        words = MergeAndClip(words);
        return page with { Words = words };
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 1 : Math.Max(sorted[sorted.Length / 2], 1);
    }

    // Quotes, dots and rule fragments that the recogniser glued to a word's ends ("„EUR", ".Bahnhofstrasse", "3926.90.00.").
    private const string LeadingDebris = ".,:;'\"“”„‘’`_~*|»«—–-\\";
    private const string TrailingNumberDebris = ".,:;'\"“”’`_~*|";

    private static TextWord? Trim(TextWord w)
    {
        var text = w.Text.Trim();
        var start = 0;
        // A plus sign glued before a letter is a speck ("+Arabica"); before a digit it is a sign (+49).
        while (start < text.Length - 1 && (LeadingDebris.Contains(text[start], StringComparison.Ordinal) && !IsSign(text, start) || text[start] == '+' && char.IsLetter(text[start + 1]))) start++;
        var end = text.Length;
        // Only numbers lose trailing marks: "Ltd." and "beans," keep theirs.
        var body = text[start..end];
        if (body.Length > 1 && char.IsAsciiDigit(body[0]) && body.All(c => char.IsAsciiDigit(c) || c is '.' or ',' or '\'' or ' ' || TrailingNumberDebris.Contains(c, StringComparison.Ordinal)))
            while (end - start > 1 && TrailingNumberDebris.Contains(text[end - 1], StringComparison.Ordinal)) end--;
        text = text[start..end];
        if (text.Length == 0) return null;
        if (text.Length > 1)
        {
            // Closing quotes, dashes and underscores glued to a word's end ("cm”...", "mm2_—"); "S.L.." keeps one dot.
            text = TrailingJunk().Replace(text, "");
            text = RepeatedDots().Replace(text, ".");
            text = RepairNumber(text);
            text = RepairLetters(text);
            if (text.Length == 0) return null;
        }
        if (text == w.Text) return w;
        // Debris cut from the front moves the box's left edge in proportion; the right edge is kept.
        var perChar = w.Width / Math.Max(w.Text.Trim().Length, 1);
        return w with { Text = text, X0 = Math.Min(w.X0 + start * perChar, w.X1 - perChar) };
    }

    /// <summary>
    /// A number the recogniser returned in two words at its decimal separator ("257" and ".5", boxes touching or
    /// overlapping on one line) is one number again ("257.5"); without this the separator would be trimmed as debris.
    /// </summary>
    private static List<TextWord> JoinSplitDecimals(List<TextWord> words)
    {
        var result = new List<TextWord>(words.Count);
        foreach (var w in words)
        {
            if (result.Count > 0 && result[^1] is var prev && SplitDecimalTail().IsMatch(w.Text) && WholeNumber().IsMatch(prev.Text)
                && SameLine(prev, w) && w.X0 - prev.X1 < 0.3 * Math.Min(prev.Height, w.Height) && w.X1 > prev.X1)
            {
                result[^1] = new TextWord(prev.Text + w.Text, prev.X0, Math.Min(prev.Top, w.Top), w.X1, Math.Max(prev.Bottom, w.Bottom),
                    prev.Confidence is { } a && w.Confidence is { } b ? Math.Min(a, b) : prev.Confidence ?? w.Confidence);
                continue;
            }
            result.Add(w);
        }
        return result;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^[.,]\d{1,3}$")]
    private static partial System.Text.RegularExpressions.Regex SplitDecimalTail();

    [System.Text.RegularExpressions.GeneratedRegex(@"^\d{1,3}(?:[.,' ]\d{3})*$|^\d+$")]
    private static partial System.Text.RegularExpressions.Regex WholeNumber();

    /// <summary>
    /// Latin letters the recogniser got wrong in shape-alike ways: a CJK closing bracket for "J" at the start of a Latin
    /// code ("」PX-2026" for "JPX-2026"), a small letter before a run of capitals whose capital looks the same ("jPY",
    /// "cNX-2026") or between capitals ("DiN-rail"); an unbalanced opening bracket at a word's start is a rule fragment ("[Set").
    /// </summary>
    public static string RepairLetters(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length < 3) return text;
        if (text[0] is '」' or '」' && char.IsAsciiLetterUpper(text[1])) text = "J" + text[1..];
        if ("cjkopsuvwxz".Contains(text[0], StringComparison.Ordinal) && char.IsAsciiLetterUpper(text[1]) && char.IsAsciiLetterUpper(text[2])
            && text.Skip(1).TakeWhile(c => c != '-' && c != '/').All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c)))
            text = char.ToUpperInvariant(text[0]) + text[1..];
        if (text[0] == '[' && !text.Contains(']', StringComparison.Ordinal) && char.IsLetterOrDigit(text[1])) text = text[1..];
        // "DiN-rail": one small letter among capitals ("DIN") is the capital misread.
        var head = text.Split('-', '/')[0];
        if (head.Length >= 3 && head.All(char.IsAsciiLetter) && head.Count(char.IsAsciiLetterLower) == 1 && char.IsAsciiLetterUpper(head[0])
            && char.IsAsciiLetterUpper(head[^1]) && head.First(char.IsAsciiLetterLower) is var small && "cijklopsuvwxz".Contains(small, StringComparison.Ordinal))
            text = head.ToUpperInvariant() + text[head.Length..];
        return text;
    }

    private static readonly HashSet<string> MeasureUnits = new(StringComparer.Ordinal)
    {
        "mm", "cm", "m", "km", "mg", "g", "kg", "t", "ml", "cl", "l", "v", "kv", "w", "kw", "a", "ma", "st", "pc", "pz", "x",
    };

    /// <summary>
    /// "180 cm": a unit right after a number on its line is text, however unsure the recogniser was of it (a speck
    /// glued to it lowers its score); the short-word noise rule would drop it.
    /// </summary>
    private static bool IsUnitAfterNumber(List<TextWord> words, int i)
    {
        if (i == 0 || !MeasureUnits.Contains(words[i].Text.ToLowerInvariant())) return false;
        var prev = words[i - 1];
        return prev.Text.Length > 0 && char.IsAsciiDigit(prev.Text[^1]) && SameLine(prev, words[i]) &&
               words[i].X0 - prev.X1 < 1.0 * Math.Max(prev.Height, 1) && words[i].X0 > prev.X0;
    }

    // A minus sign or a dash before a digit is part of the number.
    private static bool IsSign(string text, int i) => text[i] is '-' or '—' or '–' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]);

    private static bool IsNoise(TextWord w, double textHeight)
    {
        var hasLetterOrDigit = w.Text.Any(char.IsLetterOrDigit);
        // Specks and rule fragments read as punctuation: small, or not confidently read.
        if (!hasLetterOrDigit) return w.Height < 0.6 * textHeight || w.Confidence is < 0.6 || w.Text.Length > 3;
        // One or two letters the recogniser itself does not believe (texture, a logo); longer words stay, as Tesseract
        // scores real words at 0 too. Digits stay for the cross-checks.
        // Two CJK characters are a word, not texture: they go only when scored under 0.1.
        if (w.Confidence is < 0.2 && w.Text.Length <= 2 && !w.Text.Any(char.IsAsciiDigit) &&
            !(w.Text.Length == 2 && w.Text.All(TextNormalizer.IsCjk) && w.Confidence >= 0.1)) return true;
        // A tiny mark read as a Latin letter ("L", "o"); a flat CJK sign ("ー", "一") is small by nature.
        return w.Height < 0.4 * textHeight && w.Text.Length <= 2 && !IsCjkWord(w.Text);
    }

    /// <summary>Shears out the skew left in the words (a bilevel TIFF is read as scanned; deskewing leaves a fraction of a degree).</summary>
    private static List<TextWord> Unskew(List<TextWord> words)
    {
        // Neighbours on one recognised line (consecutive in Tesseract's reading order) give the slope of the baseline.
        var slopes = new List<double>();
        for (var i = 1; i < words.Count; i++)
        {
            var a = words[i - 1];
            var b = words[i];
            var dx = b.X0 - a.X0;
            if (dx < 2 * Math.Max(a.Height, b.Height) || !SameLine(a, b)) continue;
            if (!a.Text.Any(char.IsAsciiDigit) && !a.Text.Any(char.IsUpper) || !b.Text.Any(char.IsAsciiDigit) && !b.Text.Any(char.IsUpper)) continue;
            slopes.Add((b.Bottom - a.Bottom) / dx);
        }
        if (slopes.Count < 5) return words;
        slopes.Sort();
        var slope = slopes[slopes.Count / 2];
        if (Math.Abs(slope) < 0.002 || Math.Abs(slope) > 0.1) return words;
        return words.Select(w =>
        {
            var shift = -slope * (w.X0 + w.X1) / 2;
            return w with { Top = w.Top + shift, Bottom = w.Bottom + shift };
        }).ToList();
    }

    private static bool SameLine(TextWord a, TextWord b) =>
        Math.Min(a.Bottom, b.Bottom) - Math.Max(a.Top, b.Top) >= 0.5 * Math.Min(a.Height, b.Height);

    private static bool HasAscender(string t) => t.Any(c => char.IsUpper(c) || char.IsAsciiDigit(c) || "bdfhklt/()[]{}|!?%&$#@'\"ßàáâèéêìíîòóôùúûäöüç".Contains(c, StringComparison.Ordinal));

    private static bool HasDescender(string t) => t.Any(c => "gjpqyQ,;()[]{}|ç".Contains(c, StringComparison.Ordinal));

    private static bool IsCjkWord(string t) => t.Any(TextNormalizer.IsCjk);

    /// <summary>The font size (em) a glyph box implies, from which letters it holds.</summary>
    private static double EmOf(TextWord w)
    {
        var t = w.Text;
        if (IsCjkWord(t)) return w.Height / CjkHeight;
        var above = HasAscender(t) ? CapHeight : XHeight;
        var below = HasDescender(t) ? DescenderDepth : 0;
        return w.Height / (above + below);
    }

    // Punctuation says nothing about its baseline, nor CJK: centred on the mark's line.
    private static double Baseline(TextWord w, double em) => !w.Text.Any(char.IsLetterOrDigit) || IsCjkWord(w.Text)
        ? (w.Top + w.Bottom) / 2 + 0.3 * em
        : w.Bottom - (HasDescender(w.Text) ? DescenderDepth * em : 0);

    private static TextWord ToFontBox(TextWord w, double em, double pageEm, double baseline)
    {
        // An implausible size (a mark read as a letter, a glued pair of lines) is held to the page's range.
        em = Math.Clamp(em, 0.6 * pageEm, 3.5 * pageEm);
        return w with { Top = baseline - Ascent * em, Bottom = baseline + Descent * em };
    }

    /// <summary>Merges CJK characters split by the recogniser into words, and clips a box that overlaps its left neighbour.</summary>
    private static List<TextWord> MergeAndClip(List<TextWord> words)
    {
        var result = new List<TextWord>(words.Count);
        foreach (var w in words)
        {
            if (result.Count > 0 && result[^1] is var prev && SameLine(prev, w) && w.X0 > prev.X0)
            {
                var gap = w.X0 - prev.X1;
                var em = Math.Max(prev.Height, w.Height);
                var cjkJoin = TextNormalizer.IsCjk(prev.Text[^1]) && TextNormalizer.IsCjk(w.Text[0]) && gap < 0.45 * em;
                var mixedJoin = (TextNormalizer.IsCjk(prev.Text[^1]) && char.IsAsciiDigit(w.Text[0]) || char.IsAsciiDigit(prev.Text[^1]) && TextNormalizer.IsCjk(w.Text[0]))
                    && gap < 0.2 * em;
                if (cjkJoin || mixedJoin)
                {
                    result[^1] = new TextWord(prev.Text + w.Text, prev.X0, Math.Min(prev.Top, w.Top), Math.Max(prev.X1, w.X1), Math.Max(prev.Bottom, w.Bottom),
                        prev.Confidence is { } a && w.Confidence is { } b ? Math.Min(a, b) : prev.Confidence ?? w.Confidence);
                    continue;
                }
                // "0,75 |": a bar of letter height close after a word is the letter l.
                if (w.Text == "|" && gap < 0.5 * em && prev.Text.Any(char.IsLetterOrDigit)) { result.Add(w with { Text = "l", X0 = Math.Max(w.X0, prev.X1) }); continue; }
                if (gap < 0 && w.X1 > prev.X1) { result.Add(w with { X0 = prev.X1 }); continue; }
            }
            result.Add(w);
        }
        return result;
    }

    /// <summary>
    /// Separators an OCR pass got wrong in a number: "3,398,72" (the last separator of a number whose groups are
    /// thousands can only be the decimal one), "32,.832" (a doubled separator).
    /// </summary>
    public static string RepairNumber(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length < 4 || !char.IsAsciiDigit(text[0]) || !char.IsAsciiDigit(text[^1]) || !text.All(c => char.IsAsciiDigit(c) || c is '.' or ',')) return text;
        text = DoubledSeparator().Replace(text, "$1");
        var seps = text.Where(c => c is '.' or ',').ToList();
        if (seps.Count < 2 || seps.Distinct().Count() != 1) return text;
        var groups = text.Split(seps[0]);
        if (groups[^1].Length != 2 || groups[0].Length is < 1 or > 3 || !groups[1..^1].All(g => g.Length == 3)) return text;
        var last = text.LastIndexOf(seps[0]);
        return text[..last] + (seps[0] == '.' ? ',' : '.') + text[(last + 1)..];
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"[”“„""…_—~*|]+\.*$")]
    private static partial System.Text.RegularExpressions.Regex TrailingJunk();

    [System.Text.RegularExpressions.GeneratedRegex(@"\.{2,}$")]
    private static partial System.Text.RegularExpressions.Regex RepeatedDots();

    [System.Text.RegularExpressions.GeneratedRegex(@"([.,])[.,]")]
    private static partial System.Text.RegularExpressions.Regex DoubledSeparator();

    /// <summary>
    /// A folded label with the recogniser's usual letter-for-digit confusions undone ("n.2" for "n.º", "1" or "|" for
    /// "l", "0" for "o"), or null when it has none. Tried only where the text as read matches no label.
    /// </summary>
    public static string? LabelVariant(string folded)
    {
        ArgumentNullException.ThrowIfNull(folded);
        if (!folded.Any(char.IsLetter)) return null;
        var chars = folded.Select(c => c switch { '0' => 'o', '2' => 'o', '1' or '|' => 'l', '5' => 's', '8' => 'b', _ => c }).ToArray();
        var variant = new string(chars);
        return variant == folded ? null : variant;
    }
}
