using CustomsFn.Core.Evaluation;
using CustomsFn.Core.Extraction.Layout;
using CustomsFn.Core.Extraction.Ocr;
using CustomsFn.Core.Model;
using CustomsFn.Core.Sniffing;
using CustomsFn.Tests.Hostile;
using SkiaSharp;

namespace CustomsFn.Tests.Ocr;

/// <summary>
/// Phone photos of a page (<see cref="PhotoCorrection"/>): the page found on the surface around it, straightened and
/// evenly lit; a scan left as it is. The photos are the project's scans photographed by <see cref="ScanDamage"/>.
/// </summary>
public class PhotoCorrectionTests
{
    private static GrayImage Gray(byte[] bytes) => GrayImage.Decode(bytes, ImageHeader.Read(bytes))!;

    private static byte[] Png(GrayImage page)
    {
        using var bmp = new SKBitmap(new SKImageInfo(page.Width, page.Height, SKColorType.Gray8, SKAlphaType.Opaque));
        var span = bmp.GetPixelSpan();
        for (var y = 0; y < page.Height; y++) page.Pixels.AsSpan(y * page.Width, page.Width).CopyTo(span[(y * bmp.RowBytes)..]);
        using var data = bmp.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    [Theory]
    [InlineData("21-minimal-de-invoice.png")]
    [InlineData("05-classic-fr-invoice.png")]
    public void AScan_IsLeftAsItIs(string file) => Assert.Null(PhotoCorrection.Correct(Gray(EvalScans.Bytes(file))));

    [Fact]
    public void APhoto_IsFound_AndStraightenedToAboutThePageSize()
    {
        var scan = Gray(EvalScans.Bytes("21-minimal-de-invoice.png"));
        var photo = Gray(ScanDamage.Apply(Png(scan), ScanDamageKind.Photo, 11));

        var corners = PhotoCorrection.FindPage(photo);
        var page = PhotoCorrection.Correct(photo);

        Assert.NotNull(corners);
        Assert.NotNull(page);
        // The photo moved each corner in by up to 7% of a side: the straightened page is 86-100% of the scan's size.
        Assert.InRange(page.Width, scan.Width * 0.84, scan.Width * 1.01);
        Assert.InRange(page.Height, scan.Height * 0.84, scan.Height * 1.01);
        // The desk is gone: the page's corners are paper, evenly lit.
        Assert.True(page.Pixels[page.Width * 5 + 5] > 200, $"{page.Pixels[page.Width * 5 + 5]}");
        Assert.True(page.Pixels[page.Width * (page.Height - 6) + page.Width - 6] > 200);
    }

    [Fact]
    public void FlattenLight_MakesPaperWhite_UnderAFallOff_AndKeepsInkDark()
    {
        const int w = 1600, h = 600; // a page about 8 inches wide at 200 dpi
        var px = new byte[w * h];
        for (var y = 0; y < h; y++)
            for (var x = 0; x < w; x++)
            {
                var paper = 240 - 120 * x / w; // light falling off from 240 to 120 across the page
                var ink = y % 20 < 3 && x % 50 < 30;
                px[y * w + x] = (byte)(ink ? paper / 4 : paper);
            }
        var page = new GrayImage(w, h, px, 200);

        PhotoCorrection.FlattenLight(page);

        Assert.InRange(page.Pixels[150 * w + 45], 230, 255); // paper on the bright side
        Assert.InRange(page.Pixels[150 * w + 1590], 230, 255); // paper on the dark side, half as bright before
        Assert.InRange(page.Pixels[(10 * 20 + 1) * w + 1560], 0, 90); // ink on the dark side
    }

    [Fact]
    public void Homography_MapsTheFourCorners()
    {
        (double, double)[] from = [(0, 0), (100, 0), (100, 140), (0, 140)];
        (double X, double Y)[] to = [(8, 5), (97, 2), (92, 133), (3, 137)];
        var m = PhotoCorrection.Homography(from, to);
        for (var i = 0; i < 4; i++)
        {
            var (x, y) = from[i];
            var d = m[6] * x + m[7] * y + 1;
            Assert.Equal(to[i].X, (m[0] * x + m[1] * y + m[2]) / d, 6);
            Assert.Equal(to[i].Y, (m[3] * x + m[4] * y + m[5]) / d, 6);
        }
    }

    [Theory]
    [InlineData("21-minimal-de-invoice.png", 11)]
    [InlineData("05-classic-fr-invoice.png", 12)]
    public async Task APhotographedInvoice_IsStraightened_AndItsKeyFieldsRead(string file, int seed)
    {
        var expected = Newtonsoft.Json.Linq.JObject.Parse(File.ReadAllText(Path.Combine(TestPaths.Samples, "eval", "expected", file + ".expected.json")))["fields"]!;
        var photo = await ReadAsync(ScanDamage.Apply(Png(Gray(EvalScans.Bytes(file))), ScanDamageKind.Photo, seed));

        Assert.True(photo.Page.PhotoCorrected);
        Assert.Equal((string?)expected[FieldNames.IssueDate], photo.Doc.Fields.GetText(FieldNames.IssueDate));
        Assert.Equal((decimal)expected[FieldNames.TotalAmount]!, photo.Doc.Fields.GetNumber(FieldNames.TotalAmount));
        Assert.Equal((string?)expected[FieldNames.InvoiceNumber], photo.Doc.Fields.GetText(FieldNames.InvoiceNumber));
    }

    [Fact]
    public async Task AScan_IsNotMarkedAsAPhoto()
    {
        var scan = await ReadAsync(EvalScans.Bytes("21-minimal-de-invoice.png"));
        Assert.False(scan.Page.PhotoCorrected);
    }

    private static async Task<(OcrPage Page, ExtractedDocument Doc)> ReadAsync(byte[] image)
    {
        var page = Assert.Single(await new OcrEngine(new OcrOptions()).ReadImageAsync(image, 1, null, CancellationToken.None));
        var doc = new LayoutFieldExtractor().Extract([page.Text], DocumentFormat.Image, new ExtractorInfo(OcrExtractor.Name, OcrExtractor.Version)).Document;
        return (page, doc);
    }
}
