using CustomsFn.Core.Contract;
using CustomsFn.Core.Extraction.Layout;
using CustomsFn.Core.Model;

namespace CustomsFn.Tests.Layout;

/// <summary>
/// Classes of mistakes found on layout families drawn with seeds other than the committed ones (a validation set the
/// held-out families never see), each tested on positioned words of its own: numbers with space-separated thousands,
/// article-code columns told apart from descriptions by their cells, values stacked under their labels beside another
/// block, headings and totals rows under labels no list names, and wrapped CJK descriptions.
/// </summary>
public sealed class UnseenLayoutClassesTests
{
    private static readonly ExtractorInfo Info = new("test", "1");

    private static PageText Page(params (double X, int Line, string Text)[] words) => GridPage.Of(words);

    private static TextWord Word(double x, int line, string text) => GridPage.Word(x, line, text);

    private static ExtractedDocument Extract(params (double X, int Line, string Text)[] words) =>
        new LayoutFieldExtractor().Extract([Page(words)], DocumentFormat.PdfText, Info).Document;

    // ------------------------------------------------------------------ thousands groups

    [Theory]
    [InlineData(new[] { "2", "645,73" }, "2 645,73")]
    [InlineData(new[] { "1", "475" }, "1 475")]
    [InlineData(new[] { "12", "500", "000" }, "12 500 000")]
    [InlineData(new[] { "-3", "120.50" }, "-3 120.50")]
    public void DigitGroupsAFewPointsApart_AreOneNumber(string[] groups, string expected)
    {
        var words = new List<TextWord>();
        var x = 100.0;
        foreach (var g in groups)
        {
            words.Add(Word(x, 0, g));
            x += g.Length * 5.5 + 3;
        }

        var joined = LineBuilder.JoinDigitGroups(words);

        Assert.Equal([expected], joined.Select(w => w.Text));
        Assert.Equal(100, joined[0].X0);
        Assert.Equal(words[^1].X1, joined[0].X1);
    }

    [Theory]
    // Two columns: a column gap apart.
    [InlineData("12", "250,00", 12)]
    // An HS code's second group has two digits, a date's parts are no three-digit groups.
    [InlineData("8517", "620", 3)]
    [InlineData("6911", "10", 3)]
    [InlineData("15", "02", 3)]
    // A group of four digits is no thousands group.
    [InlineData("2", "6450", 3)]
    public void OtherNumbersSideBySide_StayApart(string left, string right, double gap)
    {
        var a = Word(100, 0, left);
        var b = Word(a.X1 + gap, 0, right);

        Assert.Equal(2, LineBuilder.JoinDigitGroups([a, b]).Count);
    }

    [Fact]
    public void SpaceGroupedAmountsAndQuantities_AreReadWhole()
    {
        var doc = Extract(
            (40, 0, "FACTURE"), (40, 2, "Désignation"), (250, 2, "Qté"), (330, 2, "Prix"), (450, 2, "Montant"),
            (40, 3, "Roulement à billes"), (250, 3, "850"), (330, 3, "4,95"), (440, 3, "4"), (440 + 5.5 + 3, 3, "207,50"),
            (40, 4, "Équerre en acier"), (240, 4, "1"), (240 + 5.5 + 3, 4, "475"), (330, 4, "2,11"), (440, 4, "3"), (440 + 5.5 + 3, 4, "112,25"),
            (40, 5, "Vin rouge"), (250, 5, "8"), (330, 5, "7,74"), (450, 5, "61,92"),
            (40, 6, "Câble de commande"), (250, 6, "700"), (330, 6, "1,35"), (450, 6, "945,00"));

        Assert.Equal(4, doc.Lines.Count);
        Assert.Equal(4207.50m, doc.Lines[0].GetNumber(FieldNames.Amount));
        Assert.Equal(1475m, doc.Lines[1].GetNumber(FieldNames.Quantity));
        Assert.Equal(3112.25m, doc.Lines[1].GetNumber(FieldNames.Amount));
        Assert.Equal(61.92m, doc.Lines[2].GetNumber(FieldNames.Amount));
    }

    // ------------------------------------------------------------------ code columns by their cells

