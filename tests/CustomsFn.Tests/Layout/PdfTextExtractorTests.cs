using CustomsFn.Core;
using CustomsFn.Core.Contract;
using CustomsFn.Core.Extraction.Pdf;
using CustomsFn.Core.Foundation;
using CustomsFn.Core.Model;
using CustomsFn.Core.Pipeline;
using CustomsFn.Core.Sniffing;

namespace CustomsFn.Tests.Layout;

public class PdfTextExtractorTests
{
    private static readonly SniffResult Pdf = new(DocumentFormat.Pdf, "application/pdf");

    private static async Task<CustomsResult> ProcessAsync(byte[] bytes) =>
        await CustomsDefaults.CreateProcessor().ProcessAsync(UploadContent.FromBytes(bytes), new DocumentRef("incoming/test.pdf"), CancellationToken.None);

    [Fact]
    public async Task TextPdf_FieldsLinesAndTotalsAreRead()
    {
        var result = await new PdfTextExtractor().ExtractAsync(TestPdf.Invoice().Build(), Pdf, CancellationToken.None);

        Assert.NotNull(result);
        var doc = result.Document;
        Assert.Equal(DocumentFormat.PdfText, doc.Format);
        Assert.Equal(DocumentType.CommercialInvoice, doc.DocumentType);
        Assert.Equal("en", doc.Language);
        Assert.Equal("ACM-2026-0042", doc.Fields.GetText(FieldNames.InvoiceNumber));
        Assert.Equal("2026-03-14", doc.Fields.GetText(FieldNames.IssueDate));
        Assert.Equal("EUR", doc.Fields.GetText(FieldNames.Currency));
        Assert.Equal("Acme Tools GmbH", doc.Fields.GetText(FieldNames.SellerName));
        Assert.Equal("DE", doc.Fields.GetText(FieldNames.SellerCountry));
        Assert.Equal("Maple Coast Distribution Inc.", doc.Fields.GetText(FieldNames.BuyerName));
        Assert.Equal("CA", doc.Fields.GetText(FieldNames.BuyerCountry));
        Assert.Equal("FCA", doc.Fields.GetText(FieldNames.Incoterm));
        Assert.Equal("Stuttgart", doc.Fields.GetText(FieldNames.IncotermPlace));
        Assert.Equal(3517.36m, doc.Fields.GetNumber(FieldNames.LineTotal));
        Assert.Equal(82.64m, doc.Fields.GetNumber(FieldNames.FreightAmount));
        Assert.Equal(3600.00m, doc.Fields.GetNumber(FieldNames.TotalAmount));

        Assert.Equal(2, doc.Lines.Count);
        Assert.Equal("Ball bearing 6204-2RS", doc.Lines[0].GetText(FieldNames.Description));
        Assert.Equal("84821000", doc.Lines[0].GetText(FieldNames.HsCode));
        Assert.Equal(400m, doc.Lines[0].GetNumber(FieldNames.Quantity));
        Assert.Equal("H87", doc.Lines[0].GetText(FieldNames.UnitCode));
        Assert.Equal(4.90m, doc.Lines[0].GetNumber(FieldNames.UnitPrice));
        Assert.Equal(1960.00m, doc.Lines[0].GetNumber(FieldNames.Amount));
        // A description wrapped onto a second line joins the first; the subtotal row is not a goods line.
        Assert.Equal("Planetary gearbox PG-60, steel housing", doc.Lines[1].GetText(FieldNames.Description));
        Assert.Equal(1557.36m, doc.Lines[1].GetNumber(FieldNames.Amount));
    }

    [Fact]
    public async Task TextPdf_SourcesArePdfPointsFromTheBottomLeft()
    {
        var result = await new PdfTextExtractor().ExtractAsync(TestPdf.Invoice().Build(), Pdf, CancellationToken.None);

        var source = result!.Document.Fields[FieldNames.InvoiceNumber].Source!;
        Assert.Equal(1, source.Page);
        Assert.Equal("pt", source.Unit);
        var box = source.Box!;
        // Drawn at x 460 and 70 pt below the top of an 842 pt page, 9 pt Helvetica.
        Assert.InRange(box[0], 459, 461);
        Assert.InRange(box[3], 842 - 70 - 2, 842 - 70 + 2);
        Assert.True(box[1] < box[3] && box[0] < box[2]);
    }

