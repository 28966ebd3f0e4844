using CustomsFn.Core.Contract;
using CustomsFn.Core.Model;

namespace CustomsFn.Core.Rules;

/// <summary>Runs a rule set over a document. The rule set's version is recorded in every result.</summary>
public sealed class RuleEngine
{
    public const string CoreRulesetVersion = "customsfn-rules/2026.11.0";

    private readonly IReadOnlyList<IRule> _rules;

    public RuleEngine(IEnumerable<IRule> rules, string version = CoreRulesetVersion, IReadOnlyList<string>? tariffVersions = null)
    {
        _rules = rules.ToList();
        Version = version;
        TariffVersions = tariffVersions ?? [];
        var ids = _rules.SelectMany(r => r.Describes).GroupBy(d => d.Id).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (ids.Count > 0) throw new ArgumentException($"Rule ids must be unique: {string.Join(", ", ids)}.", nameof(rules));
    }

    public string Version { get; }
    public IReadOnlyList<string> TariffVersions { get; }

    public IEnumerable<RuleInfo> Catalogue => _rules.SelectMany(r => r.Describes).OrderBy(r => r.Id, StringComparer.Ordinal);

    public IReadOnlyList<Finding> Evaluate(ExtractedDocument document, DateOnly today, string? destinationOverride = null)
    {
        var context = new RuleContext(document, today, destinationOverride);
        foreach (var rule in _rules) rule.Evaluate(context);
        return context.Findings;
    }

    /// <summary>The rules that ship with the core: presence, codes, arithmetic, confidence.</summary>
    public static IReadOnlyList<IRule> CoreRules() =>
    [
        new RequiredFieldsRule(),
        new CodeListRules(),
        new HsCodeFormatRule(),
        new ArithmeticRules(),
        new ConfidenceRule(),
    ];

    public static RuleEngine CreateDefault() => new(CoreRules());
}

/// <summary>accepted | needs-review | rejected, from the findings alone (low confidence is itself a finding, CONF-001).</summary>
public static class StatusDecider
{
    public static ResultStatus Decide(IEnumerable<Finding> findings)
    {
        var status = ResultStatus.Accepted;
        foreach (var f in findings)
        {
            if (f.Severity == Severity.Error) return ResultStatus.Rejected;
            if (f.Severity == Severity.Warning) status = ResultStatus.NeedsReview;
        }
        return status;
    }
}
