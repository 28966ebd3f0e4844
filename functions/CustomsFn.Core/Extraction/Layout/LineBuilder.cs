namespace CustomsFn.Core.Extraction.Layout;

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
