namespace CustomsFn.Core.Extraction.Layout;

/// <summary>A run of words on one line with no column gap inside: a label, a value, or a table cell.</summary>
public sealed class Segment
{
    public Segment(IReadOnlyList<TextWord> words)
    {
        Words = words;
        // CJK runs split only by the recogniser (no visible gap) join without a space; a real gap keeps one.
        var text = "";
        TextWord? previous = null;
        foreach (var w in words)
        {
            var gap = previous is null ? 0 : w.X0 - previous.X1;
            text = previous is not null && gap > 0.12 * Math.Max(w.Height, 1) ? text + " " + w.Text : TextNormalizer.Join(text, w.Text);
            previous = w;
        }
        Text = text;
        X0 = words.Min(w => w.X0); X1 = words.Max(w => w.X1);
        Top = words.Min(w => w.Top); Bottom = words.Max(w => w.Bottom);
    }

    public IReadOnlyList<TextWord> Words { get; }
    public string Text { get; }
    public double X0 { get; }
    public double X1 { get; }
    public double Top { get; }
    public double Bottom { get; }
    public double CenterX => (X0 + X1) / 2;

    /// <summary>The lowest recogniser confidence of its words (0..1), or null for a text layer.</summary>
    public double? OcrConfidence => Words.Any(w => w.Confidence is not null) ? Words.Min(w => w.Confidence ?? 1.0) : null;

    public override string ToString() => Text;
}
