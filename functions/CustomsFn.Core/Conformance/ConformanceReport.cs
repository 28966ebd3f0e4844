using System.Globalization;

namespace CustomsFn.Core.Conformance;

/// <summary>The verdict of one rule set over one document.</summary>
public sealed record ConformanceReport(ConformanceRuleSet RuleSet, IReadOnlyList<ConformanceFinding> Findings)
{
    public bool IsValid => Findings.All(f => f.Severity != Severity.Error);

    /// <summary>Every rule set applied, the base EN 16931 rule set first, then the CIUS layers (Peppol BIS 3, XRechnung).</summary>
    public IReadOnlyList<ConformanceRuleSet> Applied { get; init; } = [RuleSet];

    /// <summary>"EN16931-UBL 1.3.16 + PEPPOL-BIS3-UBL 3.0.18": every rule set applied and its version.</summary>
    public string Label => string.Join(" + ", Applied.Select(r => r.Label));

    /// <summary>The number of assertions of every rule set applied.</summary>
    public int AssertionCount => Applied.Sum(r => r.Asserts.Count);

    /// <summary>
    /// The findings as pipeline findings (rule id, severity, the XPath location as the XML source, prefixed with the embedded
    /// file name for hybrid PDFs), and one info finding that names the rule set and version applied.
    /// </summary>
    public IReadOnlyList<Finding> ToFindings(string pathPrefix = "")
    {
        var reference = $"{RuleSet.Title} ({RuleSet.Label})";
        var references = Applied.Where(r => r.IsCius).ToDictionary(r => r.Id, r => $"{r.Title} ({r.Label})");
        var list = new List<Finding>(Findings.Count + 1);
        foreach (var f in Findings)
        {
            var ciusRule = f.RuleSetId is { } id && references.ContainsKey(id);
            // A CIUS (Peppol BIS 3, XRechnung) is a network's or a recipient's rule book on top of EN 16931: its fatal
            // rules fail the e-invoice there ('customs validate' says so), but an invoice that meets EN 16931 is still
            // a readable trade invoice for customs. In the pipeline they are warnings: the document goes to review,
            // not to rejection.
            var pipelineError = f.Severity == Severity.Error && ciusRule;
            list.Add(new Finding
            {
                Rule = f.RuleId,
                Severity = pipelineError ? Severity.Warning : f.Severity,
                Path = "document",
                Message = pipelineError ? f.Message + $" (fatal in {references[f.RuleSetId!]}; a warning for customs processing)" : f.Message,
                Reference = ciusRule ? references[f.RuleSetId!] : reference,
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
                $"E-invoice business rules checked with {Label} ({AssertionCount} assertions): {errors} error(s), {Findings.Count - errors} warning(s)."),
            Reference = string.Join("; ", Applied.Select(r => r.Source)),
        });
        return list;
    }
}