    [Fact]
    public void TwoDescriptionLabels_TheColumnOfCodesIsTheArticleCode()
    {
        var doc = Extract(
            (40, 0, "Handelsrechnung"),
            (40, 2, "Artikel"), (120, 2, "Beschreibung"), (330, 2, "Anzahl"), (400, 2, "E-Preis"), (480, 2, "Wert"),
            (40, 3, "P04-205"), (120, 3, "Rotwein, 0,75-l-Flasche"), (340, 3, "38"), (400, 3, "8,37"), (480, 3, "318,06"),
            (40, 4, "H11-149"), (120, 4, "Porzellan-Tafelservice"), (340, 4, "55"), (400, 4, "38,38"), (480, 4, "2.110,90"));

        Assert.Equal(["Rotwein, 0,75-l-Flasche", "Porzellan-Tafelservice"], doc.Lines.Select(l => l.GetText(FieldNames.Description)));
        Assert.Equal(["P04-205", "H11-149"], doc.Lines.Select(l => l.GetText(FieldNames.ProductCode)));
    }

    [Fact]
    public void ACodeLabelAndAnUnnamedColumnOfWords_TheWordsAreTheDescription()
    {
        var doc = Extract(
            (40, 0, "COMMERCIAL INVOICE"),
            (40, 2, "Art. No."), (110, 2, "Items shipped"), (330, 2, "Qty."), (400, 2, "Price/unit"), (480, 2, "Value"),
            (40, 3, "H11-149"), (110, 3, "Porcelain dinner set, 18 pieces"), (340, 3, "38"), (400, 3, "30.10"), (480, 3, "1143.80"),
            (40, 4, "K04-170"), (110, 4, "DIN rail power supply 24 V"), (340, 4, "35"), (400, 4, "46.48"), (480, 4, "1626.80"));

        Assert.Equal(["Porcelain dinner set, 18 pieces", "DIN rail power supply 24 V"], doc.Lines.Select(l => l.GetText(FieldNames.Description)));
        Assert.Equal(["H11-149", "K04-170"], doc.Lines.Select(l => l.GetText(FieldNames.ProductCode)));
    }

    [Theory]
    [InlineData("P04-205", true)]
    [InlineData("A82-100", true)]
    [InlineData("SKU.4711/B", true)]
    [InlineData("Rotwein", false)]
    [InlineData("12,50", false)]
    [InlineData("2204.21", false)]
    [InlineData("AB", false)]
    public void CodeShape(string text, bool code) => Assert.Equal(code, GoodsTableFinder.IsCodeShaped(text));

    // ------------------------------------------------------------------ headers no label list reads

    [Fact]
    public void AHeaderInALanguageTheLexiconDoesNotKnow_IsReadByItsRowsArithmetic()
    {
        // Polish: no label of the header is known; the rows' numbers multiply out.
        var doc = Extract(
            (40, 0, "Faktura"),
            (40, 2, "Nazwa towaru"), (300, 2, "Ilość"), (380, 2, "Cena"), (480, 2, "Wartość"),
            (40, 3, "Łożysko kulkowe 6204-2RS"), (310, 3, "650"), (380, 3, "4,70"), (480, 3, "3055,00"),
            (40, 4, "Buty robocze skórzane"), (310, 4, "39"), (380, 4, "25,03"), (480, 4, "976,17"),
            (40, 6, "Razem do zapłaty"), (480, 6, "4031,17"));

        Assert.Equal(["Łożysko kulkowe 6204-2RS", "Buty robocze skórzane"], doc.Lines.Select(l => l.GetText(FieldNames.Description)));
        Assert.Equal([650m, 39m], doc.Lines.Select(l => l.GetNumber(FieldNames.Quantity) ?? 0));
        Assert.Equal([4.70m, 25.03m], doc.Lines.Select(l => l.GetNumber(FieldNames.UnitPrice) ?? 0));
        Assert.Equal([3055.00m, 976.17m], doc.Lines.Select(l => l.GetNumber(FieldNames.Amount) ?? 0));
    }

    [Fact]
    public void ALabelRowOfTheHeaderBlock_AboveAGoodsTableWithAGarbledHeader_IsNoTable()
    {
        // The goods table's own header is garbled (no label known): the rows under it still belong to it, not to the
        // label row of the header block three lines above.
        var lines = LineBuilder.Build(Page(
            (40, 0, "Factura rectificativa"),
            (40, 2, "Fecha de emisión"), (300, 2, "Vendedor"), (380, 2, "Moneda"), (480, 2, "Pedido"),
            (40, 3, "27/04/2026"), (300, 3, "R2026"), (380, 3, "EUR"), (480, 3, "PO-77"),
            (40, 5, "Xrtqulo"), (300, 5, "Zantdxd"), (380, 5, "Qrzcio"), (480, 5, "Yxlor"),
            (40, 6, "Vino tinto"), (310, 6, "38"), (380, 6, "8,06"), (480, 6, "306,28"),
            (40, 7, "Rodamiento"), (310, 7, "200"), (380, 7, "5,34"), (480, 7, "1.068,00")));

        Assert.Null(GoodsTableFinder.HeaderByBody(lines, 1));
        Assert.Equal("Xrtqulo  Zantdxd  Qrzcio  Yxlor", Assert.Single(GoodsTableFinder.Find(lines)).Header!.Text);
    }

