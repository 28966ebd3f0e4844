using CustomsFn.Core.Extraction.Layout;
using CustomsFn.Core.Model;

namespace CustomsFn.Tests.Layout;

/// <summary>
/// Goods tables read from positioned words the way layouts written by others lay them out: column roles from the
/// arithmetic of the rows, headers over two lines, code, discount and tariff columns under many names, cost-summary
/// rows and running text inside the table.
/// </summary>
public class GoodsTableTests
{
    private static readonly ExtractorInfo Info = new("test", "1");

    /// <summary>A text-layer page (points): each entry is one word at x on a line (14 pt apart, 9 pt high).</summary>
    private static PageText Page(params (double X, double Line, string Text)[] words) =>
        new(1, 595, 842, PageText.Points,
            words.Select(w => new TextWord(w.Text, w.X, 100 + w.Line * 14, w.X + w.Text.Length * 5.0, 109 + w.Line * 14)).ToList());

    private static List<FieldSet> Lines(params (double X, double Line, string Text)[] words) =>
        new LayoutFieldExtractor().Extract([Page(words)], DocumentFormat.PdfText, Info).Document.Lines;

    [Fact]
    public void ALineOfTextAcrossTheTable_DoesNotCutALongDescriptionAtTheLabelsMidpoint()
    {
        // No gap is empty in every row (the note crosses all columns): the cut goes where the fewest words cross, after the
        // description's last word, not midway between "Description" and "Qty" (232), inside "... 8 ports" (70-265).
        var lines = LineBuilder.Build(Page(
            (40, 0, "#"), (70, 0, "Description"), (340, 0, "Qty"), (400, 0, "Price"), (470, 0, "Amount"),
            (40, 1, "1"), (70, 1, "Commutateur Ethernet industriel 8 ports"), (340, 1, "45"), (400, 1, "89.90"), (470, 1, "4045.50"),
            (40, 2, "Delivery in two lots, the second one after the holidays, as agreed with the buyer"),
            (40, 3, "2"), (70, 3, "Steel bracket"), (340, 3, "12"), (400, 3, "4.50"), (470, 3, "54.00")));

        var columns = GoodsTableFinder.CutColumns(GoodsTableFinder.HeaderColumns(lines[0])!, lines.Skip(1).ToList());

        var description = Assert.Single(columns, c => c.Target == FieldNames.Description);
        Assert.InRange(description.X1, 265, 340);
    }

    [Fact]
    public void AColumnUnderAHeaderNoLabelNames_StaysOutOfTheDescription()
    {
        // "#" and "UL" (an origin column under an abbreviation) name no label: their values are not description text.
        var lines = Lines(
            (40, 0, "#"), (70, 0, "Description"), (250, 0, "UL"), (300, 0, "Qty"), (380, 0, "Price"), (460, 0, "Amount"),
            (40, 1, "1"), (70, 1, "Steel bracket"), (250, 1, "DE"), (300, 1, "12"), (380, 1, "4.50"), (460, 1, "54.00"),
            (40, 2, "2"), (70, 2, "Copper wire"), (250, 2, "CN"), (300, 2, "3"), (380, 2, "10.00"), (460, 2, "30.00"));

        Assert.Equal(["Steel bracket", "Copper wire"], lines.Select(l => l.GetText(FieldNames.Description)));
        Assert.Equal([54.00m, 30.00m], lines.Select(l => l.GetNumber(FieldNames.Amount)!.Value));
    }

    [Fact]
    public void AnItemColumnOfRunningNumbers_BesideTheDescription_IsThePosition()
    {
        // "Item" can head a description or the position: the one holding only 1, 2, 3 is the position.
        var lines = Lines(
            (40, 0, "Item"), (80, 0, "Description"), (300, 0, "Qty"), (380, 0, "Price"), (460, 0, "Amount"),
            (40, 1, "1"), (80, 1, "Steel bracket"), (300, 1, "12"), (380, 1, "4.50"), (460, 1, "54.00"),
            (40, 2, "2"), (80, 2, "Copper wire"), (300, 2, "3"), (380, 2, "10.00"), (460, 2, "30.00"));

        Assert.Equal(["Steel bracket", "Copper wire"], lines.Select(l => l.GetText(FieldNames.Description)));
    }

