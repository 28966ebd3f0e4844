using CustomsFn.Core.Extraction.Ocr;
using CustomsFn.Core.Extraction.Ocr.Paddle;

namespace CustomsFn.Tests.Ocr.Paddle;

/// <summary>Which engine reads a page (OcrOptions.Engine), and Tesseract when the PaddleOCR models are missing.</summary>
public class PaddleRoutingTests
{
    [Fact]
    public void Auto_SendsChinesePagesToPaddle_AndEveryOtherLanguageToTesseract()
    {
        var auto = new OcrEngine(new OcrOptions());
        Assert.True(auto.ReadsWithPaddle("chi_sim"));
        Assert.All(new[] { "eng", "deu", "fra", "spa", "ita", "nld", "jpn" }, l => Assert.False(auto.ReadsWithPaddle(l), l));

        Assert.False(new OcrEngine(new OcrOptions { Engine = OcrEngineKind.Tesseract }).ReadsWithPaddle("chi_sim"));
        Assert.True(new OcrEngine(new OcrOptions { Engine = OcrEngineKind.Paddle }).ReadsWithPaddle("eng"));
        Assert.True(new OcrEngine(new OcrOptions { PaddleFor = "chi_sim+jpn" }).ReadsWithPaddle("jpn"));
    }

    [Fact]
    public async Task ChineseScan_UnderAuto_IsReadByPaddle_AfterTheTesseractProbe()
    {
        const string File = "08-banner-zh-invoice.jpg";
        var engine = new OcrEngine(new OcrOptions());

        var page = Assert.Single(await engine.ReadImageAsync(EvalScans.Bytes(File), 1, null, CancellationToken.None));

        Assert.Equal(PaddleOcr.RecognizerName, page.Recognizer);
        Assert.Equal(("zh", "chi_sim"), (page.DetectedLanguage, page.Languages));
        Assert.Contains(page.Text.Words, w => w.Text == (string)EvalScans.ExpectedFields(File)["invoiceNumber"]!);
    }

    [Fact]
    public async Task ModelsMissing_PagesAreReadByTesseract_NotACrash()
    {
        var options = new OcrOptions { Engine = OcrEngineKind.Paddle, PaddleModels = Path.Combine(Path.GetTempPath(), "no-paddle-models-" + Guid.NewGuid().ToString("N")), FixedLanguages = "deu" };
        var engine = new OcrEngine(options);

        var page = Assert.Single(await engine.ReadImageAsync(EvalScans.TopOfPagePng("21-minimal-de-invoice.png", 0.3), 1, null, CancellationToken.None));

        Assert.False(engine.PaddleAvailable);
        Assert.NotEqual(PaddleOcr.RecognizerName, page.Recognizer);
        Assert.NotEmpty(page.Text.Words);
    }

    [Fact]
    public void TheSummary_NamesTheEngineOfEachPage_WhenTheyDiffer()
    {
        static OcrPage Page(int n, string languages, string recognizer) =>
            new(new CustomsFn.Core.Extraction.Layout.PageText(n, 100, 100, CustomsFn.Core.Extraction.Layout.PageText.Pixels, []), 0, false, 200, languages, null, 0, recognizer);

        var mixed = OcrExtractor.Summary([Page(1, "eng", "libtesseract 5.3"), Page(2, "chi_sim", PaddleOcr.RecognizerName)]).Message;
        var one = OcrExtractor.Summary([Page(1, "chi_sim", PaddleOcr.RecognizerName)]).Message;

        Assert.Contains("OCR languages eng (libtesseract 5.3)", mixed, StringComparison.Ordinal);
        Assert.Contains($"Engines per page: page 1 libtesseract 5.3 (eng); page 2 {PaddleOcr.RecognizerName} (chi_sim).", mixed, StringComparison.Ordinal);
        Assert.Contains($"OCR languages chi_sim ({PaddleOcr.RecognizerName})", one, StringComparison.Ordinal);
        Assert.DoesNotContain("Engines per page", one, StringComparison.Ordinal);
        Assert.DoesNotContain("Tesseract languages", one, StringComparison.Ordinal);
    }
}
