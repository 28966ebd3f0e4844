using CustomsFn.Core.Contract;
using CustomsFn.Core.Extraction.Layout;
using CustomsFn.Core.Model;

namespace CustomsFn.Tests.Layout;

/// <summary>
/// Classes of mistakes seen on ZUGFeRD invoices drawn by other software (the Intarsys development set of
/// facturx-visual), each tested on positioned words of its own: letter-spaced titles, compound and referenced document
/// names, a name whose first word is a label word, tax identifiers beside tax words, and a label's separated colon.
/// </summary>
public sealed class GermanFormsTests
{
    private static readonly ExtractorInfo Info = new("test", "1");

    private static PageText Page(params (double X, int Line, string Text)[] words) => GridPage.Of(words);

    private static string TypeOf(params (double X, int Line, string Text)[] words)
    {
        var lines = LineBuilder.Build(Page(words));
        return DocumentClassifier.Classify(lines, lines).Type;
    }

    [Theory]
    [InlineData("W A R E N R E C H N U N G", "WARENRECHNUNG")]
    [InlineData("I N V O I C E No. 4711", "INVOICE No. 4711")]
    [InlineData("A B C", "A B C")]
    // Runs shorter than four letters stay apart (initials such as "A B C").
    [InlineData("Ö k o - K o n t r - N r .", "Ö k o - Kontr - N r .")]
    public void LetterSpacedWords_AreReadAsTheWordTheySpell(string text, string expected) =>
        Assert.Equal(expected, DocumentClassifier.CollapseLetterSpacing(text));

    [Fact]
    public void LetterSpacedCompoundInvoiceTitle_BeatsAReferencedDeliveryNote()
    {
        var type = TypeOf(
            (40, 0, "Lieferant"), (200, 0, "Käufer"), (330, 0, "W A R E N R E C H N U N G"), (520, 0, "Seite 1"),
            (40, 2, "MUSTERLIEFERANT GMBH"), (330, 2, "Beleg-Nr"), (400, 2, ": R87654321"),
            (330, 6, "Lieferschein-Nr"), (420, 6, ": L87654321012345"));

        Assert.Equal(DocumentType.CommercialInvoice, type);
    }

    [Theory]
    [InlineData("Kostenrechnung")]
    [InlineData("Schlussrechnung")]
    [InlineData("RECHNUNG")]
    public void GermanInvoiceCompounds_AreInvoices(string title) =>
        Assert.Equal(DocumentType.CommercialInvoice, TypeOf((40, 0, title), (40, 4, "Lieferschein-Nr: 4711")));

    [Fact]
    public void APackingListTitle_StillBeatsTheInvoiceNumberItGives() =>
        Assert.Equal(DocumentType.PackingList, TypeOf((40, 0, "PACKING LIST"), (40, 2, "Invoice No. 4711"), (40, 3, "Invoice date: 01.02.2026")));

    [Theory]
    [InlineData("GmbH", true)]
    [InlineData("GmbH & Co. KG", true)]
    [InlineData("Ltd.", true)]
    [InlineData("株式会社", true)]
    [InlineData("Musterhausen GmbH", false)]
    [InlineData("", false)]
    public void LegalForms_AreRecognisedAlone(string text, bool expected) => Assert.Equal(expected, LegalForms.IsOnlyLegalForm(text));

    [Fact]
    public void ANameStartingWithALabelWord_IsTheName_NotTheLabelAndALegalForm()
    {
        var result = new LayoutFieldExtractor().Extract([Page(
            (40, 0, "Rechnungsersteller"),
            (40, 1, "Lieferant GmbH"),
            (40, 2, "Lieferantenstraße 20"), (330, 2, "RECHNUNG"),
            (40, 3, "80333 München"), (330, 3, "Rechnungsnummer"), (450, 3, "471102"),
            (330, 4, "Rechnungsdatum"), (450, 4, "05.03.2013"),
            (300, 10, "Rechnungssumme Brutto"), (480, 10, "529,87"))], DocumentFormat.PdfText, Info);

        Assert.Equal("Lieferant GmbH", result.Document.Fields[FieldNames.SellerName].Value);
    }

    [Fact]
    public void TaxIdentifiersBesideTaxWords_AreNeverTheTaxAmount_AndTheIdLosesItsColon()
    {
        var result = new LayoutFieldExtractor().Extract([Page(
            (40, 0, "RECHNUNG"), (330, 0, "Rechnungsnummer"), (450, 0, "471102"),
            (40, 8, "Rechnungssumme Brutto"), (300, 8, "529,87"),
            (40, 12, "USt-IdNr"), (110, 12, ": DE123456789"),
            (40, 13, "USt.-Identnr.:"), (130, 13, "DE123456789"),
            (40, 14, "Steuernr.:"), (110, 14, "201/113/40209"))], DocumentFormat.PdfText, Info);

        var fields = result.Document.Fields;
        Assert.False(fields.TryGetValue(FieldNames.TaxAmount, out var tax) && tax.Value is decimal d && d > 1000, $"tax amount {tax?.Value}");
        Assert.Equal("DE123456789", fields[FieldNames.SellerTaxId].Value);
    }

