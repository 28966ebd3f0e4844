using CustomsFn.Core.Extraction.Pdf;
using System.Diagnostics;
using CustomsFn.Core;
using CustomsFn.Core.Contract;
using CustomsFn.Core.Extraction.Layout;
using CustomsFn.Core.Extraction.Ocr;
using CustomsFn.Core.Foundation;
using CustomsFn.Core.Model;
using CustomsFn.Core.Pipeline;

namespace CustomsFn.Tests.Ocr;

/// <summary>The real Debian tesseract (installed by scripts/bootstrap.sh --ocr) on small crops of the generated scans.</summary>
public class TesseractTests
{
    [Fact]
    public void Tsv_ParsesWordsBoxesAndConfidences()
    {
        const string tsv = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n" +
                           "1\t1\t0\t0\t0\t0\t0\t0\t1654\t2339\t-1\t\n" +
                           "4\t1\t1\t1\t1\t0\t100\t200\t300\t40\t-1\t\n" +
                           "5\t1\t1\t1\t1\t1\t100\t200\t120\t40\t96.5\tInvoice\n" +
                           "5\t1\t1\t1\t1\t2\t230\t201\t170\t39\t-1\t \n" +
                           "5\t1\t1\t1\t1\t3\t410\t202\t90\t38\t41.3\tNo.\n";
        var page = Assert.Single(TesseractTsv.Parse(tsv));
        Assert.Equal(PageText.Pixels, page.Unit);
        Assert.Equal((1654.0, 2339.0), (page.Width, page.Height));
        Assert.Equal(["Invoice", "No."], page.Words.Select(w => w.Text));
        Assert.Equal(new TextWord("Invoice", 100, 200, 220, 240, 0.965), page.Words[0]);
        Assert.Equal(0.413, page.Words[1].Confidence);
    }

