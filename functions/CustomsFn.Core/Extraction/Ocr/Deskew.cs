namespace CustomsFn.Core.Extraction.Ocr;

/// <summary>
/// Estimates a page's skew by the projection-profile method: on a downsampled, binarised copy, the angle at which the
/// ink's row histogram is sharpest (text lines and rules line up with the rows). Positive = turned clockwise on screen.
/// </summary>
public static class Deskew
{
    public static double EstimateDegrees(GrayImage page, double maxDegrees = 6)
    {
        ArgumentNullException.ThrowIfNull(page);
        var threshold = page.OtsuThreshold();
        // Downsample so the longer side is about 1000 px: plenty for a tenth of a degree over a page.
        var step = Math.Max(1, Math.Max(page.Width, page.Height) / 1000);
        var xs = new List<float>();
        var ys = new List<float>();
        for (var y = 0; y < page.Height; y += step)
        {
            var row = y * page.Width;
            for (var x = 0; x < page.Width; x += step)
            {
                if (page.Pixels[row + x] < threshold)
                {
                    xs.Add(x / (float)step);
                    ys.Add(y / (float)step);
                }
            }
        }
        if (xs.Count < 50) return 0;
        var height = page.Height / step;
        var width = page.Width / step;
        var coarse = Best(xs, ys, width, height, -maxDegrees, maxDegrees, 0.2);
        return Math.Round(Best(xs, ys, width, height, coarse - 0.2, coarse + 0.2, 0.02), 2);
    }

    private static double Best(List<float> xs, List<float> ys, int width, int height, double from, double to, double step)
    {
        var pad = (int)(width * Math.Sin(Math.PI / 180 * Math.Max(Math.Abs(from), Math.Abs(to)))) + 2;
        var bins = new int[height + 2 * pad + 2];
        double bestScore = -1, bestAngle = 0;
        for (var a = from; a <= to + 1e-9; a += step)
        {
            Array.Clear(bins);
            var rad = a * Math.PI / 180;
            float sin = (float)Math.Sin(rad), cos = (float)Math.Cos(rad);
            for (var i = 0; i < xs.Count; i++)
            {
                var b = (int)(ys[i] * cos - xs[i] * sin) + pad;
                if ((uint)b < (uint)bins.Length) bins[b]++;
            }
            double score = 0;
            foreach (var c in bins) score += (double)c * c;
            if (score > bestScore) { bestScore = score; bestAngle = a; }
        }
        return bestAngle;
    }
}
