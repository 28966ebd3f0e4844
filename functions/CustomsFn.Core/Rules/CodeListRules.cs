using System.Globalization;

namespace CustomsFn.Core.Rules;

/// <summary>CODE-001..005: currency, country, Incoterm, unit and date values are valid codes.</summary>
public sealed class CodeListRules : IRule
{
    public static readonly RuleInfo Currency = new("CODE-001", Severity.Error, "Currency is not an active ISO 4217 code", "ISO 4217");
    public static readonly RuleInfo Country = new("CODE-002", Severity.Error, "Country is not an ISO 3166-1 alpha-2 code", "ISO 3166-1");
    public static readonly RuleInfo IncotermRule = new("CODE-003", Severity.Error, "Delivery terms are not an Incoterms 2020 rule", "ICC Incoterms 2020");
    public static readonly RuleInfo Unit = new("CODE-004", Severity.Warning, "Unit is not a UN/ECE Recommendation 20 code or Recommendation 21 package code", "UN/ECE Recommendations 20 and 21 (EN 16931 BT-130)");
    public static readonly RuleInfo Date = new("CODE-005", Severity.Error, "Issue date is not a valid calendar date", "ISO 8601; EN 16931-1 BT-2");
    public static readonly RuleInfo Number = new("CODE-006", Severity.Error, "A numeric field holds no number", "EN 16931-1 (amounts, quantities)");

    private static readonly string[] CountryFields =
        [FieldNames.SellerCountry, FieldNames.BuyerCountry, FieldNames.OriginCountry, FieldNames.DestinationCountry];

    private static readonly string[] NumericFields =
        [FieldNames.LineTotal, FieldNames.AllowanceTotalAmount, FieldNames.ChargeTotalAmount, FieldNames.TaxExclusiveAmount, FieldNames.FreightAmount,
         FieldNames.InsuranceAmount, FieldNames.TaxAmount, FieldNames.TotalAmount, FieldNames.GrossWeightKg, FieldNames.NetWeightKg, FieldNames.PackageCount];

    private static readonly string[] NumericLineFields =
        [FieldNames.Quantity, FieldNames.UnitPrice, FieldNames.Amount, FieldNames.PriceBaseQuantity, FieldNames.AllowanceAmount, FieldNames.ChargeAmount, FieldNames.NetWeightKg];

    public IReadOnlyList<RuleInfo> Describes => [Currency, Country, IncotermRule, Unit, Date, Number];

    public void Evaluate(RuleContext context)
    {
        var f = context.Fields;
        if (f.GetText(FieldNames.Currency) is { } currency && !CurrencyCode.IsValid(currency))
            context.Report(Currency, FieldNames.Currency, $"'{currency}' is not an active ISO 4217 currency code.");

        foreach (var name in CountryFields)
        {
            if (f.GetText(name) is { } c && !CountryCode.IsValid(c))
                context.Report(Country, name, $"{name} '{c}' is not an ISO 3166-1 alpha-2 country code.");
        }

        if (f.GetText(FieldNames.Incoterm) is { } term && !Incoterm.TryParse(term, out _, out var why))
            context.Report(IncotermRule, FieldNames.Incoterm, why);

        if (f.GetText(FieldNames.IssueDate) is { } date &&
            !DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            context.Report(Date, FieldNames.IssueDate, $"Issue date '{date}' is not a valid date (expected yyyy-MM-dd).");

        foreach (var name in NumericFields)
        {
            if (f.TryGetValue(name, out var v) && v.Number is null)
                context.Report(Number, name, $"{name} '{v.Text}' is not a number.");
        }

        for (var i = 0; i < context.Lines.Count; i++)
        {
            var line = context.Lines[i];
            if (line.GetText(FieldNames.UnitCode) is { } unit && !UnitCode.IsValid(unit) && !Conformance.CodeLists.IsUnit(unit))
                context.Report(Unit, RuleContext.LinePath(i, FieldNames.UnitCode), $"Line {i + 1}: unit '{unit}' is not a UN/ECE Recommendation 20 or 21 code; the quantity cannot be converted for specific duties.");
            if (line.GetText(FieldNames.OriginCountry) is { } origin && !CountryCode.IsValid(origin))
                context.Report(Country, RuleContext.LinePath(i, FieldNames.OriginCountry), $"Line {i + 1}: origin '{origin}' is not an ISO 3166-1 alpha-2 country code.");
            foreach (var name in NumericLineFields)
            {
                if (line.TryGetValue(name, out var v) && v.Number is null)
                    context.Report(Number, RuleContext.LinePath(i, name), $"Line {i + 1}: {name} '{v.Text}' is not a number.");
            }
        }
    }
}