    [Fact]
    public async Task Engine_ReadsTheInvoiceNumberWithItsBox_FromASkewedScan()
    {
        const string file = "21-minimal-de-invoice.png";
        var png = EvalScans.TopOfPagePng(file, 0.14);
        var engine = new OcrEngine(new OcrOptions { FixedLanguages = "deu" });

        var page = Assert.Single(await engine.ReadImageAsync(png, 1, null, CancellationToken.None));

        var applied = (double)EvalScans.Manifest(file)["skewDegrees"]!;
        Assert.True(page.Deskewed);
        Assert.InRange(page.SkewDegrees, applied - 0.3, applied + 0.3);
        Assert.Equal("deu", page.Languages);
        var number = (string)EvalScans.ExpectedFields(file)["invoiceNumber"]!;
        var word = Assert.Single(page.Text.Words, w => w.Text.Contains(number, StringComparison.Ordinal));
        Assert.InRange(word.X0, 0, page.Text.Width);
        Assert.True(word.X1 > word.X0 && word.Bottom > word.Top);
        Assert.InRange(word.Bottom, 0, page.Text.Height);
        Assert.All(page.Text.Words, w => Assert.InRange(w.Confidence!.Value, 0, 1));
        Assert.True(word.Confidence > 0.5);
        Assert.Contains(page.Text.Words, w => w.Text.StartsWith("HANDELSRECHNUNG", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Engine_DetectsTheLanguage_LatinAndJapanese()
    {
        var engine = new OcrEngine(new OcrOptions());
        var de = Assert.Single(await engine.ReadImageAsync(EvalScans.TopOfPagePng("21-minimal-de-invoice.png", 0.3), 1, null, CancellationToken.None));
        Assert.Equal(("de", "deu"), (de.DetectedLanguage, de.Languages));
        var ja = Assert.Single(await engine.ReadImageAsync(EvalScans.TopOfPagePng("12-sidebar-ja-invoice.png", 0.35), 1, null, CancellationToken.None));
        Assert.Equal(("ja", "jpn+eng"), (ja.DetectedLanguage, ja.Languages));
        Assert.Contains("株式会社", string.Concat(ja.Text.Words.Select(w => w.Text)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runner_KillsAHungChild_AndRejectsWithTimeout()
    {
        var dir = Directory.CreateTempSubdirectory("hung-tesseract-");
        try
        {
            var pidFile = Path.Combine(dir.FullName, "pid");
            var script = Path.Combine(dir.FullName, "tesseract");
            await File.WriteAllTextAsync(script, $"#!/bin/sh\necho $$ > '{pidFile}'\nexec sleep 60\n");
            Assert.True(OperatingSystem.IsLinux(), "runs the Debian tesseract set-up");
            if (OperatingSystem.IsLinux()) File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var runner = new TesseractRunner(new OcrOptions { TesseractPath = script, PageTimeout = TimeSpan.FromSeconds(1) });

            var sw = Stopwatch.StartNew();
            var ex = await Assert.ThrowsAsync<DocumentRejectedException>(() => runner.RecognizeTsvAsync("page.png", "eng", null, CancellationToken.None));

            Assert.Equal(InputCodes.Timeout, ex.Code);
            Assert.True(sw.Elapsed < TimeSpan.FromSeconds(20), $"took {sw.Elapsed}");
            var pid = int.Parse((await File.ReadAllTextAsync(pidFile)).Trim(), System.Globalization.CultureInfo.InvariantCulture);
            Assert.False(Directory.Exists($"/proc/{pid}") && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal),
                "the hung child is still running");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Runner_MissingBinary_SaysWhatToInstall()
    {
        var runner = new TesseractRunner(new OcrOptions { TesseractPath = "/nonexistent/bin/tesseract" });
        var ex = await Assert.ThrowsAsync<OcrUnavailableException>(() => runner.RecognizeTsvAsync("page.png", "eng", null, CancellationToken.None));
        Assert.Contains("tesseract-ocr", ex.Message, StringComparison.Ordinal);
        Assert.Contains("/nonexistent/bin/tesseract", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Processor_WithoutAnOcrEngine_RejectsTheScan_SayingWhatIsMissing()
    {
        var options = new PipelineOptions();
        options.Ocr.TesseractPath = "/nonexistent/bin/tesseract";
        var processor = CustomsDefaults.CreateProcessor(options);

        var result = await processor.ProcessAsync(new MemoryStream(EvalScans.Bytes("05-classic-fr-invoice.png")), new DocumentRef("incoming/scan.png"), CancellationToken.None);

        Assert.Equal(ResultStatus.Rejected, result.Status);
        var finding = Assert.Single(result.Findings);
        Assert.Equal(InputCodes.Unprocessable, finding.Rule);
        Assert.Contains("cannot read scans", finding.Message, StringComparison.Ordinal);
        Assert.Contains("tesseract-ocr", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ScanImages_DeclineTextPdfs_AndTakeThePageImagesOfScans()
    {
        var options = new OcrOptions();
        Assert.Null(PdfReadout.Read(EvalScans.Bytes("01-classic-en-invoice.pdf"), PdfReadLimits.From(options), CancellationToken.None).ScanImages(options));
        const string scan = "25-ledger-nl-invoice.scan.pdf";
        var pages = PdfReadout.Read(EvalScans.Bytes(scan), PdfReadLimits.From(options), CancellationToken.None).ScanImages(options)!;
        Assert.Equal((int)EvalScans.Manifest(scan)["pages"]!, pages.Count);
        Assert.Equal([1, 2], pages.Select(p => p.PageNumber));
        var dpi = (int)EvalScans.Manifest(scan)["dpi"]!;
        Assert.All(pages, p => Assert.InRange(p.Dpi!.Value, dpi - 1, dpi + 1));
        Assert.All(pages, p => Assert.Equal("JPEG", ImageHeader.Read(p.Encoded).Kind));
    }

    [Fact]
    public async Task Pipeline_ReadsAScannedPdf_WithTheOcrExtractor()
    {
        const string file = "32-packing-en-packing-list.scan.pdf";
        var processor = CustomsDefaults.CreateProcessor();
        var result = await processor.ProcessAsync(new MemoryStream(EvalScans.Bytes(file)), new DocumentRef("incoming/" + file), CancellationToken.None);
        Assert.Equal(DocumentFormat.PdfScan, result.Format);
        Assert.Equal(OcrExtractor.Name, result.Extractor!.Name);
        var note = Assert.Single(result.Findings, f => f.Rule == OcrExtractor.OcrRule);
        Assert.Equal(Severity.Info, note.Severity);
        Assert.Contains("OCR languages eng", note.Message, StringComparison.Ordinal);
        Assert.Equal("en", result.Language);
    }
}