    [Fact]
    public void NetAndGrossInvoiceSums_AreTheLineTotalAndTheTotal()
    {
        var page = Page(
            (40, 0, "Nordlicht Handel GmbH"), (330, 0, "RECHNUNG"), (330, 1, "Rechnungsnummer"), (480, 1, "471102"),
            (330, 2, "Rechnungsdatum"), (480, 2, "05.03.2026"), (40, 4, "Rechnungsempfänger"), (40, 5, "Seeweg Markt AG"),
            (40, 8, "Pos"), (80, 8, "Artikelbeschreibung"), (300, 8, "Menge"), (400, 8, "Preis"), (500, 8, "Betrag"),
            (40, 9, "1"), (80, 9, "Trennblätter A4"), (300, 9, "20"), (400, 9, "9,90"), (500, 9, "198,00"),
            (40, 10, "2"), (80, 10, "Joghurt Banane"), (300, 10, "50"), (400, 10, "5,50"), (500, 10, "275,00"),
            (60, 12, "Rechnungssumme Netto (excl. USt.)"), (500, 12, "473,00"),
            (60, 13, "Steuerbasisbetrag USt. 7%"), (420, 13, "275,00"), (500, 13, "19,25"),
            (60, 14, "Steuerbasisbetrag USt. 19%"), (420, 14, "198,00"), (500, 14, "37,62"),
            (60, 15, "Rechnungssumme Brutto (inkl. USt.)"), (500, 15, "529,87"));

        var fields = new LayoutFieldExtractor().Extract([page], DocumentFormat.PdfText, Info).Document.Fields;

        Assert.Equal(473.00m, fields.GetNumber(FieldNames.LineTotal));
        Assert.Equal(529.87m, fields.GetNumber(FieldNames.TotalAmount));
    }

    [Fact]
    public void ATotalsTableWithARowPerTaxRate_GivesTheSumRow()
    {
        var page = Page(
            (40, 0, "Nordlicht Handel GmbH"), (330, 0, "RECHNUNG"), (330, 1, "Rechnungsnummer"), (480, 1, "471102"),
            (330, 2, "Rechnungsdatum"), (480, 2, "05.03.2026"),
            (40, 4, "Pos"), (80, 4, "Artikelbeschreibung"), (300, 4, "Menge"), (400, 4, "Preis"), (500, 4, "Betrag"),
            (40, 5, "1"), (80, 5, "Zitronensäure 100ml"), (300, 5, "100"), (400, 5, "1,00"), (500, 5, "100,00"),
            (40, 6, "2"), (80, 6, "Gelierzucker Extra 250g"), (300, 6, "50"), (400, 6, "1,45"), (500, 6, "72,50"),
            (40, 9, "Der Verkäufer bleibt Eigentümer der Waren bis zur vollständigen Erfüllung der Kaufpreisforderung."),
            (40, 10, "Bei Zahlung innerhalb 14 Tagen gewähren wir 2,0% Skonto."),
            (50, 13, "Warenwert"), (120, 13, "Nettobetrag"), (200, 13, "MwSt-Betrag"), (280, 13, "MwSt-%"), (330, 13, "Endbetrag"),
            (64, 14, "100,00"), (134, 14, "100,00"), (215, 14, "19,00"), (282, 14, "19,0"), (340, 14, "119,00"),
            (64, 15, "72,50"), (134, 15, "72,50"), (215, 15, "5,08"), (282, 15, "7,0"), (340, 15, "77,58"),
            (64, 16, "172,50"), (134, 16, "172,50"), (215, 16, "24,08"), (282, 16, "EUR"), (340, 16, "196,58"));

        var fields = new LayoutFieldExtractor().Extract([page], DocumentFormat.PdfText, Info).Document.Fields;

        Assert.Equal(196.58m, fields.GetNumber(FieldNames.TotalAmount));
        Assert.Equal(24.08m, fields.GetNumber(FieldNames.TaxAmount));
    }

    [Fact]
    public void TheHeaderOfATotalsTable_EndsTheGoodsTable()
    {
        var lines = LineBuilder.Build(Page(
            (40, 0, "Pos"), (80, 0, "Artikelbeschreibung"), (300, 0, "Menge"), (400, 0, "Preis"), (500, 0, "Betrag"),
            (40, 1, "1"), (80, 1, "Zitronensäure 100ml"), (300, 1, "100"), (400, 1, "1,00"), (500, 1, "100,00"),
            (50, 3, "Warenwert"), (120, 3, "Nettobetrag"), (200, 3, "MwSt-Betrag"), (280, 3, "MwSt-%"), (330, 3, "Endbetrag"),
            (64, 4, "100,00"), (134, 4, "100,00"), (215, 4, "19,00"), (282, 4, "19,0"), (340, 4, "119,00")));

        var table = Assert.Single(GoodsTableFinder.Find(lines));

        Assert.Single(table.Body);
        Assert.True(table.EndedByTotals);
        Assert.False(GoodsTableFinder.IsTotalsLine(lines[1]));
    }
}
