using CustomsFn.Cli;
using CustomsFn.Core.Evaluation;
using CustomsFn.Core.Model;
using Spectre.Console.Testing;
using UglyToad.PdfPig;

namespace CustomsFn.Tests.Layout;

/// <summary>
/// <c>customs eval --as-scans</c>: labelled text PDFs rendered by poppler's pdftoppm (installed by scripts/bootstrap.sh
/// --ocr) and scored read as scans, with the same truth.
/// </summary>
public sealed class ScanRenderingTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("scan-rendering-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string WritePdf(string name, TestPdf pdf)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, pdf.Build());
        return path;
    }

    [Fact]
    public async Task Render_GivesOnePngPerPage_AtTheResolutionAsked()
    {
        var pdf = WritePdf("two.pdf", new TestPdf().Text(40, 40, "Invoice No. A-1").NewPage().Text(40, 40, "Page two"));
        var outDir = Directory.CreateDirectory(Path.Combine(_dir, "out")).FullName;

        var pages = await ScanRendering.RenderAsync(pdf, 100, outDir);

        Assert.Equal(2, pages.Count);
        using var doc = PdfDocument.Open(pdf);
        var page = doc.GetPage(1);
        var (width, height) = ScanRendering.PngSize(await File.ReadAllBytesAsync(pages[0]));
        Assert.InRange(width, (int)(page.Width * 100 / 72) - 1, (int)(page.Width * 100 / 72) + 1);
        Assert.InRange(height, (int)(page.Height * 100 / 72) - 1, (int)(page.Height * 100 / 72) + 1);
    }

    [Fact]
    public async Task AsScans_OnePageIsAPng_SeveralPagesAnImageOnlyPdf_TheTruthKept()
    {
        var one = WritePdf("one.pdf", new TestPdf().Text(40, 40, "Invoice No. A-1"));
        var two = WritePdf("two.pdf", new TestPdf().Text(40, 40, "Invoice No. A-2").NewPage().Text(40, 40, "Page two"));
        var fields = new Dictionary<string, object>(StringComparer.Ordinal) { [FieldNames.InvoiceNumber] = "A-1" };
        ExpectedDocument[] set =
        [
            new() { DocumentPath = one, Set = "invoice2data", Format = "pdf-text", Fields = fields, StatedFieldsOnly = true },
            new() { DocumentPath = two, Set = "invoice2data", Format = "pdf-text", Fields = fields, StatedFieldsOnly = true },
            new() { DocumentPath = Path.Combine(_dir, "scan.png"), Set = "project", Fields = fields }, // not a PDF: left out
        ];

        var scans = await ScanRendering.AsScansAsync(set, 120, Path.Combine(_dir, "scans"));

        Assert.Equal(2, scans.Count);
        Assert.All(scans, s => Assert.Equal(("invoice2data-scans", "scan-120dpi", true), (s.Set, s.Format, s.StatedFieldsOnly)));
        Assert.Same(fields, scans[0].Fields);
        Assert.EndsWith("one.png", scans[0].DocumentPath, StringComparison.Ordinal);
        Assert.EndsWith("two.pdf", scans[1].DocumentPath, StringComparison.Ordinal);
        using var rendered = PdfDocument.Open(scans[1].DocumentPath);
        Assert.Equal(2, rendered.NumberOfPages);
        Assert.All(rendered.GetPages(), p => Assert.Empty(p.Letters)); // pixels only, no text layer
        Assert.All(rendered.GetPages(), p => Assert.Single(p.GetImages()));
    }

    [Fact]
    public async Task WithoutTheRenderer_TheErrorSaysWhatToInstall()
    {
        var pdf = WritePdf("one.pdf", new TestPdf().Text(40, 40, "Invoice"));
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            ScanRendering.RenderAsync(pdf, 100, _dir, tool: Path.Combine(_dir, "no-such-pdftoppm")));
        Assert.Contains("poppler-utils", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvalCommand_AsScans_ScoresTheRenderedPages_ReadByOcr()
    {
        var source = TestPaths.RequireCorpus("pdf-invoices/invoice2data/tests/compare");
        var folder = Directory.CreateDirectory(Path.Combine(_dir, "set")).FullName;
        foreach (var ext in new[] { ".pdf", ".json" }) File.Copy(Path.Combine(source, "AmazonWebServices" + ext), Path.Combine(folder, "AmazonWebServices" + ext));
        var json = Path.Combine(_dir, "report.json");

        var exit = await CliApp.RunAsync(["eval", folder, "--as-scans", "200", "--out", json], new TestConsole().Width(200));

        Assert.Equal(CliApp.Ok, exit);
        var report = Newtonsoft.Json.Linq.JObject.Parse(await File.ReadAllTextAsync(json));
        var doc = report["documents"]!.Single();
        Assert.Equal("invoice2data-scans", (string?)doc["set"]);
        Assert.Equal("eng", (string?)doc["ocrModels"]); // read by OCR, with the English model
        Assert.True((bool)doc["keyFieldsCorrect"]!, string.Join("; ", doc["errors"]!));
    }

    [Theory]
    [InlineData("20")]
    [InlineData("1200")]
    public async Task EvalCommand_AsScans_ResolutionOutOfRange_IsBadUsage(string dpi)
    {
        var console = new TestConsole().Width(200);
        var exit = await CliApp.RunAsync(["eval", _dir, "--as-scans", dpi], console);
        Assert.NotEqual(CliApp.Ok, exit);
        Assert.Contains("50 to 600", console.Output, StringComparison.Ordinal);
    }
}

