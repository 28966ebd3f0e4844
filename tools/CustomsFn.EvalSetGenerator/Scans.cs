using PdfSharp.Drawing;
using PdfSharp.Pdf;
using SkiaSharp;

namespace CustomsFn.EvalSetGenerator;

/// <summary>Turns rendered pages into scans: rotated by a small skew, speckled, slightly blurred, grayscale, at 200-300 dpi.</summary>
internal static class Scans
{
    /// <summary>Renders every page of a document into grayscale scan pixels.</summary>
    public static List<GrayImage> Render(DocSpec d)
    {
        var bitmaps = new List<SKBitmap>();
        var canvases = new List<(SKCanvas, SkiaCanvas)>();
        var w = (int)Math.Round(DocRenderer.PageWidth / 72.0 * d.Dpi);
        var h = (int)Math.Round(DocRenderer.PageHeight / 72.0 * d.Dpi);

        // First pass counts pages, second draws.
        using var probeBitmap = new SKBitmap(8, 8);
        using var probeCanvas = new SKCanvas(probeBitmap);
        using var probe = new SkiaCanvas(probeCanvas, d.Dpi);
        var counter = new DocRenderer(d, () => new MeasureOnlyCanvas(probe), 1);
        counter.Render();

        var renderer = new DocRenderer(d, () =>
        {
            var bmp = new SKBitmap(w, h, SKColorType.Rgba8888, SKAlphaType.Premul);
            var sk = new SKCanvas(bmp);
            sk.Clear(SKColors.White);
            var c = new SkiaCanvas(sk, d.Dpi);
            bitmaps.Add(bmp);
            canvases.Add((sk, c));
            return c;
        }, counter.Pages);
        renderer.Render();
        foreach (var (sk, c) in canvases)
        {
            c.Dispose();
            sk.Dispose();
        }

        var rnd = new Random(d.NoiseSeed);
        var pages = new List<GrayImage>();
        for (var i = 0; i < bitmaps.Count; i++)
        {
            // Each page of a multi-page scan lies a little differently on the glass.
            var skew = i == 0 ? d.SkewDegrees : d.SkewDegrees + (rnd.NextDouble() - 0.5);
            pages.Add(Degrade(bitmaps[i], skew, rnd));
            bitmaps[i].Dispose();
        }
        return pages;
    }

    private static GrayImage Degrade(SKBitmap page, double skewDegrees, Random rnd)
    {
        var w = page.Width;
        var h = page.Height;
        using var rotated = new SKBitmap(w, h, SKColorType.Rgba8888, SKAlphaType.Premul);
        using (var c = new SKCanvas(rotated))
        {
            c.Clear(SKColors.White);
            c.Translate(w / 2f + (float)(rnd.NextDouble() * 10 - 5), h / 2f + (float)(rnd.NextDouble() * 10 - 5));
            // Positive skew turns the page clockwise on screen (y grows downwards).
            c.RotateDegrees((float)skewDegrees);
            c.Translate(-w / 2f, -h / 2f);
            using var blur = SKImageFilter.CreateBlur(0.55f, 0.55f);
            using var paint = new SKPaint { ImageFilter = blur };
            using var image = SKImage.FromBitmap(page);
            c.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.None), paint);
        }

        var gray = new byte[w * h];
        var px = rotated.GetPixelSpan();
        var paper = 236 + rnd.Next(0, 12);
        for (var i = 0; i < gray.Length; i++)
        {
            var r = px[i * 4];
            var g = px[i * 4 + 1];
            var b = px[i * 4 + 2];
            var l = (r * 299 + g * 587 + b * 114) / 1000;
            // Map white paper to a slightly grey tone and ink to near-black.
            gray[i] = (byte)(l * paper / 255);
        }
        // Speckles: dust and toner dots of 1-3 pixels.
        var dots = gray.Length / 4000;
        for (var k = 0; k < dots; k++)
        {
            int x = rnd.Next(w - 3), y = rnd.Next(h - 3), s = 1 + rnd.Next(3);
            var v = (byte)rnd.Next(20, 120);
            for (var dy = 0; dy < s; dy++)
                for (var dx = 0; dx < s; dx++)
                    gray[(y + dy) * w + x + dx] = v;
        }
        return new GrayImage(w, h, gray);
    }

    public static byte[] EncodeSkia(GrayImage img, SKEncodedImageFormat format, int quality)
    {
        var info = new SKImageInfo(img.Width, img.Height, SKColorType.Gray8, SKAlphaType.Opaque);
        using var bmp = new SKBitmap(info);
        img.Pixels.CopyTo(bmp.GetPixelSpan());
        using var data = bmp.Encode(format, quality);
        return data.ToArray();
    }

    /// <summary>An image-only PDF: each page is one JPEG at the page's physical size.</summary>
    public static byte[] ImagePdf(IReadOnlyList<GrayImage> pages, int dpi, string title)
    {
        using var doc = new PdfDocument();
        Program.MakeDeterministic(doc, title);
        foreach (var p in pages)
        {
            var page = doc.AddPage();
            page.Width = XUnit.FromPoint(p.Width * 72.0 / dpi);
            page.Height = XUnit.FromPoint(p.Height * 72.0 / dpi);
            using var ms = new MemoryStream(EncodeSkia(p, SKEncodedImageFormat.Jpeg, 60));
            using var img = XImage.FromStream(ms);
            using var g = XGraphics.FromPdfPage(page);
            g.DrawImage(img, 0, 0, page.Width.Point, page.Height.Point);
        }
        using var outStream = new MemoryStream();
        doc.Save(outStream, false);
        return Program.Reproducible(outStream.ToArray(), title);
    }
}

