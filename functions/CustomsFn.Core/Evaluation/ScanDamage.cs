using SkiaSharp;

namespace CustomsFn.Core.Evaluation;

/// <summary>How a rendered page is damaged before it is read as a scan (<c>customs eval --as-scans --damage</c>).</summary>
public enum ScanDamageKind
{
    /// <summary>The clean render.</summary>
    None,
    /// <summary>An office scan: a small skew (up to 2.5 degrees), slight blur, grey paper, dust and toner dots, grayscale JPEG at quality 60.</summary>
    Scan,
    /// <summary>
    /// A phone photo: the page in perspective on a darker desk (corners moved in by up to 7% of the side), light falling
    /// off across the page by up to 35%, a soft shadow band, blur, sensor noise, colour JPEG at quality 70.
    /// </summary>
    Photo,
}

/// <summary>
/// Realistic damage for rendered pages, deterministic per seed: what the same documents look like scanned on an office
/// scanner or photographed with a phone. The truth of the document does not change, so the damage costs are measured
/// on real layouts.
/// </summary>
public static class ScanDamage
{
    /// <summary>The damaged page as JPEG bytes, the same size in pixels as <paramref name="png"/>.</summary>
    public static byte[] Apply(byte[] png, ScanDamageKind kind, int seed)
    {
        ArgumentNullException.ThrowIfNull(png);
        using var page = SKBitmap.Decode(png) ?? throw new InvalidDataException("The rendered page is not a decodable image.");
        var rnd = new Random(seed);
        return kind switch
        {
            ScanDamageKind.Scan => OfficeScan(page, rnd),
            ScanDamageKind.Photo => PhonePhoto(page, rnd),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "No damage to apply."),
        };
    }

    private static byte[] OfficeScan(SKBitmap page, Random rnd)
    {
        int w = page.Width, h = page.Height;
        using var target = new SKBitmap(w, h, SKColorType.Rgba8888, SKAlphaType.Premul);
        using (var c = new SKCanvas(target))
        {
            c.Clear(SKColors.White);
            c.Translate(w / 2f + (float)(rnd.NextDouble() * 10 - 5), h / 2f + (float)(rnd.NextDouble() * 10 - 5));
            c.RotateDegrees((float)((rnd.NextDouble() * 2 - 1) * 2.5));
            c.Translate(-w / 2f, -h / 2f);
            Draw(c, page, blur: 0.6f);
        }
        var gray = ToGray(target, paper: 232 + rnd.Next(0, 16));
        var dots = gray.Length / 4000;
        for (var k = 0; k < dots; k++)
        {
            int x = rnd.Next(w - 3), y = rnd.Next(h - 3), s = 1 + rnd.Next(3);
            var v = (byte)rnd.Next(20, 120);
            for (var dy = 0; dy < s; dy++)
                for (var dx = 0; dx < s; dx++) gray[(y + dy) * w + x + dx] = v;
        }
        return EncodeGray(gray, w, h, 60);
    }

    private static byte[] PhonePhoto(SKBitmap page, Random rnd)
    {
        int w = page.Width, h = page.Height;
        using var target = new SKBitmap(w, h, SKColorType.Rgba8888, SKAlphaType.Premul);
        using (var c = new SKCanvas(target))
        {
            // A desk around the page.
            var desk = (byte)rnd.Next(70, 130);
            c.Clear(new SKColor(desk, (byte)(desk * 0.92), (byte)(desk * 0.8)));
            float In(float side) => (float)(rnd.NextDouble() * 0.07 * side);
            SKPoint[] corners =
            [
                new(In(w), In(h)), new(w - In(w), In(h)), new(w - In(w), h - In(h)), new(In(w), h - In(h)),
            ];
            c.SetMatrix(Homography([new(0, 0), new(w, 0), new(w, h), new(0, h)], corners));
            Draw(c, page, blur: 0.9f);
        }
        // Light falling off from one side, and a soft shadow band (a hand or the phone) across the page.
        var angle = rnd.NextDouble() * Math.PI * 2;
        double gx = Math.Cos(angle), gy = Math.Sin(angle);
        var falloff = 0.15 + rnd.NextDouble() * 0.20;
        var shadowAt = rnd.NextDouble();
        var shadowWidth = 0.08 + rnd.NextDouble() * 0.1;
        var px = target.GetPixelSpan();
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                var t = ((x / (double)w - 0.5) * gx + (y / (double)h - 0.5) * gy) + 0.5; // 0..1 across the page
                var light = 1 - falloff * Math.Clamp(t, 0, 1);
                var band = Math.Abs(t - shadowAt) / shadowWidth;
                if (band < 1) light *= 1 - 0.18 * (1 - band * band);
                var noise = (rnd.NextDouble() - 0.5) * 14;
                var i = (y * w + x) * 4;
                for (var ch = 0; ch < 3; ch++) px[i + ch] = (byte)Math.Clamp(px[i + ch] * light + noise, 0, 255);
            }
        }
        using var data = target.Encode(SKEncodedImageFormat.Jpeg, 70);
        return data.ToArray();
    }

    private static void Draw(SKCanvas canvas, SKBitmap page, float blur)
    {
        using var filter = SKImageFilter.CreateBlur(blur, blur);
        using var paint = new SKPaint { ImageFilter = filter };
        using var image = SKImage.FromBitmap(page);
        canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.None), paint);
    }

    private static byte[] ToGray(SKBitmap bitmap, int paper)
    {
        var px = bitmap.GetPixelSpan();
        var gray = new byte[bitmap.Width * bitmap.Height];
        for (var i = 0; i < gray.Length; i++)
        {
            var l = (px[i * 4] * 299 + px[i * 4 + 1] * 587 + px[i * 4 + 2] * 114) / 1000;
            gray[i] = (byte)(l * paper / 255);
        }
        return gray;
    }

    private static byte[] EncodeGray(byte[] gray, int w, int h, int quality)
    {
        using var bmp = new SKBitmap(new SKImageInfo(w, h, SKColorType.Gray8, SKAlphaType.Opaque));
        gray.CopyTo(bmp.GetPixelSpan());
        using var data = bmp.Encode(SKEncodedImageFormat.Jpeg, quality);
        return data.ToArray();
    }

    /// <summary>The perspective transform taking the four points <paramref name="from"/> to <paramref name="to"/>.</summary>
    internal static SKMatrix Homography(SKPoint[] from, SKPoint[] to)
    {
        var h = Extraction.Ocr.PhotoCorrection.Homography([.. from.Select(p => ((double)p.X, (double)p.Y))], [.. to.Select(p => ((double)p.X, (double)p.Y))]);
        return new SKMatrix((float)h[0], (float)h[1], (float)h[2], (float)h[3], (float)h[4], (float)h[5], (float)h[6], (float)h[7], 1);
    }
}