    [Fact]
    public void ALabelRowOfTheHeaderBlock_AboveAGoodsTableWithItsOwnHeader_IsNoTable()
    {
        var lines = LineBuilder.Build(Page(
            (40, 0, "Factura rectificativa"),
            (40, 2, "Fecha de emisión"), (200, 2, "Rectifica la factura"), (380, 2, "Moneda de factura"),
            (40, 3, "27/04/2026"), (200, 3, "R202604398"), (380, 3, "EUR"),
            (40, 5, "Artículo"), (300, 5, "Cantidad"), (380, 5, "Precio unitario"), (480, 5, "Valor"),
            (40, 6, "Vino tinto"), (310, 6, "38"), (380, 6, "8,06"), (480, 6, "306,28"),
            (40, 7, "Rodamiento"), (310, 7, "200"), (380, 7, "5,34"), (480, 7, "1.068,00")));

        Assert.Null(GoodsTableFinder.HeaderByBody(lines, 1));
        Assert.Equal("Artículo  Cantidad  Precio unitario  Valor", Assert.Single(GoodsTableFinder.Find(lines)).Header!.Text);
    }

    [Theory]
    [InlineData(new[] { "1", "Bearing", "650", "4.70", "3055.00" }, "650", "4.70", "3055.00")]
    [InlineData(new[] { "6911", "10", "42", "40,28", "1691,76" }, "42", "40,28", "1691,76")]
    [InlineData(new[] { "Bearing", "650", "4.70", "3000.00" }, null, null, null)]
    public void ArithmeticTriple_IsTheRightmostProduct(string[] words, string? quantity, string? price, string? amount)
    {
        var line = LineBuilder.Build(Page(words.Select((w, k) => (40.0 + 70 * k, 0, w)).ToArray()))[0];

        var triple = GoodsTableFinder.ArithmeticTriple(line);

        Assert.Equal((quantity, price, amount), (triple?.Quantity.Text, triple?.Price.Text, triple?.Amount.Text));
    }

    [Fact]
    public void AnOcrHeaderWithItsDescriptionLabelGarbled_IsReadWithTheDescriptionChosenByContent()
    {
        // A bold header on a shaded band, photographed: "Description" read "Gescipuce", "Price/unit" "Fikereee".
        TextWord W(double x, int line, string text) => GridPage.Word(x, line, text) with { Confidence = 0.9 };
        var page = new PageText(1, 595, 842, PageText.Points,
        [
            W(40, 0, "EXPORT"), W(100, 0, "INVOICE"),
            W(60, 2, "Gescipuce"), W(280, 2, "HS"), W(340, 2, "Qty"), W(390, 2, "Fikereee"), W(480, 2, "Total"),
            W(40, 3, "1"), W(60, 3, "Deep"), W(90, 3, "groove"), W(130, 3, "bearing"), W(280, 3, "848210"), W(345, 3, "650"), W(400, 3, "4.70"), W(480, 3, "3055.00"),
            W(40, 4, "2"), W(60, 4, "Leather"), W(105, 4, "work"), W(135, 4, "boots"), W(280, 4, "640399"), W(345, 4, "39"), W(400, 4, "25.03"), W(480, 4, "976.17"),
        ]);

        var doc = new LayoutFieldExtractor().Extract([page], DocumentFormat.Image, Info).Document;

        Assert.Equal(["Deep groove bearing", "Leather work boots"], doc.Lines.Select(l => l.GetText(FieldNames.Description)));
        Assert.Equal([3055.00m, 976.17m], doc.Lines.Select(l => l.GetNumber(FieldNames.Amount) ?? 0));
    }

    // ------------------------------------------------------------------ values stacked under their labels

