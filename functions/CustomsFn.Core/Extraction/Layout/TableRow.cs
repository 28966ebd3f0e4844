namespace CustomsFn.Core.Extraction.Layout;

/// <summary>A reconstructed goods row: the cells per column target, over one or more lines (multi-line descriptions).</summary>
public sealed class TableRow
{
    public Dictionary<string, List<TextWord>> Cells { get; } = new(StringComparer.Ordinal);
    public List<TextLine> Lines { get; } = [];

    /// <summary>The line that made the row (a value in a quantity, price or amount column); the others continue its description.</summary>
    public TextLine? Anchor => Anchors.Count > 0 ? Anchors[0] : null;

    /// <summary>
    /// The lines that hold the row's own values: the anchor, and a line just above or below it that completes it (cells
    /// drawn at another height, such as an amount centred beside a wrapped description).
    /// </summary>
    public List<TextLine> Anchors { get; } = [];

    /// <summary>The words of the row's own lines.</summary>
    public IEnumerable<TextWord> OwnWords => Anchors.SelectMany(l => l.Words);
    public int Page => Lines[0].Page;

    public string Text(string target)
    {
        if (!Cells.TryGetValue(target, out var words) || words.Count == 0) return "";
        // Words of a cell in reading order: by line, then x.
        var text = "";
        double? lastTop = null;
        TextWord? previous = null;
        foreach (var w in words)
        {
            var newLine = lastTop is { } t && Math.Abs(w.Top - t) > w.Height * 0.5;
            text = newLine && target == FieldNames.Description ? text + "\n" + w.Text
                // Text PDFs: two CJK words on one line apart by a space's width were printed with a space ("綿Tシャツ 丸首").
                : !newLine && previous is { Confidence: null } && w.Confidence is null && text.Length > 0 && TextNormalizer.IsCjk(text[^1])
                  && w.Text.Length > 0 && TextNormalizer.IsCjk(w.Text[0]) && w.X0 - previous.X1 >= 0.25 * w.Height ? text + " " + w.Text
                : TextNormalizer.Join(text, w.Text);
            lastTop = w.Top;
            previous = w;
        }
        return text;
    }
}
