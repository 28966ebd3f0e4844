using CustomsFn.Core.Extraction.Layout;

namespace CustomsFn.Tests.Layout;

/// <summary>Pages written for layout tests: a text layer (points) of words placed by x and line number.</summary>
internal static class TextPages
{
    public static PageText Of(params (double X, int Line, string Text)[] words) =>
        new(1, 595, 842, PageText.Points,
            words.Select(w => new TextWord(w.Text, w.X, 40 + w.Line * 14, w.X + w.Text.Length * 5, 50 + w.Line * 14, null)).ToList());
}
