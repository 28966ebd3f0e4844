namespace CustomsFn.Core.Extraction.Ocr.Paddle;

/// <summary>An axis-aligned text box (pixels, top-left origin, exclusive right and bottom) and the detector's mean probability over its region.</summary>
public readonly record struct TextBox(int X0, int Top, int X1, int Bottom, float Score)
{
    public int Width => X1 - X0;
    public int Height => Bottom - Top;
}

/// <summary>
/// PP-OCR's DB (differentiable binarisation) post-processing on the detector's probability map, for axis-aligned
/// boxes (the page is deskewed before it is read): the map binarised at <see cref="BinaryThreshold"/>, its connected
/// regions (8-neighbours) boxed, a box kept when the mean probability over its region is at least <see cref="BoxThreshold"/>
/// and its shorter side at least <see cref="MinSide"/>, then grown by area x <see cref="UnclipRatio"/> / perimeter on
/// every side (the detector's text kernels are shrunk text) and scaled to the page. The score is the mean over the
/// region's own pixels (PaddleOCR's polygon score): the mean over its bounding rectangle dropped names and numbers
/// whose kernels are ragged. A region of lines set so close that their kernels touch is cut into its lines (<see cref="Bands"/>).
/// </summary>
public static class DbPostprocess
{
    public const float BinaryThreshold = 0.3f;
    public const float BoxThreshold = 0.6f;
    public const double UnclipRatio = 1.5;
    public const int MinSide = 3;
    public const int MaxCandidates = 1000;

    /// <summary>
    /// The text boxes of a <paramref name="width"/> x <paramref name="height"/> probability map (row-major), in the
    /// page's pixels: <paramref name="scaleX"/> and <paramref name="scaleY"/> take map pixels to page pixels, and the
    /// boxes are clipped to <paramref name="pageWidth"/> x <paramref name="pageHeight"/>. Top to bottom, then left to right.
    /// </summary>
    public static List<TextBox> Boxes(ReadOnlySpan<float> prob, int width, int height, double scaleX = 1, double scaleY = 1,
        int? pageWidth = null, int? pageHeight = null)
    {
        if (prob.Length != width * height) throw new ArgumentException("The map's length does not match its size.", nameof(prob));
        var pw = pageWidth ?? (int)Math.Round(width * scaleX);
        var ph = pageHeight ?? (int)Math.Round(height * scaleY);
        var seen = new bool[prob.Length];
        var stack = new Stack<int>();
        var region = new List<int>();
        var boxes = new List<TextBox>();
        for (var start = 0; start < prob.Length && boxes.Count < MaxCandidates; start++)
        {
            if (seen[start] || prob[start] <= BinaryThreshold) continue;
            region.Clear();
            seen[start] = true;
            stack.Push(start);
            while (stack.Count > 0)
            {
                var i = stack.Pop();
                region.Add(i);
                int x = i % width, y = i / width;
                for (var dy = -1; dy <= 1; dy++)
                {
                    var ny = y + dy;
                    if (ny < 0 || ny >= height) continue;
                    for (var dx = -1; dx <= 1; dx++)
                    {
                        var nx = x + dx;
                        if (nx < 0 || nx >= width) continue;
                        var n = ny * width + nx;
                        if (seen[n] || prob[n] <= BinaryThreshold) continue;
                        seen[n] = true;
                        stack.Push(n);
                    }
                }
            }
            foreach (var (y0, y1) in Bands(region, width))
            {
                int x0 = int.MaxValue, x1 = -1;
                double inside = 0;
                var pixels = 0;
                foreach (var i in region)
                {
                    var y = i / width;
                    if (y < y0 || y > y1) continue;
                    var x = i % width;
                    if (x < x0) x0 = x;
                    if (x > x1) x1 = x;
                    inside += prob[i];
                    pixels++;
                }
                int w = x1 - x0 + 1, h = y1 - y0 + 1;
                if (pixels == 0 || Math.Min(w, h) < MinSide) continue;
                var score = (float)(inside / pixels);
                if (score < BoxThreshold) continue;
                // Unclip: a rectangle offset by d on every side, d = area * ratio / perimeter.
                var d = w * h * UnclipRatio / (2.0 * (w + h));
                double ux0 = x0 - d, uy0 = y0 - d, ux1 = x1 + 1 + d, uy1 = y1 + 1 + d;
                // The page pixels the grown box covers.
                var bx0 = Math.Clamp((int)Math.Floor(ux0 * scaleX), 0, pw);
                var by0 = Math.Clamp((int)Math.Floor(uy0 * scaleY), 0, ph);
                var bx1 = Math.Clamp((int)Math.Ceiling(ux1 * scaleX), 0, pw);
                var by1 = Math.Clamp((int)Math.Ceiling(uy1 * scaleY), 0, ph);
                if (bx1 - bx0 < 2 || by1 - by0 < 2) continue;
                boxes.Add(new TextBox(bx0, by0, bx1, by1, score));
            }
        }
        return ReadingOrder(boxes);
    }

    /// <summary>
    /// The rows of a region that are text lines: a region of two lines joined by a thin bridge (lines set close
    /// together) is cut where a row has fewer than <see cref="BridgeShare"/> of the region's widest row's pixels; a
    /// one-line region is one band, all its rows.
    /// </summary>
    internal static List<(int Y0, int Y1)> Bands(List<int> region, int width)
    {
        int y0 = int.MaxValue, y1 = -1;
        foreach (var i in region)
        {
            var y = i / width;
            if (y < y0) y0 = y;
            if (y > y1) y1 = y;
        }
        var counts = new int[y1 - y0 + 1];
        foreach (var i in region) counts[i / width - y0]++;
        var max = counts.Max();
        var bands = new List<(int, int)>();
        var at = -1;
        for (var r = 0; r <= counts.Length; r++)
        {
            var text = r < counts.Length && counts[r] >= BridgeShare * max;
            if (text && at < 0) at = r;
            else if (!text && at >= 0)
            {
                bands.Add((y0 + at, y0 + r - 1));
                at = -1;
            }
        }
        // One line: all its rows (its thinner top and bottom rows are text too).
        return bands.Count <= 1 ? [(y0, y1)] : bands;
    }

    /// <summary>A row with fewer pixels than this share of the region's widest row is a bridge between two lines.</summary>
    public const double BridgeShare = 0.2;

    /// <summary>Top to bottom; boxes whose tops are within half a line's height of each other left to right (as PP-OCR sorts them).</summary>
    public static List<TextBox> ReadingOrder(List<TextBox> boxes)
    {
        var sorted = boxes.OrderBy(b => b.Top).ThenBy(b => b.X0).ToList();
        for (var i = 1; i < sorted.Count; i++)
        {
            for (var j = i; j > 0; j--)
            {
                var (a, b) = (sorted[j - 1], sorted[j]);
                if (Math.Abs(b.Top - a.Top) < Math.Min(a.Height, b.Height) / 2.0 && b.X0 < a.X0) (sorted[j - 1], sorted[j]) = (b, a);
                else break;
            }
        }
        return sorted;
    }
}
