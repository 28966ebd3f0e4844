namespace CustomsFn.Core.Extraction.Layout;

/// <summary>Words that share a baseline band on one page, left to right, split into segments at column gaps.</summary>
public sealed class TextLine
{
    public TextLine(int page, IReadOnlyList<TextWord> words, double gapFactor)
    {
        Page = page;
        Words = words;
        Top = words.Min(w => w.Top); Bottom = words.Max(w => w.Bottom);
        var heights = words.Select(w => w.Height).Order().ToArray();
        Height = Math.Max(heights[heights.Length / 2], 1);
        var segments = new List<Segment>();
        var current = new List<TextWord> { words[0] };
        for (var i = 1; i < words.Count; i++)
        {
            var gap = words[i].X0 - words[i - 1].X1;
            if (gap > gapFactor * Height || gap < -1.0) { segments.Add(new Segment(current)); current = []; }
            current.Add(words[i]);
        }
        segments.Add(new Segment(current));
        Segments = segments;
        Text = string.Join("  ", segments.Select(s => s.Text));
    }

    public int Page { get; }
    public IReadOnlyList<TextWord> Words { get; }
    public IReadOnlyList<Segment> Segments { get; }
    public double Top { get; }
    public double Bottom { get; }
    public double Height { get; }
    public string Text { get; }

    public override string ToString() => Text;
}