    [Fact]
    public void AValueUnderItsLabel_BeatsTheLineOfAnotherBlockBesideIt()
    {
        var doc = Extract(
            (40, 0, "Gutschrift"),
            (185, 2, "Käufer / Empfänger"),
            (40, 3, "Incoterms"), (185, 3, "Alpenblick Handels AG"),
            (40, 4, "DAP Chicago"), (185, 4, "Bahnhofstrasse 40"),
            (185, 5, "8001 Zürich"),
            (40, 6, "Warenursprung"), (185, 6, "Schweiz"),
            (40, 7, "Deutschland"));

        Assert.Equal("DE", doc.Fields.GetText(FieldNames.OriginCountry));
    }

    [Fact]
    public void AValueRightOfItsLabel_InAColumnOfValues_IsStillTheValue()
    {
        // Values aligned under each other right of their labels are a column of values, not another block.
        var doc = Extract(
            (40, 0, "Commercial Invoice"),
            (40, 2, "Country of origin"), (185, 2, "Germany"),
            (40, 3, "Destination"), (185, 3, "France"));

        Assert.Equal("DE", doc.Fields.GetText(FieldNames.OriginCountry));
        Assert.Equal("FR", doc.Fields.GetText(FieldNames.DestinationCountry));
    }

    [Fact]
    public void AFieldLabelOverItsValue_BesideATableHeader_IsNoStackedHeader()
    {
        // "Zielland" over "Schweiz", the value drawn on the table header's line.
        var words = new List<(double, int, string)>
        {
            (40, 0, "Gutschrift"), (40, 2, "Zielland"),
            (40, 3, "Schweiz"), (189, 3, "Pos."), (215, 3, "Beschreibung"), (400, 3, "Anzahl"), (450, 3, "Einzelpreis"), (520, 3, "Gesamtpreis"),
            (189, 4, "1"), (215, 4, "Holzbausteine"), (410, 4, "41"), (460, 4, "13,26"), (530, 4, "543,66"),
            (189, 5, "2"), (215, 5, "Stahlwinkel"), (410, 5, "50"), (460, 5, "2,24"), (530, 5, "112,00"),
        };
        var page = new PageText(1, 595, 842, PageText.Points,
            words.Select(w => w.Item2 == 2 ? new TextWord(w.Item3, w.Item1, 40 + 2 * 14 + 4, w.Item1 + w.Item3.Length * 5.5, 50 + 2 * 14 + 4) : Word(w.Item1, w.Item2, w.Item3)).ToList());

        var doc = new LayoutFieldExtractor().Extract([page], DocumentFormat.PdfText, Info).Document;

        Assert.Equal("CH", doc.Fields.GetText(FieldNames.DestinationCountry));
        Assert.Equal(2, doc.Lines.Count);
    }

    // ------------------------------------------------------------------ headings and rows under labels no list names

    [Fact]
    public void TheChineseCustomerHeading_HeadsTheBuyersBlock()
    {
        var doc = Extract(
            (40, 0, "商业发票"),
            (40, 2, "客户"),
            (40, 3, "Kiwi Bay Wholesale Pty Ltd"),
            (40, 4, "44 Collins Street"),
            (40, 5, "Melbourne VIC 3000"),
            (40, 6, "澳大利亚"));

        Assert.Equal("Kiwi Bay Wholesale Pty Ltd", doc.Fields.GetText(FieldNames.BuyerName));
        Assert.Equal("AU", doc.Fields.GetText(FieldNames.BuyerCountry));
    }

    [Fact]
    public void TheCustomerNumberLine_IsNoBuyer()
    {
        var doc = Extract((40, 0, "商业发票"), (40, 2, "客户编号 88231"), (40, 3, "付款条件 30天"));

        Assert.False(doc.Fields.ContainsKey(FieldNames.BuyerName));
    }

    [Fact]
    public void ARunningSumRowUnderAnUnknownLabel_IsTheLineTotal()
    {
        var doc = Extract(
            (40, 0, "Factura comercial"),
            (40, 2, "Descripción"), (300, 2, "Cantidad"), (380, 2, "Precio"), (480, 2, "Importe"),
            (40, 3, "Bolso de cuero"), (310, 3, "3"), (380, 3, "44,55"), (480, 3, "133,65"),
            (40, 4, "Vajilla de porcelana"), (310, 4, "16"), (380, 4, "39,14"), (480, 4, "626,24"),
            (200, 5, "Suma"), (480, 5, "759,89"));

        Assert.Equal(2, doc.Lines.Count);
        Assert.Equal(759.89m, doc.Fields.GetNumber(FieldNames.LineTotal));
    }

