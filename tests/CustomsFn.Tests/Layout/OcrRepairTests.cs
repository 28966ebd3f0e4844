using CustomsFn.Core.Contract;
using CustomsFn.Core.Extraction.Layout;
using CustomsFn.Core.Model;

namespace CustomsFn.Tests.Layout;

/// <summary>Single OCR errors that a cross-check pins, corrected and reported; everything else left as read.</summary>
public class OcrRepairTests
{
    private static readonly ExtractorInfo Info = new("test", "1");

    private static PageText OcrPage(params (double X, int Line, string Text)[] words) =>
        new(1, 2480, 3508, PageText.Pixels,
            words.Select(w => new TextWord(w.Text, w.X, 100 + w.Line * 60, w.X + w.Text.Length * 18, 130 + w.Line * 60, 0.9)).ToList());

    private static PageText TextLayer(PageText page) =>
        page with { Unit = PageText.Points, Words = page.Words.Select(w => w with { Confidence = null }).ToList() };

    /// <summary>A three-line table: 12 x 4.50 = 54.00, 3 x <paramref name="price"/> = 30.00, 7 x 2.00 = 14.00.</summary>
    private static (double, int, string)[] Table(string price, string amount = "30.00", string subtotal = "98.00") =>
    [
        (100, 0, "INVOICE"), (1200, 1, "Invoice No.:"), (1600, 1, "R-1"),
        (100, 3, "Description"), (900, 3, "Qty"), (1200, 3, "Unit price"), (1700, 3, "Amount"),
        (100, 4, "Steel bracket"), (900, 4, "12"), (1200, 4, "4.50"), (1700, 4, "54.00"),
        (100, 5, "Copper wire"), (900, 5, "3"), (1200, 5, price), (1700, 5, amount),
        (100, 6, "Hex bolts"), (900, 6, "7"), (1200, 6, "2.00"), (1700, 6, "14.00"),
        (1200, 8, "Subtotal"), (1700, 8, subtotal),
    ];