/// <summary>The damage <c>--as-scans --damage</c> applies: deterministic per seed, the page's size kept, a true perspective.</summary>
public sealed class ScanDamageTests
{
    private static byte[] Page()
    {
        using var bmp = new SkiaSharp.SKBitmap(400, 560);
        using (var c = new SkiaSharp.SKCanvas(bmp))
        {
            c.Clear(SkiaSharp.SKColors.White);
            using var ink = new SkiaSharp.SKPaint { Color = SkiaSharp.SKColors.Black };
            for (var y = 40; y < 520; y += 24) c.DrawRect(40, y, 320, 8, ink);
        }
        using var data = bmp.Encode(SkiaSharp.SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    [Theory]
    [InlineData(ScanDamageKind.Scan)]
    [InlineData(ScanDamageKind.Photo)]
    public void Damage_IsAJpegOfTheSameSize_TheSameForTheSameSeed(ScanDamageKind kind)
    {
        var page = Page();
        var a = ScanDamage.Apply(page, kind, 7);
        var b = ScanDamage.Apply(page, kind, 7);
        var c = ScanDamage.Apply(page, kind, 8);

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.Equal((byte)0xFF, a[0]);
        Assert.Equal((byte)0xD8, a[1]); // JPEG
        using var decoded = SkiaSharp.SKBitmap.Decode(a);
        Assert.Equal((400, 560), (decoded.Width, decoded.Height));
    }

    [Fact]
    public void Photo_PutsThePageOnADesk_ScanKeepsWhitePaperAtTheEdges()
    {
        using var photo = SkiaSharp.SKBitmap.Decode(ScanDamage.Apply(Page(), ScanDamageKind.Photo, 3));
        using var scan = SkiaSharp.SKBitmap.Decode(ScanDamage.Apply(Page(), ScanDamageKind.Scan, 3));
        // The corners of a photo show the desk around the page (the page is drawn in perspective, corners moved in).
        Assert.True(photo.GetPixel(1, 1).Red < 150, $"{photo.GetPixel(1, 1)}");
        Assert.True(scan.GetPixel(200, 2).Red > 200, $"{scan.GetPixel(200, 2)}");
    }

    [Fact]
    public void Homography_MapsTheFourCorners()
    {
        SkiaSharp.SKPoint[] from = [new(0, 0), new(400, 0), new(400, 560), new(0, 560)];
        SkiaSharp.SKPoint[] to = [new(20, 10), new(390, 25), new(370, 540), new(5, 555)];
        var m = ScanDamage.Homography(from, to);
        for (var i = 0; i < 4; i++)
        {
            var p = m.MapPoint(from[i]);
            Assert.InRange(p.X, to[i].X - 0.01f, to[i].X + 0.01f);
            Assert.InRange(p.Y, to[i].Y - 0.01f, to[i].Y + 0.01f);
        }
    }
}
