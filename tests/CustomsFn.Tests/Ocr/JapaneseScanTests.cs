using System.Collections.Concurrent;
using CustomsFn.Core.Evaluation;
using CustomsFn.Core.Extraction.Layout;
using CustomsFn.Core.Extraction.Ocr;
using CustomsFn.Core.Model;

namespace CustomsFn.Tests.Ocr;

/// <summary>
/// Japanese pages read as scans (layout families rendered at 200 dpi by pdftoppm, read by the real Tesseract): the
/// language probe, the orientation check and the model a Japanese page is read with. Train families only.
/// </summary>
public sealed class JapaneseScanTests
{
    private static readonly ConcurrentDictionary<string, Task<(OcrPage Page, ExtractedDocument Doc)>> Reads = new();

    [Fact]
    public async Task AnUprightJapanesePageWithARuledTable_IsNotTurned_AndIsReadAsJapanese()
    {
        // The English model read this upright page, turned, as more confident words than upright, and turned it over.
        var (page, doc) = await ReadAsync("f41-1-ja-credit-note.pdf");

        Assert.Equal(0, page.TurnedDegrees);
        Assert.Equal("ja", page.DetectedLanguage);
        Assert.Equal("JPY", doc.Fields.GetText(FieldNames.Currency));
        Assert.Equal("2026-07-12", doc.Fields.GetText(FieldNames.IssueDate));
    }

    [Fact]
    public async Task AJapaneseLetterheadOverAnEnglishBuyer_IsJapanese()
    {
        // The English model reads the buyer's block confidently and the Japanese lines as junk: not clearly Latin.
        var (page, doc) = await ReadAsync("f13-1-ja-commercial-invoice.pdf");

        Assert.Equal("ja", page.DetectedLanguage);
        Assert.Equal("INV-000490", doc.Fields.GetText(FieldNames.InvoiceNumber));
        Assert.Equal("2026-04-23", doc.Fields.GetText(FieldNames.IssueDate));
    }

    [Fact]
    public async Task JapanesePages_AreReadWithTheEnglishModelToo_ForTheirDigitsAndLatinNames()
    {
        // The Japanese model alone reads this font's 0 as 6 (450 -> 456, EX-008817 -> EX-608817) and Latin names badly.
        var (page, doc) = await ReadAsync("f34-1-ja-commercial-invoice.pdf");

        Assert.Equal("jpn+eng", page.Languages);
        Assert.Equal("EX-008817", doc.Fields.GetText(FieldNames.InvoiceNumber));
        Assert.Contains(doc.Lines, l => l.GetNumber(FieldNames.Quantity) == 600m && l.GetNumber(FieldNames.Amount) == 418800m);
    }

    [Theory]
    [InlineData("ja", LanguageProbe.CjkProbe)]
    [InlineData("zh", LanguageProbe.CjkProbe)]
    [InlineData("jpn+eng", LanguageProbe.CjkProbe)]
    [InlineData("chi_sim", LanguageProbe.CjkProbe)]
    [InlineData("de", LanguageProbe.LatinProbe)]
    [InlineData("eng", LanguageProbe.LatinProbe)]
    [InlineData(null, LanguageProbe.LatinProbe)]
    public void TurnedCopiesOfACjkPage_AreReadWithTheJapaneseModel(string? language, string model) =>
        Assert.Equal(model, OcrEngine.TurnModel(language));

    [Fact]
    public void ALatinPageTopWithALogoReadAsSpecks_IsStillClearlyLatin()
    {
        // The most poor words per good word on the project's and invoice2data's Latin scans: 23 poor, 19 good.
        IReadOnlyList<TextWord> words = [.. Enumerable.Range(0, 19).Select(i => W("Word" + i, 0.9)), .. Enumerable.Range(0, 23).Select(i => W("~" + i, 0.2))];

        Assert.False(LanguageProbe.MostlyUnreadAsLatin(words));
        // 9 good, 16 poor: a Japanese letterhead over an English buyer.
        Assert.True(LanguageProbe.MostlyUnreadAsLatin([.. words.Take(9), .. words.Skip(19).Take(16)]));
    }

    private static TextWord W(string text, double confidence) => new(text, 0, 0, 10, 10, confidence);

    private static Task<(OcrPage Page, ExtractedDocument Doc)> ReadAsync(string file) => Reads.GetOrAdd(file, ReadUncachedAsync);

    private static async Task<(OcrPage Page, ExtractedDocument Doc)> ReadUncachedAsync(string f)
    {
        var dir = Directory.CreateTempSubdirectory("customsfn-ja-");
        try
        {
            var pngs = await ScanRendering.RenderAsync(Path.Combine(TestPaths.Samples, "families", "documents", f), 200, dir.FullName);
            var pages = await new OcrEngine(new OcrOptions { Engine = OcrEngineKind.Tesseract }).ReadImageAsync(await File.ReadAllBytesAsync(pngs[0]), 1, null, CancellationToken.None);
            var page = Assert.Single(pages);
            var doc = new LayoutFieldExtractor().Extract([page.Text], DocumentFormat.Image, new ExtractorInfo(OcrExtractor.Name, OcrExtractor.Version)).Document;
            return (page, doc);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