    [Fact]
    public void ADiscountColumn_AmountsAreQuantityTimesPriceLessTheDiscount()
    {
        // "Amount" heads the unit price and "Total" the line amount; the rows multiply out only with their discount taken off.
        var lines = Lines(
            (40, 0, "Description"), (250, 0, "Qty"), (320, 0, "Amount"), (390, 0, "Rabatt %"), (470, 0, "Total"),
            (40, 1, "Steel bracket"), (250, 1, "12"), (320, 1, "4.50"), (390, 1, "10"), (470, 1, "48.60"),
            (40, 2, "Copper wire"), (250, 2, "3"), (320, 2, "10.00"), (390, 2, "5"), (470, 2, "28.50"),
            (40, 3, "Brass hinge"), (250, 3, "7"), (320, 3, "2.00"), (390, 3, "2.5"), (470, 3, "13.65"));

        Assert.Equal([48.60m, 28.50m, 13.65m], lines.Select(l => l.GetNumber(FieldNames.Amount)!.Value));
        Assert.Equal([4.50m, 10.00m, 2.00m], lines.Select(l => l.GetNumber(FieldNames.UnitPrice)!.Value));
        Assert.Equal([12m, 3m, 7m], lines.Select(l => l.GetNumber(FieldNames.Quantity)!.Value));
    }

    [Fact]
    public void ADescriptionUnderAWordNoLabelNames_IsTheUnnamedColumnWithText()
    {
        // "Benaming" and "Regel" name no label; quantity, price and amount are named: the unnamed column with words is the description.
        var lines = Lines(
            (40, 0, "Regel"), (80, 0, "Benaming"), (300, 0, "Qty"), (380, 0, "Price"), (460, 0, "Amount"),
            (40, 1, "1"), (80, 1, "Steel bracket"), (300, 1, "12"), (380, 1, "4.50"), (460, 1, "54.00"),
            (40, 2, "2"), (80, 2, "Copper wire"), (300, 2, "3"), (380, 2, "10.00"), (460, 2, "30.00"));

        Assert.Equal(["Steel bracket", "Copper wire"], lines.Select(l => l.GetText(FieldNames.Description)));
        Assert.Equal([54.00m, 30.00m], lines.Select(l => l.GetNumber(FieldNames.Amount)!.Value));
    }

    [Fact]
    public void ACjkDescriptionPrintedWithASpace_KeepsTheSpace_AndWordsSetCloseAreJoined()
    {
        // A text PDF: "綿Tシャツ" and "丸首" a space apart are two words of one name; "生コーヒー" and "豆" touching are one.
        var lines = Lines(
            (40, 0, "品名"), (300, 0, "数量"), (380, 0, "単価"), (460, 0, "金額"),
            (40, 1, "綿Tシャツ"), (88, 1, "丸首"), (300, 1, "12"), (380, 1, "450"), (460, 1, "5,400"),
            (40, 2, "生コーヒー"), (65, 2, "豆"), (300, 2, "3"), (380, 2, "900"), (460, 2, "2,700"));

        Assert.Equal(["綿Tシャツ 丸首", "生コーヒー豆"], lines.Select(l => l.GetText(FieldNames.Description)));
    }

    [Fact]
    public void ARowWithOnlyTheSumOfTheAmountsAbove_UnderAnUnknownLabel_IsNoGoodsLine()
    {
        // "Over te brengen" (carried forward) is in no list: its amount, the sum of the lines above, gives it away.
        var lines = Lines(
            (40, 0, "Description"), (300, 0, "Qty"), (380, 0, "Price"), (460, 0, "Amount"),
            (40, 1, "Steel bracket"), (300, 1, "12"), (380, 1, "4.50"), (460, 1, "54.00"),
            (40, 2, "Copper wire"), (300, 2, "3"), (380, 2, "10.00"), (460, 2, "30.00"),
            (40, 3, "Over te brengen"), (460, 3, "84.00"),
            (40, 4, "Brass hinge"), (300, 4, "7"), (380, 4, "2.00"), (460, 4, "14.00"));

        Assert.Equal(["Steel bracket", "Copper wire", "Brass hinge"], lines.Select(l => l.GetText(FieldNames.Description)));
    }

