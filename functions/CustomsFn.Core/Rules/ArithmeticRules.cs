using System.Globalization;

namespace CustomsFn.Core.Rules;

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
