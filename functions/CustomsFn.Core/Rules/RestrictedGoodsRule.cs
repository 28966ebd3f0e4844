using CustomsFn.Core.Tariffs;

namespace CustomsFn.Core.Rules;

/// <summary>RESTR-001: goods that need a licence or permit check.</summary>
public sealed class RestrictedGoodsRule : IRule
{
    public static readonly RuleInfo Restricted = new("RESTR-001", Severity.Warning, "Restricted or licensed goods: arms, explosives, radioactive, narcotics and precursors, CITES, dual-use", "TradeReference.Restricted (Wassenaar, NSG, UN drug conventions, CITES)");

    public IReadOnlyList<RuleInfo> Describes => [Restricted];

    public void Evaluate(RuleContext context)
    {
        for (var i = 0; i < context.Lines.Count; i++)
        {
            if (context.LineHsCode(i) is { } code && TradeReference.RestrictionFor(code.Digits) is { } r)
                context.Report(Restricted, RuleContext.LinePath(i, FieldNames.HsCode),
                    $"Line {i + 1}: {code.ToDottedString()} is {r.Category}: check the import/export licence or permit before shipping.", r.Source);
        }
    }
}
