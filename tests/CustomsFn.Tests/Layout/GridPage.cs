using CustomsFn.Core.Extraction.Layout;

namespace CustomsFn.Tests.Layout;

/// <summary>
/// Text-layer pages for layout tests, written as (x, line, text) words: 10 pt letters 5.5 pt wide, lines 14 pt apart
/// from 40 pt down.
/// </summary>
internal static class GridPage
{
    public static PageText Of(params (double X, int Line, string Text)[] words) =>
        new(1, 595, 842, PageText.Points, words.Select(w => Word(w.X, w.Line, w.Text)).ToList());

    public static TextWord Word(double x, int line, string text) => new(text, x, 40 + line * 14, x + text.Length * 5.5, 50 + line * 14);
}
