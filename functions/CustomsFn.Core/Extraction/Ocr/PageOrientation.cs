using CustomsFn.Core.Extraction.Layout;

namespace CustomsFn.Core.Extraction.Ocr;

/// <summary>
/// Tells a page scanned or photographed sideways or upside down (<see cref="OcrEngine"/>): a quick read of an upright
/// page finds confident words; one of a turned page finds few (Tesseract reads turned text as low-confidence specks).
/// Only when a page's quick read is poor (<see cref="IsPoorRead"/>) are small copies of the whole page read turned by
/// 0, 90, 180 and 270 degrees, and the page is turned when one turn has clearly the most confident words
/// (<see cref="ChooseQuarterTurns"/>). Upright pages pay nothing but the count of their probe's words.
/// </summary>
public static class PageOrientation
{
    /// <summary>
    /// Words read at least <paramref name="minConfidence"/> confidently with at least two letters or digits (any script)
    /// making up at least half of them: what a turned page hardly has (its reads are specks, bars and single letters).
    /// </summary>
    public static int ConfidentWords(IEnumerable<TextWord> words, double minConfidence)
    {
        ArgumentNullException.ThrowIfNull(words);
        var count = 0;
        foreach (var w in words)
        {
            if (!(w.Confidence >= minConfidence)) continue;
            var letters = w.Text.Count(char.IsLetterOrDigit);
            if (letters >= 2 && letters * 2 >= w.Text.Length) count++;
        }
        return count;
    }

    /// <summary>Confident words (<see cref="ConfidentWords"/>) per square inch of an image <paramref name="width"/> x <paramref name="height"/> pixels at <paramref name="dpi"/>.</summary>
    public static double ConfidentWordsPerSquareInch(IEnumerable<TextWord> words, int width, int height, double dpi, double minConfidence)
    {
        var squareInches = Math.Max(1e-6, width / dpi * (height / dpi));
        return ConfidentWords(words, minConfidence) / squareInches;
    }

    /// <summary>
    /// True when a quick read has fewer confident words for its area than <see cref="OcrOptions.PoorReadWordsPerSquareInch"/>
    /// and they are less than <see cref="OcrOptions.PoorReadConfidentShare"/> of its words (or it has none): the page
    /// may be turned. A turned page reads as many unsure specks (2-5% of them confident on the evaluation scans); a
    /// sparse upright page (a short last page) as few words, most of them confident, which costs it no check.
    /// </summary>
    public static bool IsPoorRead(IEnumerable<TextWord> words, int width, int height, double dpi, OcrOptions options)
    {
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(options);
        var list = words as IReadOnlyCollection<TextWord> ?? words.ToList();
        if (ConfidentWordsPerSquareInch(list, width, height, dpi, options.OrientationWordConfidence) >= options.PoorReadWordsPerSquareInch) return false;
        return list.Count == 0 || ConfidentWords(list, options.OrientationWordConfidence) < options.PoorReadConfidentShare * list.Count;
    }

    /// <summary>
    /// The quarter turns (clockwise, 0-3) that make the page upright, from the confident words of its small copy read
    /// turned by 0, 1, 2 and 3 quarters (<paramref name="confidentWords"/>, in that order): the turn with the most, when
    /// it has at least <see cref="OcrOptions.MinOrientationWords"/> and <see cref="OcrOptions.OrientationMargin"/> times
    /// as many as any other; else 0 (nothing clear: the page is read as it is).
    /// </summary>
    public static int ChooseQuarterTurns(IReadOnlyList<int> confidentWords, OcrOptions options)
    {
        ArgumentNullException.ThrowIfNull(confidentWords);
        ArgumentNullException.ThrowIfNull(options);
        if (confidentWords.Count != 4) throw new ArgumentException("One count per quarter turn (0-3).", nameof(confidentWords));
        var best = 0;
        for (var i = 1; i < 4; i++)
            if (confidentWords[i] > confidentWords[best]) best = i;
        if (best == 0 || confidentWords[best] < options.MinOrientationWords) return 0;
        for (var i = 0; i < 4; i++)
            if (i != best && confidentWords[best] < options.OrientationMargin * confidentWords[i]) return 0;
        return best;
    }
}
