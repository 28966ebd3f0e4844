using System.Globalization;
using CustomsFn.Core.Contract;
using CustomsFn.Core.Model;

namespace CustomsFn.Core.Rules;

/// <summary>REQ-001..003: the fields a customs check needs are present.</summary>
public sealed class RequiredFieldsRule : IRule
{
    public static readonly RuleInfo MissingField = new("REQ-001", Severity.Error, "A required document field is missing", "EN 16931-1 BT-1, BT-2, BT-5, BT-27, BT-44, BT-112; WCO Data Model invoice class");
    public static readonly RuleInfo NoLines = new("REQ-002", Severity.Error, "An invoice has no goods lines", "EN 16931-1 BG-25 (at least one invoice line)");
    public static readonly RuleInfo MissingHsCode = new("REQ-003", Severity.Warning, "A goods line of a cross-border invoice has no HS code", "WCO HS Convention art. 3; Union Customs Code art. 57 (tariff classification)");

    private static readonly Dictionary<string, IReadOnlyList<string>> RequiredByType = new(StringComparer.Ordinal)
    {
        [DocumentType.CommercialInvoice] = FieldNames.RequiredForInvoice,
        [DocumentType.CreditNote] = FieldNames.RequiredForInvoice,
        [DocumentType.CustomsDeclaration] = FieldNames.RequiredForDeclaration,
    };

    public IReadOnlyList<RuleInfo> Describes => [MissingField, NoLines, MissingHsCode];

    public void Evaluate(RuleContext context)
    {
        var type = context.Document.DocumentType;
        if (RequiredByType.TryGetValue(type, out var required))
        {
            foreach (var name in required)
            {
                if (!context.Fields.ContainsKey(name))
                    context.Report(MissingField, name, $"The {Describe(type)} has no {name}.");
            }
        }
        if (type is DocumentType.CommercialInvoice or DocumentType.CreditNote)
        {
            if (context.Lines.Count == 0 && !Conformance.Profiles.HasNoLines(context.Document.Specification))
                context.Report(NoLines, "lines", $"The {Describe(type)} has no goods lines; customs needs each item's description, quantity and value.");
            else if (context.IsCrossBorder)
            {
                for (var i = 0; i < context.Lines.Count; i++)
                {
                    if (!context.Lines[i].ContainsKey(FieldNames.HsCode))
                        context.Report(MissingHsCode, RuleContext.LinePath(i, FieldNames.HsCode),
                            $"Line {i + 1} has no HS code; the shipment crosses a border ({context.Export ?? "?"} to {context.Destination ?? "?"}) and customs needs a classification.");
                }
            }
        }
    }

    private static string Describe(string type) => type.Replace('-', ' ');
}

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

/// <summary>HS-001: every HS code is well formed (6 to 10 digits, even length, a real chapter).</summary>
public sealed class HsCodeFormatRule : IRule
{
    public static readonly RuleInfo Malformed = new("HS-001", Severity.Error, "HS code is not a well-formed 6, 8 or 10 digit code", "WCO Harmonized System Nomenclature 2022");

    public IReadOnlyList<RuleInfo> Describes => [Malformed];

    public void Evaluate(RuleContext context)
    {
        for (var i = 0; i < context.Lines.Count; i++)
        {
            if (context.LineHsCode(i) is null && context.Lines[i].GetText(FieldNames.HsCode) is { } code && !HsCode.TryParse(code, out _, out var error))
                context.Report(Malformed, RuleContext.LinePath(i, FieldNames.HsCode), $"Line {i + 1}: {error}");
        }
    }
}

/// <summary>ARITH-001..004: line amounts, line sum, net total and grand total agree.</summary>
public sealed class ArithmeticRules : IRule
{
    public static readonly RuleInfo LineAmount = new("ARITH-001", Severity.Warning, "Line amount is not quantity x unit price (less allowances, plus charges)", "EN 16931-1 BT-131 (line net amount: a calculation the standard describes but does not enforce, so a mismatch needs review, not rejection)");
    public static readonly RuleInfo LineSum = new("ARITH-002", Severity.Error, "Line amounts do not add up to the line total", "EN 16931-1 BR-CO-10");
    public static readonly RuleInfo NetTotal = new("ARITH-003", Severity.Error, "Total without tax is not line total less allowances plus charges", "EN 16931-1 BR-CO-13");
    public static readonly RuleInfo GrandTotal = new("ARITH-004", Severity.Error, "Total with tax is not total without tax plus tax", "EN 16931-1 BR-CO-15");

