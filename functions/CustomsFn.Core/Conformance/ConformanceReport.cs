using System.Globalization;

namespace CustomsFn.Core.Conformance;

/// <summary>The verdict of one rule set over one document.</summary>
public sealed record ConformanceReport(ConformanceRuleSet RuleSet, IReadOnlyList<ConformanceFinding> Findings)
{
    public bool IsValid => Findings.All(f => f.Severity != Severity.Error);

    /// <summary>
    /// The findings as pipeline findings (rule id, severity, the XPath location as the XML source, prefixed with the embedded
    /// file name for hybrid PDFs), and one info finding that names the rule set and version applied.
    /// </summary>
    public IReadOnlyList<Finding> ToFindings(string pathPrefix = "")
    {
        var reference = $"{RuleSet.Title} ({RuleSet.Label})";
        var list = new List<Finding>(Findings.Count + 1);
        foreach (var f in Findings)
        {
            list.Add(new Finding
            {
                Rule = f.RuleId,
                Severity = f.Severity,
                Path = "document",
                Message = f.Message,
                Reference = reference,
                Source = FieldSource.Xml(pathPrefix + f.Location, f.Line),
            });
        }
        var errors = Findings.Count(f => f.Severity == Severity.Error);
        list.Add(new Finding
        {
            Rule = ConformanceValidator.RuleSetRule,
            Severity = Severity.Info,
            Path = "document",
            Message = string.Create(CultureInfo.InvariantCulture,
                $"E-invoice business rules checked with {RuleSet.Label} ({RuleSet.Asserts.Count} assertions): {errors} error(s), {Findings.Count - errors} warning(s)."),
            Reference = RuleSet.Source,
        });
        return list;
    }
}
