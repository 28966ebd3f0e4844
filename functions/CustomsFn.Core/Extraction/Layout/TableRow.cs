namespace CustomsFn.Core.Extraction.Layout;

/// <summary>A reconstructed goods row: the cells per column target, over one or more lines (multi-line descriptions).</summary>
public sealed class TableRow
{
    public Dictionary<string, List<TextWord>> Cells { get; } = new(StringComparer.Ordinal);
    public List<TextLine> Lines { get; } = [];

    /// <summary>The line that made the row (a value in a quantity, price or amount column); the others continue its description.</summary>
    public TextLine? Anchor { get; init; }
    public int Page => Lines[0].Page;

    public string Text(string target)
    {
        if (!Cells.TryGetValue(target, out var words) || words.Count == 0) return "";
        // Words of a cell in reading order: by line, then x.
        var text = "";
        double? lastTop = null;
        foreach (var w in words)
        {
            text = lastTop is { } t && Math.Abs(w.Top - t) > w.Height * 0.5 && target == FieldNames.Description ? text + "\n" + w.Text : TextNormalizer.Join(text, w.Text);
            lastTop = w.Top;
        }
        return text;
    }
}
