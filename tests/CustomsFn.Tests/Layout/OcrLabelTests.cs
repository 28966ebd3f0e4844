using CustomsFn.Core.Extraction.Layout;
using CustomsFn.Core.Model;

namespace CustomsFn.Tests.Layout;

/// <summary>Labels, titles and identifiers as OCR damages them: per-script tolerance, and content cues where the title is lost.</summary>
public class OcrLabelTests
{
    private static readonly ExtractorInfo Info = new("test", "1");

    private static PageText OcrPage(params (double X, int Line, string Text)[] words) =>
        new(1, 2480, 3508, PageText.Pixels,
            words.Select(w => new TextWord(w.Text, w.X, 100 + w.Line * 60, w.X + w.Text.Length * 18, 130 + w.Line * 60, 0.9)).ToList());

    [Theory]
    [InlineData("Número de bultos", "numero de bultos")]
    [InlineData("Žatec Brno", "zatec brno")]
    [InlineData("País de origen:", "pais de origen")]
    [InlineData("原 产 国", "原产国")]
    [InlineData("控制 电缆 4x1.5 mm2", "控制电缆 4x1.5 mm2")]
    public void Fold_StripsAccentsAndTheSpacesOcrPutsBetweenCjkCharacters(string text, string folded) =>
        Assert.Equal(folded, TextNormalizer.Fold(text));

    [Fact]
    public void ParenthesisThatNamesTheField_IsALabel_WhenWhatStandsBeforeItIsNone()
    {
        // "貿易条件（インコタームズ2020）" with 貿易条 lost; "(国际贸易术语2020)" likewise.
        Assert.Contains(Lexicon.Lookup(TextNormalizer.Fold("件 ( インコタームズ 2020 )"), LabelKind.Field), l => l.Label.Target == FieldNames.Incoterm);
        Assert.Contains(Lexicon.Lookup(TextNormalizer.Fold("术语 (国际 贸易术语2020 )"), LabelKind.Field), l => l.Label.Target == FieldNames.Incoterm);
        // A value after the parenthesis: the whole is a label and its value, read elsewhere.
        Assert.Empty(Lexicon.Lookup(TextNormalizer.Fold("Lieferbedingung (Incoterms 2020): FOB Hamburg"), LabelKind.Field));
    }

    [Fact]
    public void DamagedCjkLabels_StillAnchorTheirValues()
    {
        var page = OcrPage(
            (100, 0, "請求番号"), (1800, 0, "芝1"), (1900, 0, "状"),
            (100, 1, "」PX-2026-00268"),
            (100, 3, "件 ( インコタームズ 2020 )"),
            (100, 4, "CIF Los Angeles"),
            (100, 6, "原 产 国"), (700, 6, "日本"));

        var doc = new LayoutFieldExtractor().Extract([page], DocumentFormat.Image, Info).Document;

        Assert.Equal("JPX-2026-00268", doc.Fields.GetText(FieldNames.InvoiceNumber));
        Assert.Equal("CIF", doc.Fields.GetText(FieldNames.Incoterm));
        Assert.Equal("Los Angeles", doc.Fields.GetText(FieldNames.IncotermPlace));
        Assert.Equal("JP", doc.Fields.GetText(FieldNames.OriginCountry));
    }

    private static (double, int, string)[] PackingTable(string totalsLabel) =>
    [
        (100, 0, "Factura n.º:"), (700, 0, "CTS-2026-00154"),
        (100, 2, "Descripción"), (900, 2, "Cant."), (1200, 2, "Bultos"), (1500, 2, "Neto kg"), (1800, 2, "Bruto kg"),
        (100, 3, "Vajilla de porcelana"), (900, 3, "8"), (1200, 3, "3"), (1500, 3, "49,6"), (1800, 3, "56"),
        (100, 4, "Cable de control"), (900, 4, "250"), (1200, 4, "1"), (1500, 4, "20"), (1800, 4, "22,8"),
        (1000, 5, totalsLabel), (1800, 5, "4"),
        (1000, 6, "Peso neto (kg)"), (1800, 6, "69,6"),
    ];

    [Fact]
    public void PackingTableWithoutTitle_IsAPackingList_AlthoughItNamesAnInvoice()
    {
        var doc = new LayoutFieldExtractor().Extract([OcrPage(PackingTable("Número de bultos"))], DocumentFormat.Image, Info).Document;

        Assert.Equal(DocumentType.PackingList, doc.DocumentType);
    }

    [Fact]
    public void PricedTableWithoutTitle_IsAnInvoice()
    {
        var page = OcrPage(
            (100, 0, "Description"), (900, 0, "Qty"), (1200, 0, "Unit price"), (1700, 0, "Amount"),
            (100, 1, "Steel bracket"), (900, 1, "12"), (1200, 1, "4.50"), (1700, 1, "54.00"));

        Assert.Equal(DocumentType.CommercialInvoice, new LayoutFieldExtractor().Extract([page], DocumentFormat.Image, Info).Document.DocumentType);
    }

