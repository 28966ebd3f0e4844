using System.Collections.Concurrent;
using CustomsFn.Core.Extraction.Layout;
using CustomsFn.Core.Extraction.Ocr;
using CustomsFn.Core;
using CustomsFn.Core.Model;
using CustomsFn.Core.Sniffing;
using CustomsFn.Tests.Hostile;
using SkiaSharp;

namespace CustomsFn.Tests.Ocr;

/// <summary>
/// Pages scanned sideways or upside down: the project's scans turned by exact quarter turns (no pixel changed) must
/// be read turned back, with the orientation recorded and the key fields of the upright read (real tesseract).
/// </summary>
public class OrientationTests
{
    private static readonly (string File, string[] Prefix) Cli = ("dotnet", [Path.Combine(AppContext.BaseDirectory, "customs.dll")]);

    /// <summary>Upright reads, once per scan for the whole class.</summary>
    private static readonly ConcurrentDictionary<string, Task<(OcrPage Page, ExtractedDocument Doc)>> Upright = new();

    [Fact]
    public void QuarterTurns_MovePixelsExactly_AndSwapTheSides()
    {
        // 3 wide, 2 high:  1 2 3
        //                  4 5 6
        var page = new GrayImage(3, 2, [1, 2, 3, 4, 5, 6], 300);

        var quarter = page.Rotate90();
        Assert.Equal((2, 3, 300.0), (quarter.Width, quarter.Height, quarter.Dpi!.Value));
        Assert.Equal([4, 1, 5, 2, 6, 3], quarter.Pixels);

        var half = page.Rotate180();
        Assert.Equal((3, 2), (half.Width, half.Height));
        Assert.Equal([6, 5, 4, 3, 2, 1], half.Pixels);

        var threeQuarters = page.Rotate270();
        Assert.Equal((2, 3), (threeQuarters.Width, threeQuarters.Height));
        Assert.Equal([3, 6, 2, 5, 1, 4], threeQuarters.Pixels);

        Assert.Equal(quarter.Pixels, page.RotateQuarterTurns(1).Pixels);
        Assert.Equal(half.Pixels, page.RotateQuarterTurns(-2).Pixels);
        Assert.Equal(threeQuarters.Pixels, page.RotateQuarterTurns(-1).Pixels);
        Assert.Equal(page.Pixels, page.RotateQuarterTurns(4).Pixels);
        Assert.NotSame(page.Pixels, page.RotateQuarterTurns(0).Pixels);
        Assert.Equal([1, 2, 3, 4, 5, 6], page.Pixels); // the source is left as it was
    }

    [Fact]
    public void QuarterTurns_OfAScan_AreLossless_AndFourMakeTheSamePage()
    {
        var bytes = EvalScans.Bytes("21-minimal-de-invoice.png");
        var page = GrayImage.Decode(bytes, ImageHeader.Read(bytes))!;

        var back = page.Rotate90().Rotate90().Rotate90().Rotate90();
        Assert.Equal((page.Width, page.Height), (back.Width, back.Height));
        Assert.Equal(page.Pixels, back.Pixels);
        Assert.Equal(page.Pixels, page.Rotate90().Rotate270().Pixels);
        Assert.Equal(page.Pixels, page.Rotate180().Rotate180().Pixels);
        var quarter = page.Rotate90();
        Assert.Equal((page.Height, page.Width), (quarter.Width, quarter.Height));
        // The top-left pixel of the page is the top-right one of the page turned a quarter clockwise.
        Assert.Equal(page.Pixels[0], quarter.Pixels[quarter.Width - 1]);
        Assert.Equal(page.Pixels[^1], quarter.Pixels[^quarter.Width]);
    }

