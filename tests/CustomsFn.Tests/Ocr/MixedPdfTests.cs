using CustomsFn.Core;
using CustomsFn.Core.Extraction.Ocr;
using CustomsFn.Core.Foundation;
using CustomsFn.Core.Extraction.Pdf;
using CustomsFn.Core.Model;
using CustomsFn.Core.Pipeline;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace CustomsFn.Tests.Ocr;

/// <summary>
/// PDFs are read page by page: a scanned page among text pages (an e-mail with the scanned invoice attached) is OCRed,
/// the text pages are read from their text layer, and the result says which page was read how. A text PDF with a small
/// image on a page without text (a logo) stays a text PDF.
/// </summary>
public class MixedPdfTests
{
    private const string Scan = "21-minimal-de-invoice.png";

    /// <summary>An e-mail page with a text layer, then the scanned invoice as a full-page image.</summary>
    private static byte[] EmailWithScannedInvoice(bool scanFillsThePage = true, int termsPages = 0)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var mail = builder.AddPage(PageSize.A4);
        mail.AddText("From: accounts@example.com", 10, new PdfPoint(50, 780), font);
        mail.AddText("Subject: our invoice, attached as a scan", 10, new PdfPoint(50, 765), font);
        mail.AddText("Dear customer, please find the signed invoice on the next page.", 10, new PdfPoint(50, 740), font);
        var scan = builder.AddPage(PageSize.A4);
        var width = scanFillsThePage ? 595 : 120;
        scan.AddPng(EvalScans.Bytes(Scan), new PdfRectangle(0, 842 - (width * 1.414), width, 842));
        for (var i = 0; i < termsPages; i++)
            builder.AddPage(PageSize.A4).AddText($"General terms and conditions, section {i + 1}: delivery, payment and liability.", 10, new PdfPoint(50, 780), font);
        return builder.Build();
    }

    private static DocumentProcessor Processor()
    {
        var options = new PipelineOptions();
        options.Ocr.FixedLanguages = "deu";
        return CustomsDefaults.CreateProcessor(options);
    }

    [Fact]
    public async Task ScannedPageAmongTextPages_IsOcred_AndTheResultSaysWhichPageWasReadHow()
    {
        using var processor = Processor();
        var result = await processor.ProcessAsync(UploadContent.FromBytes(EmailWithScannedInvoice()), new DocumentRef("incoming/mail.pdf"), CancellationToken.None);

        Assert.Equal(DocumentFormat.PdfScan, result.Format);
        var ocr = Assert.Single(result.Findings, f => f.Rule == OcrExtractor.OcrRule);
        Assert.Contains("Pages read by OCR: 2; from their text layer: 1.", ocr.Message, StringComparison.Ordinal);
        var expected = EvalScans.ExpectedFields(Scan);
        Assert.StartsWith("KFG", result.Fields["invoiceNumber"].Text, StringComparison.Ordinal);
        Assert.Equal((decimal)expected["totalAmount"]!, result.Fields["totalAmount"].Number);
        Assert.NotEmpty(result.Lines);
        // The scanned invoice's fields come from page 2, in pixels of the scan.
        Assert.Equal(2, result.Fields["invoiceNumber"].Source!.Page);
    }

    [Fact]
    public async Task LongMixedPdf_KeepsEveryTextPage_NotOnlyThoseWithinTheOcrPageLimit()
    {
        using var processor = Processor();
        var result = await processor.ProcessAsync(UploadContent.FromBytes(EmailWithScannedInvoice(termsPages: 22)), new DocumentRef("incoming/long.pdf"), CancellationToken.None);

        var ocr = Assert.Single(result.Findings, f => f.Rule == OcrExtractor.OcrRule);
        Assert.Contains("Pages read by OCR: 2; from their text layer: 1, 3, 4,", ocr.Message, StringComparison.Ordinal);
        Assert.Contains(", 23, 24.", ocr.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Readout_TakesOnlyFullPageImages_OfAMostlyTextPdf()
    {
        var limits = PdfReadLimits.From(new OcrOptions());
        var mixed = PdfReadout.Read(EmailWithScannedInvoice(), limits, CancellationToken.None);
        Assert.True(mixed.HasScannedPages);
        Assert.Equal([2], mixed.ScanImages(new OcrOptions())!.Select(i => i.PageNumber));
        Assert.Equal([1], mixed.TextLayerPages(10).Select(p => p.Number));

        var logo = PdfReadout.Read(EmailWithScannedInvoice(scanFillsThePage: false), limits, CancellationToken.None);
        Assert.False(logo.HasScannedPages);
        Assert.Null(logo.ScanImages(new OcrOptions()));
    }

    [Fact]
    public async Task TextPdfWithASmallImageOnAPageWithoutText_StaysATextPdf()
    {
        using var processor = Processor();
        var result = await processor.ProcessAsync(UploadContent.FromBytes(EmailWithScannedInvoice(scanFillsThePage: false)),
            new DocumentRef("incoming/logo.pdf"), CancellationToken.None);

        Assert.Equal(DocumentFormat.PdfText, result.Format);
        Assert.DoesNotContain(result.Findings, f => f.Rule == OcrExtractor.OcrRule);
    }
}