    [Fact]
    public void ColumnsNamedMisleadingly_ArePinnedByQuantityTimesPriceEqualsAmount()
    {
        // "Amount" heads the unit price and "Total" the line amount: the headers alone make both amounts.
        var lines = Lines(
            (40, 0, "Description"), (250, 0, "Quantity"), (350, 0, "Amount"), (450, 0, "Total"),
            (40, 1, "Steel bracket"), (250, 1, "12"), (350, 1, "4.50"), (450, 1, "54.00"),
            (40, 2, "Copper wire"), (250, 2, "3"), (350, 2, "10.00"), (450, 2, "30.00"),
            (40, 3, "Brass hinge"), (250, 3, "7"), (350, 3, "2.00"), (450, 3, "14.00"));

        Assert.Equal(3, lines.Count);
        Assert.Equal([12m, 3m, 7m], lines.Select(l => l.GetNumber(FieldNames.Quantity)!.Value));
        Assert.Equal([4.50m, 10.00m, 2.00m], lines.Select(l => l.GetNumber(FieldNames.UnitPrice)!.Value));
        Assert.Equal([54.00m, 30.00m, 14.00m], lines.Select(l => l.GetNumber(FieldNames.Amount)!.Value));
    }

    [Fact]
    public void AQuantityPrintedInsideTheDescriptionColumn_IsTakenOutOfTheDescription()
    {
        // The quantity sits under the description header, right of the text: the arithmetic places it.
        var lines = Lines(
            (40, 0, "Description"), (300, 0, "Unit price"), (420, 0, "Amount"),
            (40, 1, "Artificial"), (95, 1, "turf"), (200, 1, "3.00"), (300, 1, "4.00"), (420, 1, "12.00"),
            (40, 2, "Pork"), (70, 2, "steak"), (200, 2, "5.00"), (300, 2, "5.50"), (420, 2, "27.50"));

        Assert.Equal(["Artificial turf", "Pork steak"], lines.Select(l => l.GetText(FieldNames.Description)));
        Assert.Equal([3m, 5m], lines.Select(l => l.GetNumber(FieldNames.Quantity)!.Value));
    }

    [Fact]
    public void ADiscountPercentColumn_IsNeverTheLineAmount()
    {
        var lines = Lines(
            (40, 0, "Description"), (220, 0, "Qty"), (280, 0, "Unit price"), (360, 0, "Disc. %"), (440, 0, "Amount"),
            (40, 1, "Valve"), (220, 1, "4"), (280, 1, "2.50"), (360, 1, "0"), (440, 1, "10.00"),
            (40, 2, "Gasket set"), (220, 2, "2"), (280, 2, "50.00"), (360, 2, "10"), (440, 2, "90.00"),
            (40, 3, "Pump"), (220, 3, "1"), (280, 3, "120.00"), (360, 3, "0"), (440, 3, "120.00"));

        Assert.Equal([10.00m, 90.00m, 120.00m], lines.Select(l => l.GetNumber(FieldNames.Amount)!.Value));
        Assert.Equal([2.50m, 50.00m, 120.00m], lines.Select(l => l.GetNumber(FieldNames.UnitPrice)!.Value));
    }

    [Fact]
    public void ACompoundLabelSplitOverTwoLines_IsOneLabel()
    {
        // "Gesamt" over "Preis" is the line amount ("Gesamtpreis"), not a second unit price.
        var page = Page(
            (380, 0, "Gesamt"),
            (40, 0.8, "Bezeichnung"), (220, 0.8, "Menge"), (290, 0.8, "Einzelpreis"), (380, 0.8, "Preis"),
            (40, 2, "Trennblätter A4"), (220, 2, "20"), (290, 2, "9,90"), (380, 2, "198,00"));

        var table = Assert.Single(GoodsTableFinder.Find(LineBuilder.Build(page)));

        Assert.Equal([FieldNames.Description, FieldNames.Quantity, FieldNames.UnitPrice, FieldNames.Amount], table.Columns.Select(c => c.Target));
    }

