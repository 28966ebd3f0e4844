using CustomsFn.Core.Extraction.Ocr;
using SkiaSharp;

namespace CustomsFn.Tests.Ocr;

/// <summary>
/// The language probe on page tops that mislead it, as real invoices have them: a Chinese or Japanese invoice whose
/// letterhead is in English, and an English invoice whose top is a large logo. Built from the project's scans (their
/// language is known), so the right answer is not in doubt.
/// </summary>
public class ScriptProbeTests
{
    private static GrayImage Scan(string file)
    {
        var bytes = EvalScans.Bytes(file);
        return GrayImage.Decode(bytes, ImageHeader.Read(bytes))!;
    }

    /// <summary><paramref name="top"/>'s first <paramref name="share"/> of height stacked over <paramref name="page"/>, on white, as wide as the wider.</summary>
    private static GrayImage Stack(GrayImage top, double share, GrayImage page)
    {
        var banner = top.Crop(0, (int)(top.Height * share), 1);
        var width = Math.Max(banner.Width, page.Width);
        var pixels = new byte[width * (banner.Height + page.Height)];
        Array.Fill(pixels, (byte)255);
        for (var y = 0; y < banner.Height; y++) banner.Pixels.AsSpan(y * banner.Width, banner.Width).CopyTo(pixels.AsSpan(y * width));
        for (var y = 0; y < page.Height; y++) page.Pixels.AsSpan(y * page.Width, page.Width).CopyTo(pixels.AsSpan((banner.Height + y) * width));
        return new GrayImage(width, banner.Height + page.Height, pixels, page.Dpi);
    }

    /// <summary>The page with its top <paramref name="share"/> covered by a logo: large dark shapes and thick bars, no letters.</summary>
    private static GrayImage WithLogo(GrayImage page, double share)
    {
        var pixels = (byte[])page.Pixels.Clone();
        var height = (int)(page.Height * share);
        Array.Fill(pixels, (byte)255, 0, height * page.Width);
        var random = new Random(7);
        for (var shape = 0; shape < 14; shape++)
        {
            int cx = random.Next(page.Width), cy = random.Next(height), r = random.Next(height / 10, height / 3);
            for (var y = Math.Max(0, cy - r); y < Math.Min(height, cy + r); y++)
                for (var x = Math.Max(0, cx - r); x < Math.Min(page.Width, cx + r); x++)
                    if ((x - cx) * (x - cx) + (y - cy) * (y - cy) < r * r && ((x / 9) + (y / 9)) % 3 != 0) pixels[y * page.Width + x] = 30;
        }
        return new GrayImage(page.Width, page.Height, pixels, page.Dpi);
    }

    private static byte[] Png(GrayImage image)
    {
        var info = new SKImageInfo(image.Width, image.Height, SKColorType.Gray8, SKAlphaType.Opaque);
        using var bmp = new SKBitmap(info);
        image.Pixels.CopyTo(bmp.GetPixelSpan());
        using var data = bmp.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private static async Task<(string? Detected, string Languages)> ProbeAsync(GrayImage page)
    {
        var read = await new OcrEngine(new OcrOptions()).ReadImageAsync(Png(page), 1, null, CancellationToken.None);
        return (read[0].DetectedLanguage, read[0].Languages);
    }

    [Theory]
    [InlineData("08-banner-zh-invoice.jpg", "zh", "chi_sim")]
    [InlineData("12-sidebar-ja-invoice.png", "ja", "jpn+eng")]
    public async Task CjkInvoice_UnderAnEnglishLetterhead_IsReadWithItsOwnModel(string file, string language, string model)
    {
        var page = Stack(Scan("13-sidebar-en-invoice.tif"), 0.08, Scan(file));
        Assert.Equal((language, model), await ProbeAsync(page));
    }

    [Fact]
    public async Task EnglishInvoice_UnderALargeLogo_IsNotReadAsChinese()
    {
        var (detected, languages) = await ProbeAsync(WithLogo(Scan("13-sidebar-en-invoice.tif"), 0.22));
        Assert.NotEqual("chi_sim", languages);
        Assert.NotEqual("jpn+eng", languages);
        Assert.NotEqual("zh", detected);
    }
}
