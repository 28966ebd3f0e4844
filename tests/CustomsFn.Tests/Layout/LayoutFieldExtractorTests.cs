using CustomsFn.Core.Contract;
using CustomsFn.Core.Extraction.Layout;
using CustomsFn.Core.Model;

namespace CustomsFn.Tests.Layout;

public class LayoutFieldExtractorTests
{
    private static readonly ExtractorInfo Info = new("test", "1");

    /// <summary>Words of an OCR'd page (pixels, with recogniser confidences), one text per (x, line).</summary>
    private static PageText OcrPage(double confidence, params (double X, int Line, string Text)[] words) =>
        new(1, 2480, 3508, PageText.Pixels,
            words.Select(w => new TextWord(w.Text, w.X, 100 + w.Line * 60, w.X + w.Text.Length * 18, 130 + w.Line * 60, confidence)).ToList());

    private static (double, int, string)[] Table(string amount) =>
    [
        (100, 0, "INVOICE"), (1200, 1, "Invoice No.:"), (1600, 1, "R-1"),
        (100, 3, "Description"), (900, 3, "Qty"), (1200, 3, "Unit price"), (1700, 3, "Amount"),
        (100, 4, "Steel bracket"), (900, 4, "12"), (1200, 4, "4.50"), (1700, 4, amount),
        (100, 5, "Copper wire"), (900, 5, "3"), (1200, 5, "10.00"), (1700, 5, "30.00"),
        (1200, 7, "Subtotal"), (1700, 7, "84.00"),
        (1200, 8, "Total"), (1700, 8, "84.00"),
    ];

    [Fact]
    public void OcrDigitError_PinnedByArithmetic_IsRepairedAndReported()
    {
        // 12 x 4.50 = 54.00; OCR read 34.00 (one digit off).
        var result = new LayoutFieldExtractor().Extract([OcrPage(0.9, Table("34.00"))], DocumentFormat.Image, Info);

        var line = result.Document.Lines[0];
        Assert.Equal(54.00m, line.GetNumber(FieldNames.Amount));
        Assert.True(line[FieldNames.Amount].Confidence < result.Document.Lines[1][FieldNames.Amount].Confidence, "a repaired value is less certain");
        var finding = Assert.Single(result.Findings, f => f.Rule == LayoutFieldExtractor.RepairRule);
        Assert.Equal(Severity.Info, finding.Severity);
        Assert.Equal("lines[0].amount", finding.Path);
        Assert.Equal("px", finding.Source!.Unit);
    }

    [Fact]
    public void TextLayerMismatch_IsNotRepaired()
    {
        // The same numbers in a PDF text layer: a wrong amount is the document's own error, for the rules to report.
        var page = OcrPage(0.9, Table("34.00"));
        var textLayer = page with { Unit = PageText.Points, Words = page.Words.Select(w => w with { Confidence = null }).ToList() };

        var result = new LayoutFieldExtractor().Extract([textLayer], DocumentFormat.PdfText, Info);

        Assert.Equal(34.00m, result.Document.Lines[0].GetNumber(FieldNames.Amount));
        Assert.Empty(result.Findings);
        Assert.True(result.Document.Lines[0][FieldNames.Amount].Confidence < result.Document.Lines[1][FieldNames.Amount].Confidence,
            "the line whose arithmetic fails is less certain than the one that agrees");
    }

    [Fact]
    public void AmbiguousOcrError_IsLeftAlone()
    {
        // 12 x 4.50 = 54.00 but 97.00: no single changed digit in quantity, price or amount makes the line add up.
        var result = new LayoutFieldExtractor().Extract([OcrPage(0.9, Table("97.00"))], DocumentFormat.Image, Info);

        Assert.Equal(97.00m, result.Document.Lines[0].GetNumber(FieldNames.Amount));
        Assert.DoesNotContain(result.Findings, f => f.Rule == LayoutFieldExtractor.RepairRule);
    }