    [Fact]
    public void AnUnnamedAmountColumnRightOfTheTaxRate_IsTheAmount_NotTheTaxRate()
    {
        // "Zeilenwert" is no label: its numbers fall in the tax-rate column's range, yet they are not under its label.
        var lines = Lines(
            (40, 0, "Bezeichnung"), (220, 0, "Menge"), (290, 0, "Einzelpreis"), (380, 0, "USt.-Satz"), (480, 0, "Zeilenwert"),
            (40, 1, "Trennblätter A4"), (220, 1, "20"), (290, 1, "9,90"), (380, 1, "19 %"), (490, 1, "198,00"),
            (40, 2, "Joghurt Banane"), (220, 2, "50"), (290, 2, "5,50"), (380, 2, "7 %"), (490, 2, "275,00"));

        Assert.Equal([198.00m, 275.00m], lines.Select(l => l.GetNumber(FieldNames.Amount)!.Value));
        Assert.Equal([20m, 50m], lines.Select(l => l.GetNumber(FieldNames.Quantity)!.Value));
    }

    [Fact]
    public void AHeaderOverTwoLines_IsReadAsOne_AndACodeOverDescriptionColumnGivesBoth()
    {
        // "Art-Nr" over "Bezeichnung": the row's own line holds the article code, the line under it the description.
        var lines = Lines(
            (40, 0, "GTIN"), (120, 0, "Art-Nr-Lieferant"), (250, 0, "Menge"), (330, 0, "Preis/"), (450, 0, "Nettowert"),
            (120, 0.8, "Artikelbezeichnung"), (330, 0.8, "Einheit"),
            (40, 2, "4123456000014"), (120, 2, "ZS997"), (250, 2, "100,0000"), (330, 2, "1,0000"), (450, 2, "100,00"),
            (120, 3, "Zitronensäure 100ml"),
            (40, 4, "4123456000021"), (120, 4, "GZ250"), (250, 4, "50,0000"), (330, 4, "1,4500"), (450, 4, "72,50"),
            (120, 5, "Gelierzucker Extra 250g"));

        Assert.Equal(2, lines.Count);
        Assert.Equal(["Zitronensäure 100ml", "Gelierzucker Extra 250g"], lines.Select(l => l.GetText(FieldNames.Description)));
        Assert.Equal(["ZS997", "GZ250"], lines.Select(l => l.GetText(FieldNames.ProductCode)));
        Assert.Equal([1.0000m, 1.4500m], lines.Select(l => l.GetNumber(FieldNames.UnitPrice)!.Value));
        Assert.Equal([100m, 50m], lines.Select(l => l.GetNumber(FieldNames.Quantity)!.Value));
    }

    [Fact]
    public void AHeaderWordHyphenatedOverTwoLines_IsOneLabel()
    {
        // "Einzel-/preis" and "Gesamt-/preis": read as "preis" twice there would be no amount column.
        (double, double, string)[] words =
        [
            (300, 0, "Einzel-"), (420, 0, "Gesamt-"),
            (40, 0.8, "Bezeichnung"), (220, 0.8, "Menge"), (300, 0.8, "preis"), (420, 0.8, "preis"),
            (40, 2, "Trennblätter A4"), (220, 2, "20"), (300, 2, "9,90"), (420, 2, "198,00"),
            (40, 3, "Joghurt Banane"), (220, 3, "50"), (300, 3, "5,50"), (420, 3, "275,00"),
        ];

        var table = Assert.Single(GoodsTableFinder.Find(LineBuilder.Build(Page(words))));
        var lines = Lines(words);

        Assert.Equal([FieldNames.Description, FieldNames.Quantity, FieldNames.UnitPrice, FieldNames.Amount], table.Columns.Select(c => c.Target));
        Assert.Equal([198.00m, 275.00m], lines.Select(l => l.GetNumber(FieldNames.Amount)!.Value));
        Assert.Equal([9.90m, 5.50m], lines.Select(l => l.GetNumber(FieldNames.UnitPrice)!.Value));
    }