    [Fact]
    public void ARunningSumRowWhoseLabelStandsInANumberColumn_IsTheLineTotal()
    {
        // "Suma" drawn under the HS-code column: the row has no description, but its amount adds up the goods lines.
        var doc = Extract(
            (40, 0, "Factura comercial"),
            (40, 2, "Descripción"), (250, 2, "Partida arancelaria"), (380, 2, "Uds."), (430, 2, "Precio"), (500, 2, "Valor"),
            (40, 3, "Bolso de cuero"), (250, 3, "4202.21"), (390, 3, "3"), (430, 3, "44,55"), (500, 3, "133,65"),
            (40, 4, "Vajilla de porcelana"), (250, 4, "6911.10"), (390, 4, "16"), (430, 4, "39,14"), (500, 4, "626,24"),
            (260, 5, "Suma"), (500, 5, "759,89"));

        Assert.Equal(2, doc.Lines.Count);
        Assert.Equal(759.89m, doc.Fields.GetNumber(FieldNames.LineTotal));
    }

    [Fact]
    public void ARowThatIsNotTheSumOfTheLines_IsNoLineTotal()
    {
        var doc = Extract(
            (40, 0, "Factura comercial"),
            (40, 2, "Descripción"), (250, 2, "Partida arancelaria"), (380, 2, "Uds."), (430, 2, "Precio"), (500, 2, "Valor"),
            (40, 3, "Bolso de cuero"), (250, 3, "4202.21"), (390, 3, "3"), (430, 3, "44,55"), (500, 3, "133,65"),
            (40, 4, "Vajilla de porcelana"), (250, 4, "6911.10"), (390, 4, "16"), (430, 4, "39,14"), (500, 4, "626,24"),
            (260, 5, "Portes"), (500, 5, "80,00"));

        Assert.False(doc.Fields.ContainsKey(FieldNames.LineTotal) && doc.Fields.GetNumber(FieldNames.LineTotal) == 80m);
    }

    [Theory]
    [InlineData("bij factuur", true)]
    [InlineData("zu rechnung", true)]
    [InlineData("对应发票号", true)]
    [InlineData("totaal factuur", false)]
    [InlineData("datum rechnung", false)]
    [InlineData("factuur", false)]
    public void AnInvoiceNumberLabelAfterAShortQualifier_NamesTheReferencedInvoice(string folded, bool found) =>
        Assert.Equal(found, LayoutFieldExtractor.ReferencedNumberLabel(TextNormalizer.Fold(folded)) is { Target: FieldNames.InvoiceNumber });

    [Fact]
    public void APackingListsInvoiceReference_IsItsInvoiceNumber()
    {
        var doc = Extract((40, 0, "Paklijst"), (40, 2, "Bij factuur: DAB-2026-06035"), (40, 3, "Documentdatum: 24-4-2026"));

        Assert.Equal("DAB-2026-06035", doc.Fields.GetText(FieldNames.InvoiceNumber));
    }

    [Fact]
    public void AnIncotermUnderALabelNoListNames_IsRead()
    {
        var doc = Extract(
            (40, 0, "Handelsfactuur"),
            (44, 2, "Documentnr."), (173, 2, "Factuurdatum"), (430, 2, "Levering"),
            (44, 3, "2026/08326"), (173, 3, "13-11-2026"), (430, 3, "FOB Rotterdam"));

        Assert.Equal("FOB", doc.Fields.GetText(FieldNames.Incoterm));
        Assert.Equal("Rotterdam", doc.Fields.GetText(FieldNames.IncotermPlace));
        Assert.True(doc.Fields[FieldNames.Incoterm].Confidence < 0.7);
    }

    [Fact]
    public void TwoDifferentStandaloneIncoterms_GiveNone()
    {
        var doc = Extract((40, 0, "Invoice"), (40, 2, "FOB Shanghai"), (40, 3, "CIF Hamburg"));

        Assert.False(doc.Fields.ContainsKey(FieldNames.Incoterm));
    }

    [Fact]
    public void ATaxRowUnderAnUnknownLabel_IsTheRateOfTheLineTotal()
    {
        var doc = SpanishTotals(
            (300, 6, "Impuesto 21%"), (480, 6, "165,27"),
            (300, 7, "Total EUR"), (480, 7, "952,25"));

        Assert.Equal(165.27m, doc.Fields.GetNumber(FieldNames.TaxAmount));
    }

