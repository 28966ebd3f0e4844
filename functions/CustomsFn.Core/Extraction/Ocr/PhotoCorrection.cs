namespace CustomsFn.Core.Extraction.Ocr;

/// <summary>
/// Phone photos of a page: the page found against the darker surface around it, straightened from its perspective
/// into an upright rectangle, and its uneven light (fall-off, shadows) flattened, before the page is read.
/// <para>
/// The surface is what is dark and connected to the image's border (text is dark too, but enclosed by paper). A scan
/// (paper to the border) has no such surface and is left as it is. The page's corners are the extreme points of the
/// rest; the page is mapped back to a rectangle by the perspective transform of those four corners. Light is flattened
/// by dividing each pixel by the local paper brightness (the brightest pixel of blocks about a sixth of an inch wide,
/// smoothed and interpolated).
/// </para>
/// </summary>
public static class PhotoCorrection
{
    /// <summary>Long side of the small copy the page is found on.</summary>
    public const int SearchSide = 480;

    /// <summary>Share of the border that must be dark surface for the image to be taken as a photo of a page.</summary>
    public const double MinBorderSurface = 0.5;

    /// <summary>Share of the image the page must cover: less is a document too far away or something else.</summary>
    public const double MinPageShare = 0.25;

    /// <summary>
    /// The page straightened and evenly lit, or null when the image is not a photo of a page on a darker surface (a
    /// scan, a screenshot): then nothing is changed.
    /// </summary>
    public static GrayImage? Correct(GrayImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (FindPage(image) is not { } corners) return null;
        var warped = Straighten(image, corners);
        FlattenLight(warped);
        return warped;
    }