    [Fact]
    public void AnItemCodeColumn_FillsProductCode_WithoutTheLeadingPositionNumber()
    {
        var lines = Lines(
            (40, 0, "Pos"), (60, 0, "Art.Nr."), (150, 0, "Description"), (300, 0, "Qty"), (360, 0, "Price"), (440, 0, "Amount"),
            (40, 1, "1"), (60, 1, "TB100A4"), (150, 1, "Dividers A4"), (300, 1, "20"), (360, 1, "9.90"), (440, 1, "198.00"),
            (40, 2, "2"), (60, 2, "ARNR2"), (150, 2, "Banana yoghurt"), (300, 2, "50"), (360, 2, "5.50"), (440, 2, "275.00"));

        Assert.Equal(["TB100A4", "ARNR2"], lines.Select(l => l.GetText(FieldNames.ProductCode)));
        Assert.Equal(["Dividers A4", "Banana yoghurt"], lines.Select(l => l.GetText(FieldNames.Description)));
    }

    [Theory]
    [InlineData("HTSUS No.")]
    [InlineData("Tariff No.")]
    [InlineData("Zolltarifnummer")]
    [InlineData("HS编码")]
    [InlineData("統計品目番号")]
    [InlineData("Commodity code")]
    [InlineData("CN code")]
    public void AnHsCodeColumn_IsRecognisedUnderItsNationalName(string header)
    {
        var lines = Lines(
            (40, 0, "Description"), (180, 0, header), (300, 0, "Qty"), (360, 0, "Unit price"), (460, 0, "Amount"),
            (40, 1, "Ball bearings"), (180, 1, "8482.10.50"), (300, 1, "100"), (360, 1, "1.20"), (460, 1, "120.00"));

        var line = Assert.Single(lines);
        Assert.Equal("84821050", line.GetText(FieldNames.HsCode));
        Assert.Equal("Ball bearings", line.GetText(FieldNames.Description));
    }

    [Fact]
    public void CostSummaryRowsInsideTheTable_AreNoGoodsLines()
    {
        var lines = Lines(
            (40, 0, "Description"), (250, 0, "Qty"), (320, 0, "Unit price"), (450, 0, "Amount"),
            (40, 1, "Mineral water"), (250, 1, "20"), (320, 1, "5.49"), (450, 1, "109.80"),
            (40, 2, "abzgl. 16,7% Rabatt"), (450, 2, "-2.00"),
            (40, 3, "Deposit"), (250, 3, "20"), (320, 3, "2.77"), (450, 3, "55.40"),
            (40, 4, "zzgl. Versandkosten"), (450, 4, "5.80"),
            (40, 5, "TOTAL AMOUNT DUE (USD)"), (450, 5, "168.00"));

        Assert.Equal(["Mineral water", "Deposit"], lines.Select(l => l.GetText(FieldNames.Description)));
    }

    [Fact]
    public void RunningTextInsideTheTable_IsNeitherADescriptionNorAColumnBreaker()
    {
        var lines = Lines(
            (40, 0, "Description"), (250, 0, "Qty"), (320, 0, "Unit price"), (450, 0, "Amount"),
            (40, 1, "We invoice the following items of delivery 2013-51112 as agreed"),
            (40, 2, "in your order of 1 March."),
            (40, 3, "Turf"), (70, 3, "green"), (250, 3, "3"), (320, 3, "4.00"), (450, 3, "12.00"),
            (40, 4, "Pork"), (250, 4, "5"), (320, 4, "5.50"), (450, 4, "27.50"));

        Assert.Equal(["Turf green", "Pork"], lines.Select(l => l.GetText(FieldNames.Description)));
    }

    [Fact]
    public void AWrappedDescription_IsJoinedIntoItsRow_NotEmittedAsALine()
    {
        var lines = Lines(
            (40, 0, "Description"), (250, 0, "Qty"), (320, 0, "Unit price"), (450, 0, "Amount"),
            (40, 1, "Mineral water medium"), (250, 1, "20"), (320, 1, "5.49"), (450, 1, "109.80"),
            (40, 2, "12 x 1.0 l PET"),
            (40, 3, "Pork steak"), (250, 3, "5"), (320, 3, "5.50"), (450, 3, "27.50"));

        Assert.Equal(["Mineral water medium 12 x 1.0 l PET", "Pork steak"], lines.Select(l => l.GetText(FieldNames.Description)));
    }

