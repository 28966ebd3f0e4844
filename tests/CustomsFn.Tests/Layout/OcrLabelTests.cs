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
}