internal sealed record GrayImage(int Width, int Height, byte[] Pixels);

/// <summary>A minimal baseline TIFF writer: bilevel (1 bit, black = 1), PackBits, with the resolution tags, like a fax-mode office scanner.</summary>
internal static class Tiff
{
    public static byte[] Bilevel(GrayImage img, int dpi, byte threshold = 150)
    {
        var rowBytes = (img.Width + 7) / 8;
        var strip = new MemoryStream();
        var row = new byte[rowBytes];
        for (var y = 0; y < img.Height; y++)
        {
            Array.Clear(row);
            for (var x = 0; x < img.Width; x++)
                if (img.Pixels[y * img.Width + x] < threshold) row[x >> 3] |= (byte)(0x80 >> (x & 7));
            PackBits(row, strip);
        }
        var data = strip.ToArray();
        var ms = new MemoryStream();
        var bw = new BinaryWriter(ms);
        bw.Write("II"u8);
        bw.Write((ushort)42);
        bw.Write(8u);
        var entries = new List<(ushort Tag, ushort Type, uint Count, uint Value)>();
        const uint ifdOffset = 8;
        const int entryCount = 12;
        var afterIfd = ifdOffset + 2 + entryCount * 12 + 4;
        var xresOffset = afterIfd;
        var yresOffset = afterIfd + 8;
        var dataOffset = afterIfd + 16;
        entries.Add((256, 4, 1, (uint)img.Width));
        entries.Add((257, 4, 1, (uint)img.Height));
        entries.Add((258, 3, 1, 1));
        entries.Add((259, 3, 1, 32773));
        entries.Add((262, 3, 1, 0)); // WhiteIsZero
        entries.Add((273, 4, 1, dataOffset));
        entries.Add((277, 3, 1, 1));
        entries.Add((278, 4, 1, (uint)img.Height));
        entries.Add((279, 4, 1, (uint)data.Length));
        entries.Add((282, 5, 1, xresOffset));
        entries.Add((283, 5, 1, yresOffset));
        entries.Add((296, 3, 1, 2)); // inches
        bw.Write((ushort)entries.Count);
        foreach (var (tag, type, count, value) in entries)
        {
            bw.Write(tag);
            bw.Write(type);
            bw.Write(count);
            if (type == 3) { bw.Write((ushort)value); bw.Write((ushort)0); }
            else bw.Write(value);
        }
        bw.Write(0u);
        bw.Write((uint)dpi); bw.Write(1u);
        bw.Write((uint)dpi); bw.Write(1u);
        bw.Write(data);
        bw.Flush();
        return ms.ToArray();
    }

    private static void PackBits(byte[] src, Stream dst)
    {
        var i = 0;
        while (i < src.Length)
        {
            var run = 1;
            while (i + run < src.Length && run < 128 && src[i + run] == src[i]) run++;
            if (run > 1)
            {
                dst.WriteByte((byte)(257 - run));
                dst.WriteByte(src[i]);
                i += run;
                continue;
            }
            var start = i;
            var lit = 0;
            while (i < src.Length && lit < 128 && (i + 1 >= src.Length || src[i + 1] != src[i]))
            {
                i++;
                lit++;
            }
            if (lit == 0) { i++; lit = 1; }
            dst.WriteByte((byte)(lit - 1));
            dst.Write(src, start, lit);
        }
    }
}