    [Fact]
    public void AnAmountDrawnOffTheRowsBaseline_CompletesTheRow_NotANewOne()
    {
        // The amount is centred beside a description wrapped over two lines: a text line of its own, between them.
        (double, double, string)[] words =
        [
            (40, 0, "Description"), (250, 0, "Qty"), (320, 0, "Unit price"), (450, 0, "Amount"),
            (40, 1, "Mineral water medium"), (250, 1, "20"), (320, 1, "5.49"),
            (450, 1.55, "109.80"),
            (40, 2, "12 x 1.0 l PET"),
            (40, 3, "Pork steak"), (250, 3, "5"), (320, 3, "5.50"), (450, 3, "27.50"),
        ];
        Assert.Equal(5, LineBuilder.Build(Page(words)).Count);

        var lines = Lines(words);

        Assert.Equal(2, lines.Count);
        Assert.Equal([109.80m, 27.50m], lines.Select(l => l.GetNumber(FieldNames.Amount)!.Value));
        Assert.Equal("Mineral water medium 12 x 1.0 l PET", lines[0].GetText(FieldNames.Description));
    }

    [Fact]
    public void ATableContinuedOnTheNextPage_KeepsItsColumns_AndItsTotalsRowIsNoLine()
    {
        var first = Page(
            (40, 0, "Description"), (250, 0, "Quantity"), (350, 0, "Amount"), (450, 0, "Total"),
            (40, 1, "Steel bracket"), (250, 1, "12"), (350, 1, "4.50"), (450, 1, "54.00"),
            (40, 2, "Copper wire"), (250, 2, "3"), (350, 2, "10.00"), (450, 2, "30.00"));
        var second = Page(
            (40, 0, "Brass hinge"), (250, 0, "7"), (350, 0, "2.00"), (450, 0, "14.00"),
            (40, 1, "Rubber seal"), (250, 1, "10"), (350, 1, "0.50"), (450, 1, "5.00"),
            (40, 2, "TOTAL AMOUNT DUE"), (450, 2, "103.00")) with { Number = 2 };

        var lines = new LayoutFieldExtractor().Extract([first, second], DocumentFormat.PdfText, Info).Document.Lines;

        Assert.Equal(["Steel bracket", "Copper wire", "Brass hinge", "Rubber seal"], lines.Select(l => l.GetText(FieldNames.Description)));
        Assert.Equal([4.50m, 10.00m, 2.00m, 0.50m], lines.Select(l => l.GetNumber(FieldNames.UnitPrice)!.Value));
        Assert.Equal([54.00m, 30.00m, 14.00m, 5.00m], lines.Select(l => l.GetNumber(FieldNames.Amount)!.Value));
    }

    [Theory]
    [InlineData("TOTAL AMOUNT DUE", true)]
    [InlineData("Subtotal (EUR)", true)]
    [InlineData("zzgl. Versandkosten", true)]
    [InlineData("abzgl. 16,7% Rabatt", true)]
    [InlineData("Sales tax 8.25%", true)]
    [InlineData("Freight", true)]
    [InlineData("小計", true)]
    [InlineData("Rechnungssumme Netto (excl. USt.)", true)]
    [InlineData("Tax-free widget", false)]
    [InlineData("Totally awesome shirt", false)]
    [InlineData("Portable speaker", false)]
    [InlineData("Steel bracket 40 mm", false)]
    public void SummaryRows_AreRecognisedByTheirLeadingWord(string text, bool summary) =>
        Assert.Equal(summary, SummaryRows.IsSummary(text));

    [Theory]
    [InlineData("1,0000", "de", "1.0000")]
    [InlineData("10000,0000", "de", "10000.0000")]
    [InlineData("0,0205", "de", "0.0205")]
    [InlineData("1.234.567,89", "de", "1234567.89")]
    public void PricesWithFourDecimals_AreNumbers(string text, string language, string expected) =>
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), LocaleNumbers.Parse(text, language));
}