    /// <summary>The page's corners (top-left, top-right, bottom-right, bottom-left) in image pixels, or null.</summary>
    internal static (double X, double Y)[]? FindPage(GrayImage image)
    {
        var step = Math.Max(1, (int)Math.Ceiling(Math.Max(image.Width, image.Height) / (double)SearchSide));
        var small = image.Crop(0, image.Height, step);
        int w = small.Width, h = small.Height;
        if (w < 16 || h < 16) return null;
        var threshold = small.OtsuThreshold();
        var px = small.Pixels;

        // The surface: dark pixels reached from the border.
        var surface = new bool[w * h];
        var queue = new Queue<int>();
        var border = 0;
        var borderDark = 0;
        void Seed(int x, int y)
        {
            border++;
            var i = y * w + x;
            if (px[i] > threshold || surface[i]) return;
            borderDark++;
            surface[i] = true;
            queue.Enqueue(i);
        }
        for (var x = 0; x < w; x++) { Seed(x, 0); Seed(x, h - 1); }
        for (var y = 1; y < h - 1; y++) { Seed(0, y); Seed(w - 1, y); }
        if (borderDark < border * MinBorderSurface) return null;
        void Reach(int j)
        {
            if (surface[j] || px[j] > threshold) return;
            surface[j] = true;
            queue.Enqueue(j);
        }
        while (queue.Count > 0)
        {
            var i = queue.Dequeue();
            int x = i % w, y = i / w;
            if (x > 0) Reach(i - 1);
            if (x < w - 1) Reach(i + 1);
            if (y > 0) Reach(i - w);
            if (y < h - 1) Reach(i + w);
        }

        // The page: the rest; its corners the extreme points along the diagonals.
        var count = 0;
        (int X, int Y) tl = (0, 0), tr = (0, 0), br = (0, 0), bl = (0, 0);
        int minSum = int.MaxValue, maxSum = int.MinValue, maxDiff = int.MinValue, minDiff = int.MaxValue;
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                if (surface[y * w + x]) continue;
                count++;
                if (x + y < minSum) { minSum = x + y; tl = (x, y); }
                if (x + y > maxSum) { maxSum = x + y; br = (x, y); }
                if (x - y > maxDiff) { maxDiff = x - y; tr = (x, y); }
                if (x - y < minDiff) { minDiff = x - y; bl = (x, y); }
            }
        }
        if (count < w * h * MinPageShare) return null;
        (double, double) Full((int X, int Y) p) => ((p.X + 0.5) * step, (p.Y + 0.5) * step);
        var corners = new[] { Full(tl), Full(tr), Full(br), Full(bl) };
        // A page is a convex quadrilateral whose sides are each at least a quarter of the image's.
        if (!Convex(corners) || Distance(corners[0], corners[1]) < image.Width / 4.0 || Distance(corners[0], corners[3]) < image.Height / 4.0) return null;
        return corners;
    }

    /// <summary>The quadrilateral <paramref name="corners"/> of <paramref name="image"/> mapped to an upright rectangle.</summary>
    internal static GrayImage Straighten(GrayImage image, (double X, double Y)[] corners)
    {
        var width = (int)Math.Round(Math.Max(Distance(corners[0], corners[1]), Distance(corners[3], corners[2])));
        var height = (int)Math.Round(Math.Max(Distance(corners[0], corners[3]), Distance(corners[1], corners[2])));
        // From the output rectangle to the photo: each output pixel samples where it came from.
        var m = Homography([(0, 0), (width, 0), (width, height), (0, height)], corners);
        var src = image.Pixels;
        int sw = image.Width, sh = image.Height;
        var output = new byte[width * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                double cx = x + 0.5, cy = y + 0.5;
                var d = m[6] * cx + m[7] * cy + 1;
                var u = (m[0] * cx + m[1] * cy + m[2]) / d - 0.5;
                var v = (m[3] * cx + m[4] * cy + m[5]) / d - 0.5;
                int x0 = (int)Math.Floor(u), y0 = (int)Math.Floor(v);
                if (x0 < 0 || y0 < 0 || x0 + 1 >= sw || y0 + 1 >= sh)
                {
                    output[y * width + x] = 255;
                    continue;
                }
                double fx = u - x0, fy = v - y0;
                var i = y0 * sw + x0;
                var top = src[i] * (1 - fx) + src[i + 1] * fx;
                var bottom = src[i + sw] * (1 - fx) + src[i + sw + 1] * fx;
                output[y * width + x] = (byte)Math.Round(top * (1 - fy) + bottom * fy);
            }
        }
        return new GrayImage(width, height, output, image.Dpi);
    }

    /// <summary>
    /// Divides every pixel by the local paper brightness, in place: the brightest pixel of each block about a sixth of an
    /// inch wide (a block holds paper between strokes), smoothed over its neighbours and interpolated between blocks.
    /// </summary>
    internal static void FlattenLight(GrayImage image)
    {
        int w = image.Width, h = image.Height;
        var block = Math.Max(12, image.EffectiveDpi / 6);
        int bw = (w + block - 1) / block, bh = (h + block - 1) / block;
        var max = new double[bw * bh];
        var px = image.Pixels;
        for (var y = 0; y < h; y++)
            for (var x = 0; x < w; x++)
            {
                var b = y / block * bw + x / block;
                if (px[y * w + x] > max[b]) max[b] = px[y * w + x];
            }
        // Smooth: the brightest of the 3x3 neighbourhood (a block full of ink borrows its neighbours' paper), then the mean.
        var bright = new double[bw * bh];
        var paper = new double[bw * bh];
        for (var pass = 0; pass < 2; pass++)
        {
            var from = pass == 0 ? max : bright;
            var to = pass == 0 ? bright : paper;
            for (var by = 0; by < bh; by++)
                for (var bx = 0; bx < bw; bx++)
                {
                    double best = 0, sum = 0;
                    var n = 0;
                    for (var dy = -1; dy <= 1; dy++)
                        for (var dx = -1; dx <= 1; dx++)
                        {
                            int nx = bx + dx, ny = by + dy;
                            if (nx < 0 || ny < 0 || nx >= bw || ny >= bh) continue;
                            best = Math.Max(best, from[ny * bw + nx]);
                            sum += from[ny * bw + nx];
                            n++;
                        }
                    to[by * bw + bx] = pass == 0 ? best : sum / n;
                }
        }
        for (var y = 0; y < h; y++)
        {
            var gy = Math.Clamp((y + 0.5) / block - 0.5, 0, bh - 1);
            int y0 = (int)gy, y1 = Math.Min(y0 + 1, bh - 1);
            var fy = gy - y0;
            for (var x = 0; x < w; x++)
            {
                var gx = Math.Clamp((x + 0.5) / block - 0.5, 0, bw - 1);
                int x0 = (int)gx, x1 = Math.Min(x0 + 1, bw - 1);
                var fx = gx - x0;
                var local = (paper[y0 * bw + x0] * (1 - fx) + paper[y0 * bw + x1] * fx) * (1 - fy)
                            + (paper[y1 * bw + x0] * (1 - fx) + paper[y1 * bw + x1] * fx) * fy;
                var i = y * w + x;
                px[i] = (byte)Math.Clamp(Math.Round(px[i] * 255.0 / Math.Max(local, 32)), 0, 255);
            }
        }
    }

    /// <summary>
    /// The perspective transform taking the four points <paramref name="from"/> to <paramref name="to"/>: h0..h7 of
    /// x' = (h0 x + h1 y + h2) / (h6 x + h7 y + 1), y' = (h3 x + h4 y + h5) / (h6 x + h7 y + 1).
    /// </summary>
    public static double[] Homography((double X, double Y)[] from, (double X, double Y)[] to)
    {
        var a = new double[8, 9];
        for (var i = 0; i < 4; i++)
        {
            var (x, y) = from[i];
            var (u, v) = to[i];
            double[] r1 = [x, y, 1, 0, 0, 0, -u * x, -u * y, u];
            double[] r2 = [0, 0, 0, x, y, 1, -v * x, -v * y, v];
            for (var k = 0; k < 9; k++) { a[2 * i, k] = r1[k]; a[2 * i + 1, k] = r2[k]; }
        }
        for (var col = 0; col < 8; col++)
        {
            var pivot = col;
            for (var r = col + 1; r < 8; r++) if (Math.Abs(a[r, col]) > Math.Abs(a[pivot, col])) pivot = r;
            for (var k = 0; k < 9; k++) (a[col, k], a[pivot, k]) = (a[pivot, k], a[col, k]);
            for (var r = 0; r < 8; r++)
            {
                if (r == col) continue;
                var f = a[r, col] / a[col, col];
                for (var k = col; k < 9; k++) a[r, k] -= f * a[col, k];
            }
        }
        var result = new double[8];
        for (var i = 0; i < 8; i++) result[i] = a[i, 8] / a[i, i];
        return result;
    }

    private static double Distance((double X, double Y) a, (double X, double Y) b) => Math.Sqrt((a.X - b.X) * (a.X - b.X) + (a.Y - b.Y) * (a.Y - b.Y));

    private static bool Convex((double X, double Y)[] q)
    {
        var sign = 0;
        for (var i = 0; i < 4; i++)
        {
            var (a, b, c) = (q[i], q[(i + 1) % 4], q[(i + 2) % 4]);
            var cross = (b.X - a.X) * (c.Y - b.Y) - (b.Y - a.Y) * (c.X - b.X);
            var s = Math.Sign(cross);
            if (s == 0) return false;
            if (sign == 0) sign = s;
            else if (s != sign) return false;
        }
        return true;
    }
}
