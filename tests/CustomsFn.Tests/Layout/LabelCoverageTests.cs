using CustomsFn.Core.Extraction.Layout;
using CustomsFn.Core.Model;

namespace CustomsFn.Tests.Layout;

/// <summary>Labels invoices print in the eight languages, each read as the field it names.</summary>
public class LabelCoverageTests
{
    [Theory]
    [InlineData("Inv. #", FieldNames.InvoiceNumber)]
    [InlineData("Re.-Nr.", FieldNames.InvoiceNumber)]
    [InlineData("Nº factura", FieldNames.InvoiceNumber)]
    [InlineData("Numéro d'avoir", FieldNames.InvoiceNumber)]
    [InlineData("貸方票番号", FieldNames.InvoiceNumber)]
    [InlineData("Data emissione", FieldNames.IssueDate)]
    [InlineData("Whg.", FieldNames.Currency)]
    [InlineData("结算币种", FieldNames.Currency)]
    [InlineData("適格請求書発行事業者登録番号", FieldNames.SellerTaxId)]
    [InlineData("统一社会信用代码", FieldNames.SellerTaxId)]
    [InlineData("Warenursprung", FieldNames.OriginCountry)]
    [InlineData("Empfangsland", FieldNames.DestinationCountry)]
    [InlineData("Destinazione", FieldNames.DestinationCountry)]
    [InlineData("Goederenwaarde", FieldNames.LineTotal)]
    [InlineData("Omzetbelasting", FieldNames.TaxAmount)]
    [InlineData("Vrachtkosten", FieldNames.FreightAmount)]
    [InlineData("Prime d'assurance", FieldNames.InsuranceAmount)]
    [InlineData("Factuurtotaal", FieldNames.TotalAmount)]
    [InlineData("Peso lordo totale kg", FieldNames.GrossWeightKg)]
    [InlineData("正味重量合計kg", FieldNames.NetWeightKg)]
    [InlineData("Total bultos", FieldNames.PackageCount)]
    [InlineData("Suma", null)] // subtotal or total: too ambiguous alone
    public void FieldLabel_IsReadAsItsField(string text, string? field)
    {
        var targets = Lexicon.Lookup(TextNormalizer.Fold(text), LabelKind.Field).Select(l => l.Label.Target).ToList();
        if (field is null) Assert.Empty(targets);
        else Assert.Contains(field, targets);
    }

    [Theory]
    [InlineData("Rechnungsadresse", Lexicon.Buyer)]
    [InlineData("Adresse de facturation", Lexicon.Buyer)]
    [InlineData("Facturar a", Lexicon.Buyer)]
    [InlineData("Afnemer", Lexicon.Buyer)]
    [InlineData("宛先", Lexicon.Buyer)]
    [InlineData("発行元", Lexicon.Seller)]
    public void PartyLabel_IsReadAsItsRole(string text, string role) =>
        Assert.Contains(role, Lexicon.Lookup(TextNormalizer.Fold(text), LabelKind.Party).Select(l => l.Label.Target));

    [Theory]
    [InlineData("P. unit.", FieldNames.UnitPrice)]
    [InlineData("Stukprijs", FieldNames.UnitPrice)]
    [InlineData("Importe neto", FieldNames.Amount)]
    [InlineData("Imponibile", FieldNames.Amount)]
    [InlineData("Dto. %", Lexicon.ColDiscount)]
    [InlineData("値引%", Lexicon.ColDiscount)]
    [InlineData("计量单位", Lexicon.ColUnit)]
    [InlineData("Hoeveelheid", FieldNames.Quantity)]
    [InlineData("Warennummer", FieldNames.HsCode)]
    [InlineData("Nº bultos", FieldNames.PackageCount)]
    [InlineData("P. lordo kg", FieldNames.GrossWeightKg)]
    [InlineData("Riga", Lexicon.ColPosition)]
    public void ColumnLabel_IsReadAsItsColumn(string text, string column) =>
        Assert.Contains(column, Lexicon.Lookup(TextNormalizer.Fold(text), LabelKind.Column).Select(l => l.Label.Target));

    [Theory]
    [InlineData("Goods")]
    [InlineData("País")]
    [InlineData("Land")]
    public void WordsThatAlsoStartHeaderOrTotalsLines_AreNoColumnLabelAlone(string text) =>
        Assert.Empty(Lexicon.Lookup(TextNormalizer.Fold(text), LabelKind.Column));
}