    [Fact]
    public void TotalsLabelWithAStrayCharacter_EndsAnOcrTable()
    {
        var doc = new LayoutFieldExtractor().Extract([OcrPage(PackingTable("Número. de bultos"))], DocumentFormat.Image, Info).Document;

        Assert.Equal("Cable de control", doc.Lines[^1].GetText(FieldNames.Description));
        Assert.Equal(4m, doc.Fields.GetNumber(FieldNames.PackageCount));
        Assert.True(GoodsTableFinder.IsOcrDamagedTotalsLabel(TextNormalizer.Fold("Número. de bultos")));
        Assert.False(GoodsTableFinder.IsOcrDamagedTotalsLabel(TextNormalizer.Fold("Número de pieza")));
    }

    [Theory]
    [InlineData("〒231-0002", "JP")]
    [InlineData("Omaha, NE 68102", "US")]
    [InlineData("Vancouver, BC V6B 1A1", "CA")]
    [InlineData("Southampton SO14 3XX", "GB")]
    [InlineData("Springfield, ZZ 12345", null)]
    [InlineData("80331 München", null)]
    public void PostalFormatsOfOneCountry_NameIt(string line, string? country) => Assert.Equal(country, Countries.FromPostalCode(line));

    [Fact]
    public void AddressNamingACountry_WinsOverItsPostalFormat() =>
        Assert.Equal("FR", Countries.FromAddress(["12 Baker Street", "London W1U 6TY", "France"]));

    [Theory]
    [InlineData("株式会社ミナト精機", "JP")]
    [InlineData("Cerámicas del Turia S.L.", "ES")]
    [InlineData("Officine Rossi S.p.A.", "IT")]
    [InlineData("Van der Grift Handelsonderneming B.V.", "NL")]
    [InlineData("Kesselbach Feinmechanik GmbH", null)]
    [InlineData("宁波海瑞五金制品有限公司", null)]
    public void LegalFormsOfOneCountry_NameIt(string name, string? country) => Assert.Equal(country, Countries.FromLegalForm(name));

    [Fact]
    public void SellerWhoseCountryLineWasNotRead_GetsTheCountryOfItsLegalForm_LessSurely()
    {
        var page = OcrPage(
            (100, 0, "売主 / 輸出者"),
            (100, 1, "株式会社ミナト精機"),
            (100, 2, "神奈川県横浜市中区海岸通3-12"),
            (1200, 0, "買主 / 荷受人"),
            (1200, 1, "Maple Coast Distribution Inc."),
            (1200, 2, "Vancouver, BC V6B 1A1"),
            (1200, 3, "カナダ"));

        var fields = new LayoutFieldExtractor().Extract([page], DocumentFormat.Image, Info).Document.Fields;

        Assert.Equal("JP", fields.GetText(FieldNames.SellerCountry));
        Assert.Equal("CA", fields.GetText(FieldNames.BuyerCountry));
        Assert.True(fields[FieldNames.SellerCountry].Confidence < fields[FieldNames.BuyerCountry].Confidence);
    }

    [Fact]
    public void RowWithoutDescriptionThatSumsTheLines_IsTheSubtotal_WhenItsLabelWasMisread()
    {
        var page = OcrPage(
            (30, 0, "No."), (200, 0, "Description"), (900, 0, "Qty"), (1200, 0, "Unit price"), (1700, 0, "Amount"),
            (30, 1, "1"), (200, 1, "Steel bracket"), (900, 1, "12"), (1200, 1, "4.50"), (1700, 1, "54.00"),
            (30, 2, "2"), (200, 2, "Copper wire"), (900, 2, "3"), (1200, 2, "10.00"), (1700, 2, "30.00"),
            (30, 3, "4"), (1700, 3, "84.00"));

        var doc = new LayoutFieldExtractor().Extract([page], DocumentFormat.Image, Info).Document;

        Assert.Equal(2, doc.Lines.Count);
        Assert.Equal(84.00m, doc.Fields.GetNumber(FieldNames.LineTotal));
        Assert.True(doc.Fields[FieldNames.LineTotal].Confidence <= 0.55);
    }

    [Fact]
    public void LabelSplitAtAWideGap_IsReadAsOne_OnOcrPagesOnly()
    {
        var page = new PageText(1, 2480, 3508, PageText.Pixels,
        [
            new TextWord("País", 1300, 100, 1370, 130, 0.9), new TextWord("de", 1420, 100, 1455, 130, 0.9),
            new TextWord("origen:", 1465, 100, 1580, 130, 0.9), new TextWord("España", 1900, 100, 2020, 130, 0.9),
        ]);
        var textLayer = page with { Unit = PageText.Points, Words = page.Words.Select(w => w with { Confidence = null }).ToList() };

        var ocr = new LayoutFieldExtractor().Extract([page], DocumentFormat.Image, Info).Document.Fields;
        var text = new LayoutFieldExtractor().Extract([textLayer], DocumentFormat.PdfText, Info).Document.Fields;

        Assert.Equal("ES", ocr.GetText(FieldNames.OriginCountry));
        Assert.False(text.ContainsKey(FieldNames.OriginCountry));
    }
}
