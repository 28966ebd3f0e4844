using System.Globalization;
using CustomsFn.Core.Tariffs;

namespace CustomsFn.Core.Rules;

/// <summary>CONS-001..005: weights, dates, export countries, quantities and currency are consistent.</summary>
public sealed class ConsistencyRules : IRule
{
    public static readonly RuleInfo Weights = new("CONS-001", Severity.Error, "Net weight is greater than gross weight", "WCO Data Model (net mass <= gross mass); UCC DE 6/1, 6/5");
    public static readonly RuleInfo FutureDate = new("CONS-002", Severity.Error, "The issue date is in the future", "CustomsFn policy: documents are issued before they are processed");
    public static readonly RuleInfo ExportCountries = new("CONS-003", Severity.Error, "An export declaration has the same origin and destination country", "UCC art. 269 (export means leaving the customs territory)");
    public static readonly RuleInfo Quantity = new("CONS-004", Severity.Warning, "A line quantity is zero (warning) or negative (info: a return or correction, allowed by EN 16931)", "EN 16931-1 BT-129; WCO Data Model goods quantity");
    public static readonly RuleInfo Currency = new("CONS-005", Severity.Warning, "The currency is neither the seller's, the buyer's nor a usual invoicing currency", "CustomsFn plausibility check (ISO 4217 by country)");

    public IReadOnlyList<RuleInfo> Describes => [Weights, FutureDate, ExportCountries, Quantity, Currency];

    public void Evaluate(RuleContext context)
    {
        var f = context.Fields;
        if (f.GetNumber(FieldNames.NetWeightKg) is { } net && f.GetNumber(FieldNames.GrossWeightKg) is { } gross && net > gross)
            context.Report(Weights, FieldNames.NetWeightKg, string.Create(CultureInfo.InvariantCulture, $"Net weight {net:0.###} kg is greater than gross weight {gross:0.###} kg."));
        if (f.GetNumber(FieldNames.GrossWeightKg) is { } g2)
        {
            decimal sum = 0;
            var all = context.Lines.Count > 0;
            foreach (var l in context.Lines)
            {
                if (l.GetNumber(FieldNames.NetWeightKg) is { } n) sum += n; else all = false;
            }
            if (all && sum > g2)
                context.Report(Weights, FieldNames.GrossWeightKg, string.Create(CultureInfo.InvariantCulture, $"The lines' net weights add up to {sum:0.###} kg, more than the gross weight {g2:0.###} kg."));
        }

        if (DateOnly.TryParseExact(f.GetText(FieldNames.IssueDate), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var issued) && issued > context.Today)
            context.Report(FutureDate, FieldNames.IssueDate, $"The issue date {issued:yyyy-MM-dd} is after today ({context.Today:yyyy-MM-dd}).");

        var type = f.GetText(FieldNames.DeclarationType);
        // An export is what the declaration says it is (WCO DE 1/1 "EX"); no document type names exports.
        var isExport = type is not null && type.StartsWith("EX", StringComparison.OrdinalIgnoreCase);
        if (isExport && CountryCode.TryParse(f.GetText(FieldNames.OriginCountry) ?? f.GetText(FieldNames.SellerCountry), out var from)
            && CountryCode.TryParse(f.GetText(FieldNames.DestinationCountry), out var to) && from.Value == to.Value)
            context.Report(ExportCountries, FieldNames.DestinationCountry, $"The document is an export but origin and destination are both {from.Value}.");

        for (var i = 0; i < context.Lines.Count; i++)
        {
            if (context.Lines[i].GetNumber(FieldNames.Quantity) is { } q && q <= 0 && context.Document.DocumentType != DocumentType.CreditNote)
                context.Report(Quantity, RuleContext.LinePath(i, FieldNames.Quantity), q == 0 ? $"Line {i + 1}: quantity 0: customs needs a positive quantity."
                        : string.Create(CultureInfo.InvariantCulture, $"Line {i + 1}: quantity {q} is negative: a return or correction line, not goods shipped."),
                    null, q == 0 ? Severity.Warning : Severity.Info);
        }

        if (CurrencyCode.TryParse(f.GetText(FieldNames.Currency), out var cur) && !TradeReference.VehicleCurrencies.Contains(cur.Value))
        {
            var seller = f.GetText(FieldNames.SellerCountry);
            var buyer = f.GetText(FieldNames.BuyerCountry);
            string? sc = seller is null ? null : TradeReference.NationalCurrency.GetValueOrDefault(seller.ToUpperInvariant());
            string? bc = buyer is null ? null : TradeReference.NationalCurrency.GetValueOrDefault(buyer.ToUpperInvariant());
            if (sc is not null && bc is not null && cur.Value != sc && cur.Value != bc)
                context.Report(Currency, FieldNames.Currency, $"The invoice is in {cur.Value}, but the seller ({seller}) uses {sc} and the buyer ({buyer}) {bc}; check the currency.");
        }
    }
}
