namespace CustomsFn.Core.Rules;

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