    [Fact]
    public void ChooseQuarterTurns_TurnsOnlyWhenOneTurnHasClearlyTheMostConfidentWords()
    {
        var options = new OcrOptions(); // at least 10 confident words, twice as many as any other turn
        Assert.Equal(3, PageOrientation.ChooseQuarterTurns([2, 0, 3, 32], options));
        Assert.Equal(1, PageOrientation.ChooseQuarterTurns([4, 12, 5, 0], options));
        Assert.Equal(0, PageOrientation.ChooseQuarterTurns([30, 2, 3, 1], options)); // upright is best
        Assert.Equal(0, PageOrientation.ChooseQuarterTurns([3, 9, 1, 0], options)); // too few words to tell
        Assert.Equal(0, PageOrientation.ChooseQuarterTurns([11, 0, 20, 1], options)); // not clearly more
        Assert.Equal(0, PageOrientation.ChooseQuarterTurns([0, 0, 0, 0], options)); // a blank page
    }

    [Fact]
    public void PoorRead_IsFewConfidentWordsForTheArea()
    {
        var options = new OcrOptions(); // 0.3 confident words per square inch, a quarter of the words
        // A 4 x 2 inch probe at 100 dpi: 8 square inches, so 3 confident words (0.375/sq in) are enough.
        TextWord Word(string text, double confidence) => new(text, 0, 0, 10, 10, confidence);
        List<TextWord> good = [Word("Rechnung", 0.9), Word("Datum", 0.8), Word("2026-11-04", 0.95)];
        Assert.False(PageOrientation.IsPoorRead(good, 400, 200, 100, options));
        // Turned text reads as specks, single letters and unsure words: none of them count.
        List<TextWord> turned = [Word("Rechnung", 0.9), Word("ee", 0.5), Word("|", 0.95), Word("a", 0.99), Word("-_'", 0.8), Word("mI", 0.3)];
        Assert.Equal(1, PageOrientation.ConfidentWords(turned, options.OrientationWordConfidence));
        Assert.True(PageOrientation.IsPoorRead(turned, 400, 200, 100, options));
        Assert.True(PageOrientation.IsPoorRead([], 400, 200, 100, options));
        // A sparse upright page (a short last page): few words for its area, but most of them confident.
        Assert.False(PageOrientation.IsPoorRead([Word("Totaal", 0.9), Word("1.250,00", 0.93), Word("~", 0.2)], 1700, 2300, 200, options));
        // Han and kana count as letters.
        Assert.Equal(2, PageOrientation.ConfidentWords([Word("送り状", 0.9), Word("发票", 0.8)], 0.75));
    }

    [Theory]
    [InlineData("21-minimal-de-invoice.png", 1)]
    [InlineData("21-minimal-de-invoice.png", 2)]
    [InlineData("21-minimal-de-invoice.png", 3)]
    [InlineData("13-sidebar-en-invoice.tif", 1)]
    [InlineData("13-sidebar-en-invoice.tif", 2)]
    [InlineData("13-sidebar-en-invoice.tif", 3)]
    [InlineData("08-banner-zh-invoice.jpg", 1)] // Chinese: the small reads' English model still tells upright from turned
    public async Task TurnedScan_IsReadTurnedBack_WithTheUprightReadsKeyFields(string file, int quarterTurns)
    {
        var (uprightPage, upright) = await UprightAsync(file);
        var (page, doc) = await ReadAsync(Turned(file, quarterTurns), new OcrOptions());

        // Turned a quarter clockwise, the page is read turned three quarters further (and so on).
        Assert.Equal((4 - quarterTurns) * 90, page.TurnedDegrees);
        Assert.Equal((uprightPage.Text.Width, uprightPage.Text.Height), (page.Text.Width, page.Text.Height));
        Assert.Equal(uprightPage.DetectedLanguage, page.DetectedLanguage);
        AssertSameKeyFields(upright, doc);
        Assert.Contains($"Turned upright before reading (clockwise): page 1 by {page.TurnedDegrees} degrees.", OcrExtractor.Summary([page]).Message);
    }