    [Fact]
    public void OcrConfidence_LowersFieldConfidence()
    {
        var sure = new LayoutFieldExtractor().Extract([OcrPage(0.95, Table("54.00"))], DocumentFormat.Image, Info).Document;
        var unsure = new LayoutFieldExtractor().Extract([OcrPage(0.40, Table("54.00"))], DocumentFormat.Image, Info).Document;

        Assert.True(unsure.Fields[FieldNames.InvoiceNumber].Confidence < sure.Fields[FieldNames.InvoiceNumber].Confidence);
        Assert.True(unsure.Lines[1][FieldNames.Description].Confidence < sure.Lines[1][FieldNames.Description].Confidence);
    }

    [Fact]
    public void SubtotalAndTotalRows_AreNotGoodsLines()
    {
        var doc = new LayoutFieldExtractor().Extract([OcrPage(0.9, Table("54.00"))], DocumentFormat.Image, Info).Document;

        Assert.Equal(["Steel bracket", "Copper wire"], doc.Lines.Select(l => l.GetText(FieldNames.Description)));
        Assert.Equal(84.00m, doc.Fields.GetNumber(FieldNames.LineTotal));
        Assert.Equal(84.00m, doc.Fields.GetNumber(FieldNames.TotalAmount));
    }

    [Fact]
    public void JapaneseInvoice_LabelsAndNumbersAndCurrency()
    {
        var page = OcrPage(0.9,
            (100, 0, "商業送り状"), (1200, 1, "請求書番号:"), (1600, 1, "JPX-7"), (1200, 2, "日付:"), (1600, 2, "令和8年3月14日"),
            (100, 4, "品名"), (700, 4, "HSコード"), (1000, 4, "数量"), (1300, 4, "単価"), (1700, 4, "金額"),
            (100, 5, "磁器製食器セット"), (700, 5, "6911.10"), (1000, 5, "２"), (1300, 5, "5,187"), (1700, 5, "10,374"),
            (1300, 7, "合計"), (1700, 7, "¥10,374"));

        var doc = new LayoutFieldExtractor().Extract([page], DocumentFormat.Image, Info).Document;

        Assert.Equal("ja", doc.Language);
        Assert.Equal("JPX-7", doc.Fields.GetText(FieldNames.InvoiceNumber));
        Assert.Equal("2026-03-14", doc.Fields.GetText(FieldNames.IssueDate));
        Assert.Equal("JPY", doc.Fields.GetText(FieldNames.Currency));
        Assert.Equal(10374m, doc.Fields.GetNumber(FieldNames.TotalAmount));
        var line = Assert.Single(doc.Lines);
        Assert.Equal("691110", line.GetText(FieldNames.HsCode));
        Assert.Equal(2m, line.GetNumber(FieldNames.Quantity));
        Assert.Equal(5187m, line.GetNumber(FieldNames.UnitPrice));
    }

    [Fact]
    public void HsCodeWrittenInTheDescription_IsRecognised()
    {
        var page = OcrPage(0.9,
            (100, 0, "Rechnung"), (100, 2, "Bezeichnung"), (1000, 2, "Menge"), (1300, 2, "Preis"), (1700, 2, "Betrag"),
            (100, 3, "Kugellager 6204"), (1000, 3, "10"), (1300, 3, "2,00"), (1700, 3, "20,00"),
            (100, 4, "Zolltarifnummer 8482.10.00"));

        var line = Assert.Single(new LayoutFieldExtractor().Extract([page], DocumentFormat.Image, Info).Document.Lines);

        Assert.Equal("84821000", line.GetText(FieldNames.HsCode));
        Assert.Equal("Kugellager 6204", line.GetText(FieldNames.Description));
        Assert.Equal(20.00m, line.GetNumber(FieldNames.Amount));
    }

    [Theory]
    [InlineData(54.00, 34.00, true)]
    [InlineData(54.00, 54.10, true)]
    [InlineData(54.00, 45.00, false)]
    [InlineData(54.00, 154.00, false)]
    public void OneDigitApart(double a, double b, bool expected) => Assert.Equal(expected, LayoutFieldExtractor.OneDigitApart((decimal)a, (decimal)b));
}