    [Theory]
    [InlineData("861", "8.61", OcrMisread.DecimalPoint)]
    [InlineData("1550", "15.50", OcrMisread.DecimalPoint)]
    [InlineData("1000", "10.00", OcrMisread.DecimalPoint)]
    [InlineData("1400", "14", OcrMisread.DecimalPoint)]
    [InlineData("11550.00", "1550.00", OcrMisread.DigitCount)]
    [InlineData("155.00", "1550.00", OcrMisread.DigitCount)]
    [InlineData("34.00", "54.00", OcrMisread.Digit)]
    [InlineData("152", "1.32", OcrMisread.None)]
    [InlineData("15", "5", OcrMisread.None)]
    [InlineData("54.00", "54.00", OcrMisread.None)]
    public void Explain_NamesTheOneErrorThatTurnsTheReadingIntoThePinnedValue(string read, string pinned, OcrMisread expected) =>
        Assert.Equal(expected, OcrRepair.Explain(decimal.Parse(read, System.Globalization.CultureInfo.InvariantCulture), decimal.Parse(pinned, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void WholeQuantity_DidNotLoseADecimalPoint() => Assert.Equal(OcrMisread.None, OcrRepair.Explain(1400m, 14m, money: false));

    [Fact]
    public void DigitConfusions_TakeOneLetterForTheDigitItResembles()
    {
        Assert.Contains(("4st", 4m), OcrRepair.DigitConfusions("Ast", "nl"));
        Assert.Contains(("0,75", 0.75m), OcrRepair.DigitConfusions("O,75", "de"));
        Assert.Empty(OcrRepair.DigitConfusions("12,50", "de"));
        Assert.Empty(OcrRepair.DigitConfusions("kg", "de"));
    }

    [Fact]
    public void LostDecimalPoint_PinnedByArithmetic_IsRestoredAndReported()
    {
        var result = new LayoutFieldExtractor().Extract([OcrPage(Table("1000"))], DocumentFormat.Image, Info);

        var line = result.Document.Lines[1];
        Assert.Equal(10.00m, line.GetNumber(FieldNames.UnitPrice));
        Assert.True(line[FieldNames.UnitPrice].Confidence < result.Document.Lines[0][FieldNames.UnitPrice].Confidence);
        var finding = Assert.Single(result.Findings, f => f.Rule == LayoutFieldExtractor.RepairRule);
        Assert.Equal("lines[1].unitPrice", finding.Path);
        Assert.Contains("decimal separator", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LostDecimalPoint_IsNotRestoredInATextLayer()
    {
        var result = new LayoutFieldExtractor().Extract([TextLayer(OcrPage(Table("1000")))], DocumentFormat.PdfText, Info);

        Assert.Equal(1000m, result.Document.Lines[1].GetNumber(FieldNames.UnitPrice));
        Assert.Empty(result.Findings);
    }

    [Fact]
    public void RestoredDecimalPoint_MustFitTheColumn_WholeQuantitiesDoNotBecomeFractions()
    {
        // 55 x 8.61 = 473.55, read "55", "861", "473.55": both 0.55 x 861 and 55 x 8.61 multiply out, but the quantity
        // column holds whole numbers and the price column two decimals.
        var page = OcrPage(
            (100, 0, "Description"), (900, 0, "Qty"), (1200, 0, "Unit price"), (1700, 0, "Amount"),
            (100, 1, "Steel bracket"), (900, 1, "12"), (1200, 1, "4.50"), (1700, 1, "54.00"),
            (100, 2, "Red wine"), (900, 2, "55"), (1200, 2, "861"), (1700, 2, "473.55"));

        var result = new LayoutFieldExtractor().Extract([page], DocumentFormat.Image, Info);

        var line = result.Document.Lines[1];
        Assert.Equal((55m, 8.61m), (line.GetNumber(FieldNames.Quantity), line.GetNumber(FieldNames.UnitPrice)));
        Assert.Equal("lines[1].unitPrice", Assert.Single(result.Findings, f => f.Rule == LayoutFieldExtractor.RepairRule).Path);
    }

    [Fact]
    public void ExtraDigitInTheAmount_IsDropped()
    {
        // 3 x 10.00 = 30.00 read as "130.00": a speck read as a digit. 130.00 / 3 is no price, 130.00 / 10.00 = 13 is
        // no single error from 3: only the amount's repair is left.
        var result = new LayoutFieldExtractor().Extract([OcrPage(Table("10.00", amount: "130.00"))], DocumentFormat.Image, Info);

        Assert.Equal(30.00m, result.Document.Lines[1].GetNumber(FieldNames.Amount));
        Assert.Contains(result.Findings, f => f.Rule == LayoutFieldExtractor.RepairRule && f.Path == "lines[1].amount");
    }

    [Fact]
    public void RepairThePrintedSubtotalContradicts_IsNotMade_AndTheAmountGoesToReview()
    {
        // The same reading, but the printed subtotal 198.00 says 130.00 is what the line costs (54 + 130 + 14): the
        // quantity or price was misread, not the amount. The subtotal wins: 130.00 stays, at a confidence for review.
        var result = new LayoutFieldExtractor().Extract([OcrPage(Table("10.00", amount: "130.00", subtotal: "198.00"))], DocumentFormat.Image, Info);

        var line = result.Document.Lines[1];
        Assert.Equal((3m, 10.00m, 130.00m), (line.GetNumber(FieldNames.Quantity), line.GetNumber(FieldNames.UnitPrice), line.GetNumber(FieldNames.Amount)));
        Assert.True(line[FieldNames.Quantity].Confidence <= 0.4 && line[FieldNames.UnitPrice].Confidence <= 0.4);
        Assert.DoesNotContain(result.Findings, f => f.Rule == LayoutFieldExtractor.RepairRule);
        var finding = Assert.Single(result.Findings, f => f.Rule == LayoutFieldExtractor.RepairContradictedRule);
        Assert.Equal(("lines[1].amount", Severity.Warning), (finding.Path, finding.Severity));
        Assert.Contains("would not add up to the printed 198: not corrected", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AmbiguousRepair_TheSubtotalPicksTheAmount()
    {
        // Read 3 x 16.00 against "18.00": the amount misread (48.00 -> 18.00) or the price (6.00 -> 16.00, a digit too
        // many) are both single errors; the line alone cannot tell which.
        var page = OcrPage(
            (100, 0, "Description"), (900, 0, "Qty"), (1200, 0, "Unit price"), (1700, 0, "Amount"),
            (100, 1, "Steel bracket"), (900, 1, "12"), (1200, 1, "4.50"), (1700, 1, "54.00"),
            (100, 2, "Copper wire"), (900, 2, "3"), (1200, 2, "16.00"), (1700, 2, "18.00"),
            (1200, 4, "Subtotal"), (1700, 4, "72.00"));

        var result = new LayoutFieldExtractor().Extract([page], DocumentFormat.Image, Info);

        // The lines read already add up to 72.00: the amount is right, the price was misread (6.00).
        var line = result.Document.Lines[1];
        Assert.Equal((6.00m, 18.00m), (line.GetNumber(FieldNames.UnitPrice), line.GetNumber(FieldNames.Amount)));
        var finding = Assert.Single(result.Findings, f => f.Rule == LayoutFieldExtractor.RepairRule);
        Assert.Contains("subtotal", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LetterReadForADigit_InAnUnnamedQuantityColumn_IsTakenAndReported()
    {
        // "4 st" read as "Ast": 49.50 x 4 = 198.00 pins the letter A as the digit 4.
        var page = OcrPage(
            (100, 0, "Omschrijving"), (900, 0, "Aantal EenhPrs"), (1700, 0, "Bedrag"),
            (100, 1, "Leren handtas"), (900, 1, "Ast"), (1200, 1, "49,50"), (1700, 1, "198,00"),
            (100, 2, "Rode wijn"), (900, 2, "43"), (1200, 2, "7,19"), (1700, 2, "309,17"));

        var result = new LayoutFieldExtractor().Extract([page], DocumentFormat.Image, Info);

        var line = result.Document.Lines[0];
        Assert.Equal((4m, 49.50m, 198.00m), (line.GetNumber(FieldNames.Quantity), line.GetNumber(FieldNames.UnitPrice), line.GetNumber(FieldNames.Amount)));
        Assert.True(line[FieldNames.Quantity].Confidence <= 0.5);
        var finding = Assert.Single(result.Findings, f => f.Rule == LayoutFieldExtractor.RepairRule);
        Assert.Equal("lines[0].quantity", finding.Path);
        Assert.Contains("'Ast'", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void QuantityNotRead_BeforeItsUnit_IsTheAmountOverThePrice_AtLowConfidence()
    {
        // "14 st" with the 14 dropped by the recogniser: the unit stands alone before 228,98 and 3.205,72 = 14 x 228,98.
        var page = OcrPage(
            (100, 0, "Omschrijving"), (900, 0, "Aantal"), (1200, 0, "Prijs"), (1700, 0, "Bedrag"),
            (100, 1, "Eiken eettafel"), (1000, 1, "st"), (1200, 1, "228,98"), (1700, 1, "3.205,72"),
            (100, 2, "Rode wijn"), (900, 2, "43"), (1000, 2, "st"), (1200, 2, "7,19"), (1700, 2, "309,17"));

        var result = new LayoutFieldExtractor().Extract([page], DocumentFormat.Image, Info);

        var line = result.Document.Lines[0];
        Assert.Equal((14m, 228.98m, 3205.72m), (line.GetNumber(FieldNames.Quantity), line.GetNumber(FieldNames.UnitPrice), line.GetNumber(FieldNames.Amount)));
        Assert.True(line[FieldNames.Quantity].Confidence < 0.5);
        Assert.Equal("lines[0].quantity", Assert.Single(result.Findings, f => f.Rule == LayoutFieldExtractor.RepairRule).Path);
    }

    [Fact]
    public void QuantityNotRead_IsNotInferred_WithoutAUnitStandingInItsPlace()
    {
        var page = OcrPage(
            (100, 0, "Omschrijving"), (900, 0, "Aantal"), (1200, 0, "Prijs"), (1700, 0, "Bedrag"),
            (100, 1, "Eiken eettafel"), (1200, 1, "228,98"), (1700, 1, "3.205,72"));

        var result = new LayoutFieldExtractor().Extract([page], DocumentFormat.Image, Info);

        Assert.False(Assert.Single(result.Document.Lines).ContainsKey(FieldNames.Quantity));
        Assert.Empty(result.Findings);
    }
}