    [Fact]
    public async Task TextPdf_ConfidenceIsScoredNotConstant()
    {
        var doc = (await new PdfTextExtractor().ExtractAsync(TestPdf.Invoice().Build(), Pdf, CancellationToken.None))!.Document;

        var confidences = doc.Fields.Values.Select(f => f.Confidence).Concat(doc.Lines.SelectMany(l => l.Values).Select(f => f.Confidence)).ToList();
        Assert.All(confidences, c => Assert.InRange(c!.Value, 0.01, 0.99));
        Assert.True(confidences.Distinct().Count() > 3, "confidence varies with label quality and cross-checks");
        // Quantity x unit price = amount raises the line's confidence above the description's.
        Assert.True(doc.Lines[0][FieldNames.Amount].Confidence > doc.Lines[0][FieldNames.Description].Confidence);
        // The heuristic issuer is less certain than a labelled invoice number.
        Assert.True(doc.Fields[FieldNames.InvoiceNumber].Confidence > 0.8);
    }

    [Fact]
    public async Task Pipeline_RegistersThePdfExtractor()
    {
        var result = await ProcessAsync(TestPdf.Invoice().Build());

        Assert.Equal(DocumentFormat.PdfText, result.Format);
        Assert.Equal("en", result.Language);
        Assert.Equal(PdfTextExtractor.Name, result.Extractor!.Name);
        Assert.DoesNotContain(result.Findings, f => f.Rule.StartsWith("INPUT-", StringComparison.Ordinal));
        Schemas.AssertValid(Schemas.Result, ResultSerializer.Serialize(result), "the PDF result");
    }

    [Fact]
    public async Task EncryptedPdf_IsRejected()
    {
        var result = await ProcessAsync(TestPdf.Invoice().Build(userPassword: "secret"));

        Assert.Equal(ResultStatus.Rejected, result.Status);
        Assert.Equal(InputCodes.EncryptedPdf, Assert.Single(result.Findings).Rule);
    }

    [Fact]
    public async Task TruncatedPdf_IsRejectedAsCorrupt()
    {
        var bytes = TestPdf.Invoice().Build();
        var result = await ProcessAsync(bytes[..(bytes.Length / 3)]);

        Assert.Equal(ResultStatus.Rejected, result.Status);
        Assert.Equal(InputCodes.CorruptPdf, Assert.Single(result.Findings).Rule);
    }

    [Fact]
    public async Task ImageOnlyPdf_IsDeclinedAndItsImagesAreExposedForOcr()
    {
        var bytes = new TestPdf().ImageOnly().Build();

        Assert.Null(await new PdfTextExtractor().ExtractAsync(bytes, Pdf, CancellationToken.None));
        var pages = PdfPages.Read(bytes, includeImages: true, CancellationToken.None);
        var page = Assert.Single(pages);
        Assert.False(page.HasTextLayer);
        var image = Assert.Single(page.Images);
        Assert.Equal(64, image.WidthPx);
        Assert.NotNull(image.EncodedImage);
        Assert.InRange(image.X0, 49, 51);
        Assert.InRange(image.Top, 49, 51); // 842 - (50 + 742)
    }

    [Fact]
    public async Task TableContinuedOnTheNextPage_WithoutRepeatedHeader_KeepsItsColumns()
    {
        var pdf = new TestPdf()
            .Text(40, 40, "INVOICE", 14).Text(320, 70, "Invoice No.:").Text(460, 70, "X-77")
            .Text(40, 230, "Description").Text(320, 230, "Qty").Text(400, 230, "Unit price").Text(480, 230, "Amount");
        for (var i = 0; i < 3; i++)
            pdf.Text(40, 246 + 16 * i, $"Widget {i + 1}").Text(320, 246 + 16 * i, "2").Text(400, 246 + 16 * i, "10.00").Text(480, 246 + 16 * i, "20.00");
        pdf.NewPage();
        for (var i = 0; i < 2; i++)
            pdf.Text(40, 60 + 16 * i, $"Gadget {i + 1}").Text(320, 60 + 16 * i, "3").Text(400, 60 + 16 * i, "5.00").Text(480, 60 + 16 * i, "15.00");
        pdf.Text(360, 110, "Total").Text(480, 110, "90.00");

        var doc = (await new PdfTextExtractor().ExtractAsync(pdf.Build(), Pdf, CancellationToken.None))!.Document;

        Assert.Equal(["Widget 1", "Widget 2", "Widget 3", "Gadget 1", "Gadget 2"], doc.Lines.Select(l => l.GetText(FieldNames.Description)));
        Assert.Equal(15.00m, doc.Lines[4].GetNumber(FieldNames.Amount));
        Assert.Equal(2, doc.Lines[4].SourceOf(FieldNames.Amount)!.Page);
        Assert.Equal(90.00m, doc.Fields.GetNumber(FieldNames.TotalAmount));
    }
}
