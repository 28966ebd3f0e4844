using System.Globalization;
using CustomsFn.Core.Model;
using CustomsFn.Core.Tariffs;

namespace CustomsFn.Cli.Bench;

/// <summary>
/// Pre-extracted invoices for the rules workload: one to the US, one to the UK and one to the EU, each with the given
/// number of goods lines whose codes are real rated lines of that destination's pack (spread over the whole pack).
/// </summary>
internal static class RulesDocuments
{
    private static readonly (string Destination, string Currency, string Seller)[] Routes = [("US", "USD", "DE"), ("GB", "GBP", "CN"), ("DE", "EUR", "US")];

    public static IReadOnlyList<ExtractedDocument> Build(int lines)
    {
        var date = new DateOnly(2026, 5, 1);
        return Routes.Select(r =>
        {
            var pack = TariffCatalog.Default.NationalFor(r.Destination, date)
                ?? throw new InvalidOperationException($"No national tariff for {r.Destination}.");
            var rated = pack.Lines.Where(l => l.HasRate && l.Code.Length >= 8).ToList();
            var step = Math.Max(1, rated.Count / Math.Max(1, lines));
            var codes = Enumerable.Range(0, lines).Select(i => rated[(i * step) % rated.Count].Code).ToList();
            return Invoice(r.Destination, r.Currency, r.Seller, date, codes);
        }).ToList();
    }

    private static ExtractedDocument Invoice(string destination, string currency, string seller, DateOnly date, IReadOnlyList<string> codes)
    {
        var doc = new ExtractedDocument { Format = DocumentFormat.Ubl, DocumentType = DocumentType.CommercialInvoice, Extractor = new ExtractorInfo("bench", "1") };
        decimal total = 0;
        for (var i = 0; i < codes.Count; i++)
        {
            var quantity = 1m + (i % 50);
            var price = 5m + (i % 17) * 1.25m;
            var line = new FieldSet();
            line.Set(FieldNames.Description, "Goods line " + (i + 1).ToString(CultureInfo.InvariantCulture));
            line.Set(FieldNames.HsCode, codes[i]);
            line.Set(FieldNames.Quantity, quantity);
            line.Set(FieldNames.UnitCode, "C62");
            line.Set(FieldNames.UnitPrice, price);
            line.Set(FieldNames.Amount, quantity * price);
            line.Set(FieldNames.OriginCountry, seller);
            doc.Lines.Add(line);
            total += quantity * price;
        }
        var f = doc.Fields;
        foreach (var (name, value) in new (string, object)[]
        {
            (FieldNames.InvoiceNumber, "BENCH-" + codes.Count.ToString(CultureInfo.InvariantCulture)),
            (FieldNames.IssueDate, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            (FieldNames.Currency, currency), (FieldNames.SellerName, "Bench Exporter"), (FieldNames.SellerCountry, seller),
            (FieldNames.BuyerName, "Bench Importer"), (FieldNames.BuyerCountry, destination), (FieldNames.Incoterm, "FOB"),
            (FieldNames.FreightAmount, 120m), (FieldNames.InsuranceAmount, 15m), (FieldNames.LineTotal, total),
            (FieldNames.TaxAmount, 0m), (FieldNames.TotalAmount, total),
        })
        {
            f.Set(name, value);
        }
        return doc;
    }
}
