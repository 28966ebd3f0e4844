using CustomsFn.Core.Extraction.Layout;
using CustomsFn.Core.Model;

namespace CustomsFn.Tests.Layout;

/// <summary>
/// Net + tax + charges = total: a tax amount that breaks it gives way to one that holds (the sum of a VAT breakdown's
/// per-rate rows, as German invoices print it), and where nothing holds neither tax nor total keeps a high confidence.
/// </summary>
public class TotalsCheckTests
{
    private static readonly ExtractorInfo Info = new("test", "1");

    private static (double, int, string)[] Invoice(string secondRateTax, string total) =>
    [
        (40, 0, "RECHNUNG"), (300, 1, "Rechnungsnummer:"), (420, 1, "R-2018-471"),
        (40, 3, "Beschreibung"), (250, 3, "Menge"), (330, 3, "Einzelpreis"), (450, 3, "Betrag"),
        (40, 4, "Trennblätter A4"), (250, 4, "20"), (330, 4, "9,90"), (450, 4, "198,00"),
        (40, 5, "Joghurt Banane"), (250, 5, "50"), (330, 5, "5,50"), (450, 5, "275,00"),
        (40, 7, "Umsatzsteuer"), (200, 7, "275,00"), (300, 7, "7"), (450, 7, "19,25"),
        (40, 8, "Umsatzsteuer"), (200, 8, "198,00"), (300, 8, "19"), (450, 8, secondRateTax),
        (40, 9, "Nettobetrag"), (450, 9, "473,00"),
        (40, 10, "Gesamtbetrag"), (450, 10, total),
    ];

    [Fact]
    public void PerRateTaxRows_AddUpToTheTax_WhenNetPlusTheirSumIsTheTotal()
    {
        var result = new LayoutFieldExtractor().Extract([TextPages.Of(Invoice("37,62", "529,87"))], DocumentFormat.PdfText, Info);

        var fields = result.Document.Fields;
        Assert.Equal((473.00m, 56.87m, 529.87m), (fields.GetNumber(FieldNames.LineTotal), fields.GetNumber(FieldNames.TaxAmount), fields.GetNumber(FieldNames.TotalAmount)));
        Assert.True(fields[FieldNames.TaxAmount].Confidence <= 0.88);
    }

    [Fact]
    public void TaxAndTotalThatCannotBothBeRight_KeepNoHighConfidence()
    {
        // 473 + 19,25 + 40,00 = 532,25, not 529,87; no other tax amount offered makes it hold.
        var result = new LayoutFieldExtractor().Extract([TextPages.Of(Invoice("40,00", "529,87"))], DocumentFormat.PdfText, Info);

        var fields = result.Document.Fields;
        Assert.Equal(529.87m, fields.GetNumber(FieldNames.TotalAmount));
        Assert.True(fields[FieldNames.TaxAmount].Confidence <= 0.75, $"tax {fields[FieldNames.TaxAmount].Confidence}");
        Assert.True(fields[FieldNames.TotalAmount].Confidence <= 0.75, $"total {fields[FieldNames.TotalAmount].Confidence}");
    }
}
