using System.Globalization;

namespace CustomsFn.Core.Rules;

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
