using System.Globalization;
using CustomsFn.Core.Model;
using CustomsFn.Core.Tariffs;

namespace CustomsFn.Bench;

/// <summary>
/// Pre-extracted invoices for the rules workload: to the US, the UK and the EU, with goods lines whose codes are real
/// rated lines of that destination's pack, spread over the whole pack. Every document size is cut from the same
/// <see cref="CodesPerRoute"/> codes per destination, so that 10-line and 10,000-line documents touch the same tariff
/// lines: a small document that repeated its ten codes would run from a warm cache and make a large one look
/// non-linear when it only touches more of the tariff.
/// </summary>
internal static class RulesDocuments
{
    /// <summary>Codes per destination, as many as the largest document has lines.</summary>
    public const int CodesPerRoute = 10_000;

    private static readonly (string Destination, string Currency, string Seller)[] Routes = [("US", "USD", "DE"), ("GB", "GBP", "CN"), ("DE", "EUR", "US")];

    /// <summary>
    /// <see cref="CodesPerRoute"/> / <paramref name="lines"/> documents per destination, interleaved by destination,
    /// together covering each destination's codes once.
    /// </summary>
    public static IReadOnlyList<ExtractedDocument> Build(int lines)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lines, 1);
        var date = new DateOnly(2026, 5, 1);
        var perRoute = Routes.Select(r =>
        {
            var pack = TariffCatalog.Default.NationalFor(r.Destination, date)
                ?? throw new InvalidOperationException($"No national tariff for {r.Destination}.");
            var rated = pack.Lines.Where(l => l.HasRate && l.Code.Length >= 8).ToList();
            var step = Math.Max(1, rated.Count / CodesPerRoute);
            var codes = Enumerable.Range(0, CodesPerRoute).Select(i => rated[(i * step) % rated.Count].Code).ToList();
            return codes.Chunk(lines).Select(chunk => Invoice(r.Destination, r.Currency, r.Seller, date, chunk)).ToList();
        }).ToList();
        var documents = new List<ExtractedDocument>();
        for (var i = 0; i < perRoute.Max(d => d.Count); i++)
            documents.AddRange(perRoute.Where(d => i < d.Count).Select(d => d[i]));
        return documents;
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