    public IReadOnlyList<RuleInfo> Describes => [LineAmount, LineSum, NetTotal, GrandTotal];

    public void Evaluate(RuleContext context)
    {
        var tolerance = Tolerance(context.Fields.GetText(FieldNames.Currency));
        var lineTolerance = Conformance.Profiles.LineAmountTolerance(tolerance);
        decimal sum = 0;
        var allAmounts = context.Lines.Count > 0;
        for (var i = 0; i < context.Lines.Count; i++)
        {
            var line = context.Lines[i];
            var amount = line.GetNumber(FieldNames.Amount);
            if (amount is null) { allAmounts = false; continue; }
            sum += amount.Value;
            if (line.GetNumber(FieldNames.Quantity) is { } qty && line.GetNumber(FieldNames.UnitPrice) is { } price)
            {
                var baseQty = line.GetNumber(FieldNames.PriceBaseQuantity) ?? 1m;
                if (baseQty == 0) continue;
                var expected = (baseQty == 1 ? qty * price : qty * price / baseQty) - (line.GetNumber(FieldNames.AllowanceAmount) ?? 0) + (line.GetNumber(FieldNames.ChargeAmount) ?? 0);
                if (Math.Abs(expected - amount.Value) > lineTolerance)
                    context.Report(LineAmount, RuleContext.LinePath(i, FieldNames.Amount),
                        $"Line {i + 1}: amount {F(amount.Value)} differs from quantity {F(qty)} x unit price {F(price)}{(baseQty != 1 ? $" / {F(baseQty)}" : "")} = {F(Math.Round(expected, 4))} by {F(Math.Round(amount.Value - expected, 4))}.");
            }
        }

        var f = context.Fields;
        var lineTotal = f.GetNumber(FieldNames.LineTotal);
        if (allAmounts && lineTotal is { } lt && Math.Abs(sum - lt) > tolerance)
            context.Report(LineSum, FieldNames.LineTotal, $"The {context.Lines.Count} line amounts add up to {F(sum)}, but the line total is {F(lt)} (difference {F(lt - sum)}).");

        var allowances = f.GetNumber(FieldNames.AllowanceTotalAmount) ?? 0;
        var charges = f.GetNumber(FieldNames.ChargeTotalAmount) ?? 0;
        var taxExclusive = f.GetNumber(FieldNames.TaxExclusiveAmount);
        if (lineTotal is { } l && taxExclusive is { } te && Math.Abs(l - allowances + charges - te) > tolerance)
            context.Report(NetTotal, FieldNames.TaxExclusiveAmount,
                $"Total without tax {F(te)} differs from line total {F(l)} - allowances {F(allowances)} + charges {F(charges)} = {F(l - allowances + charges)}.");

        var net = taxExclusive ?? (lineTotal is { } l2 ? l2 - allowances + charges : null);
        if (net is { } n && f.GetNumber(FieldNames.TotalAmount) is { } total && f.GetNumber(FieldNames.TaxAmount) is { } tax && Math.Abs(n + tax - total) > tolerance)
            context.Report(GrandTotal, FieldNames.TotalAmount, $"Total {F(total)} differs from total without tax {F(n)} + tax {F(tax)} = {F(n + tax)}.");
    }

    /// <summary>One minor unit of the currency (0.01 for EUR, 1 for JPY): amounts are rounded to it on documents.</summary>
    internal static decimal Tolerance(string? currency) =>
        CurrencyCode.TryParse(currency, out var c) ? 1m / Pow10(c.MinorUnits) : 0.01m;

    private static decimal Pow10(int n)
    {
        var r = 1m;
        for (var i = 0; i < n; i++) r *= 10;
        return r;
    }

    private static string F(decimal d) => d.ToString("0.####", CultureInfo.InvariantCulture);
}

/// <summary>CONF-001: a required field was read with low confidence; a person should look.</summary>
public sealed class ConfidenceRule : IRule
{
    public const double Threshold = 0.6;

    public static readonly RuleInfo LowConfidence = new("CONF-001", Severity.Warning, "A required field was read with low confidence", "CustomsFn extraction policy (threshold 0.6)");

    public IReadOnlyList<RuleInfo> Describes => [LowConfidence];

    public void Evaluate(RuleContext context)
    {
        foreach (var name in FieldNames.RequiredForInvoice)
        {
            if (context.Fields.TryGetValue(name, out var f) && f.Confidence is { } c && c < Threshold)
                context.Report(LowConfidence, name, string.Create(CultureInfo.InvariantCulture, $"{name} was read with confidence {c:0.00}, below {Threshold:0.00}; check it against the original."));
        }
    }
}
