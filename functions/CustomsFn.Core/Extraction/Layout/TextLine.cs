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

/// <summary>Groups the words of a page into lines in reading order (top to bottom, left to right).</summary>
public static class LineBuilder
{
    /// <summary>A gap wider than this many line heights separates two segments (columns) of a line.</summary>
    public const double ColumnGapFactor = 0.9;

    public static List<TextLine> Build(PageText page, double gapFactor = ColumnGapFactor)
    {
        var words = page.Words.Where(w => w.Height > 0 && w.Text.Length > 0).OrderBy(w => w.Top).ThenBy(w => w.X0).ToList();
        var bands = new List<List<TextWord>>();
        var bandTop = new List<double>();
        var bandBottom = new List<double>();
        foreach (var w in words)
        {
            var placed = false;
            // Look at the last few bands only: words arrive sorted by top.
            for (var b = bands.Count - 1; b >= Math.Max(0, bands.Count - 3); b--)
            {
                var overlap = Math.Min(bandBottom[b], w.Bottom) - Math.Max(bandTop[b], w.Top);
                if (overlap >= 0.5 * Math.Min(w.Height, bandBottom[b] - bandTop[b]))
                {
                    bands[b].Add(w);
                    bandTop[b] = Math.Min(bandTop[b], w.Top);
                    bandBottom[b] = Math.Max(bandBottom[b], w.Bottom);
                    placed = true;
                    break;
                }
            }
            if (!placed) { bands.Add([w]); bandTop.Add(w.Top); bandBottom.Add(w.Bottom); }
        }
        var lines = new List<TextLine>(bands.Count);
        foreach (var band in bands)
        {
            band.Sort((a, b) => a.X0.CompareTo(b.X0));
            lines.Add(new TextLine(page.Number, RemoveOverlaps(band), gapFactor));
        }
        lines.Sort((a, b) => a.Top.CompareTo(b.Top));
        return lines;
    }

    // Some PDFs draw text twice (fake bold): drop a word that repeats the previous one at the same place.
    private static List<TextWord> RemoveOverlaps(List<TextWord> band)
    {
        var result = new List<TextWord>(band.Count);
        foreach (var w in band)
        {
            if (result.Count > 0 && result[^1].Text == w.Text && Math.Abs(result[^1].X0 - w.X0) < 1.5) continue;
            result.Add(w);
        }
        return result;
    }
}