    [Fact]
    public async Task UprightScan_RecordsNoTurn()
    {
        var (page, doc) = await UprightAsync("21-minimal-de-invoice.png");

        Assert.Equal(0, page.TurnedDegrees);
        Assert.Equal("deu", page.Languages);
        Assert.NotNull(doc.Fields.GetText(FieldNames.InvoiceNumber));
        Assert.DoesNotContain("Turned", OcrExtractor.Summary([page]).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TurnedScan_WithTheLanguageGiven_IsToldByItsPoorFinalRead()
    {
        // No language probe: the final read of the turned page is the quick read that is poor.
        var (_, upright) = await UprightAsync("21-minimal-de-invoice.png");
        var (page, doc) = await ReadAsync(Turned("21-minimal-de-invoice.png", 1), new OcrOptions { FixedLanguages = "deu" });

        Assert.Equal(270, page.TurnedDegrees);
        Assert.Null(page.DetectedLanguage);
        AssertSameKeyFields(upright, doc);
    }

    [Fact]
    public async Task TurnedScan_ReadByTheOcrWorkers_IsTurnedBack()
    {
        var options = new OcrOptions { Workers = 2 };
        using var pool = new OcrWorkerPool(options, HostileInputSuiteTests.WorkerIsolation(), Cli);
        var (_, upright) = await UprightAsync("13-sidebar-en-invoice.tif");

        var (page, doc) = await ReadAsync(Turned("13-sidebar-en-invoice.tif", 2), options, pool);

        Assert.StartsWith("libtesseract", page.Recognizer, StringComparison.Ordinal);
        Assert.Equal(180, page.TurnedDegrees);
        AssertSameKeyFields(upright, doc);
    }

    [Fact]
    public async Task TurnedScan_ThroughTheExtractor_SaysSoInItsOcrFinding()
    {
        var (_, upright) = await UprightAsync("21-minimal-de-invoice.png");
        var png = Turned("21-minimal-de-invoice.png", 2);
        var extractor = new OcrExtractor(new OcrOptions(), new LayoutFieldExtractor().Extract);

        var result = await extractor.ExtractAsync(png, DocumentSniffer.Sniff(png), CancellationToken.None);

        var summary = Assert.Single(result!.Findings, f => f.Rule == OcrExtractor.OcrRule);
        Assert.Contains("Turned upright before reading (clockwise): page 1 by 180 degrees.", summary.Message, StringComparison.Ordinal);
        AssertSameKeyFields(upright, result.Document);
    }

    private static void AssertSameKeyFields(ExtractedDocument upright, ExtractedDocument turned)
    {
        foreach (var name in new[] { FieldNames.InvoiceNumber, FieldNames.TotalAmount, FieldNames.IssueDate })
        {
            Assert.NotNull(upright.Fields.GetText(name));
            Assert.Equal(upright.Fields.GetText(name), turned.Fields.GetText(name));
        }
    }

    private static Task<(OcrPage Page, ExtractedDocument Doc)> UprightAsync(string file) =>
        Upright.GetOrAdd(file, f => ReadAsync(Turned(f, 0), new OcrOptions()));

    private static async Task<(OcrPage Page, ExtractedDocument Doc)> ReadAsync(byte[] image, OcrOptions options, OcrWorkerPool? workers = null)
    {
        var pages = await new OcrEngine(options, workers).ReadImageAsync(image, 1, null, CancellationToken.None);
        var page = Assert.Single(pages);
        var doc = new LayoutFieldExtractor().Extract([page.Text], DocumentFormat.Image, new ExtractorInfo(OcrExtractor.Name, OcrExtractor.Version)).Document;
        return (page, doc);
    }

    /// <summary>The scan turned clockwise by <paramref name="quarterTurns"/> quarters, as a PNG (lossless; upright too, so both are read from the same kind of file).</summary>
    private static byte[] Turned(string file, int quarterTurns)
    {
        var bytes = EvalScans.Bytes(file);
        var page = GrayImage.Decode(bytes, ImageHeader.Read(bytes))!.RotateQuarterTurns(quarterTurns);
        var info = new SKImageInfo(page.Width, page.Height, SKColorType.Gray8, SKAlphaType.Opaque);
        using var bmp = new SKBitmap(info);
        page.Pixels.CopyTo(bmp.GetPixelSpan());
        using var data = bmp.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