    [Fact]
    public void ADiscountRowWhoseAmountIsTheRate_IsNoTax()
    {
        // 5 % of 786,98 is 39,35: a discount, not a tax, even where a total happens to add up with it.
        var doc = SpanishTotals(
            (300, 6, "Descuento 5%"), (480, 6, "39,35"),
            (300, 7, "Total EUR"), (480, 7, "826,33"));

        Assert.False(doc.Fields.ContainsKey(FieldNames.TaxAmount));
    }

    [Fact]
    public void ARateRowThatDoesNotAddUpToTheTotal_IsNoTax()
    {
        var doc = SpanishTotals(
            (300, 6, "Recargo 21%"), (480, 6, "165,27"),
            (300, 7, "Total EUR"), (480, 7, "786,98"));

        Assert.False(doc.Fields.ContainsKey(FieldNames.TaxAmount));
    }

    [Fact]
    public void ARateRowWhoseAmountIsNotTheRate_IsNoTax()
    {
        var doc = SpanishTotals(
            (300, 6, "Descuento 5%"), (480, 6, "12,00"));

        Assert.False(doc.Fields.ContainsKey(FieldNames.TaxAmount));
    }

    /// <summary>A Spanish invoice of one goods line (786,98) with its base on line 5 and the given totals rows under it.</summary>
    private static ExtractedDocument SpanishTotals(params (double X, int Line, string Text)[] rows) => Extract(
    [
        (40, 0, "Factura"),
        (40, 2, "Descripción"), (300, 2, "Cantidad"), (380, 2, "Precio"), (480, 2, "Importe"),
        (40, 3, "Vajilla de porcelana"), (310, 3, "19"), (380, 3, "41,42"), (480, 3, "786,98"),
        (300, 5, "Base imponible"), (480, 5, "786,98"),
        .. rows,
    ]);

    [Theory]
    [InlineData("N° TVA intracom.: FR 27 331 004 871", "FR 27 331 004 871")]
    [InlineData("VAT No. GB 123 4567 89", "GB 123 4567 89")]
    [InlineData("USt-IdNr: DE123456789", "DE123456789")]
    [InlineData("TVA intracommunautaire", null)]
    public void TaxIdsOnPartyLines_HaveDigits(string line, string? expected) => Assert.Equal(expected, LayoutFieldExtractor.TaxIdIn(line));

    // ------------------------------------------------------------------ packing lists and CJK descriptions

    [Fact]
    public void APackingListTable_NamedByWeightsAndPackages_IsRead()
    {
        var doc = Extract(
            (40, 0, "装箱单"),
            (44, 2, "序号"), (71, 2, "品名"), (267, 2, "海关编码"), (356, 2, "数"), (372, 2, "单"), (431, 2, "箱数"), (480, 2, "净重"), (530, 2, "毛重"),
            (44, 3, "1"), (71, 3, "工业以太网交换机"), (267, 3, "851762"), (356, 3, "46"), (380, 3, "个"), (442, 3, "1"), (480, 3, "20.7"), (530, 3, "23.6"),
            (44, 4, "2"), (71, 4, "导轨式电源"), (267, 4, "850440"), (356, 4, "21"), (380, 4, "个"), (442, 4, "1"), (480, 4, "12.6"), (530, 4, "14.5"));

        Assert.Equal(["工业以太网交换机", "导轨式电源"], doc.Lines.Select(l => l.GetText(FieldNames.Description)));
        Assert.Equal([46m, 21m], doc.Lines.Select(l => l.GetNumber(FieldNames.Quantity) ?? 0));
    }

    [Fact]
    public void AWeakColumnWord_AloneIsNoHeader() =>
        Assert.Null(GoodsTableFinder.HeaderColumns(LineBuilder.Build(Page((40, 0, "Land"), (200, 0, "Goods"), (400, 0, "Units")))[0]));

    [Fact]
    public void AWrappedJapaneseDescription_IsJoinedWithoutASpace()
    {
        var doc = Extract(
            (40, 0, "請求書"),
            (40, 2, "番号"), (70, 2, "明細"), (300, 2, "数量"), (380, 2, "単価"), (480, 2, "金額"),
            (40, 3, "1"), (70, 3, "プラスチック製ケーブルクリッ"), (300, 3, "1,025"), (380, 3, "57"), (480, 3, "58,425"),
            (70, 4, "プ"),
            (40, 5, "2"), (70, 5, "革製作業用ブーツ"), (300, 5, "35"), (380, 5, "3,960"), (480, 5, "138,600"));

        Assert.Equal("プラスチック製ケーブルクリップ", doc.Lines[0].GetText(FieldNames.Description));
    }
}
