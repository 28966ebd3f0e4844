using CustomsFn.Core.Tariffs;

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
        _screening = _rules.OfType<SanctionsScreeningRule>().FirstOrDefault();
        var ids = _rules.SelectMany(r => r.Describes).GroupBy(d => d.Id).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (ids.Count > 0) throw new ArgumentException($"Rule ids must be unique: {string.Join(", ", ids)}.", nameof(rules));
    }

    public string Version { get; }
    public IReadOnlyList<string> TariffVersions { get; }

    private readonly SanctionsScreeningRule? _screening;

    /// <summary>The list editions the screening rule checks parties against; null when the rule set does not screen.</summary>
    public IReadOnlyList<string>? ScreeningEditions => _screening?.Editions;

    /// <summary>The rules in evaluation order (the benchmark times each one).</summary>
    public IReadOnlyList<IRule> Rules => _rules;

    public IEnumerable<RuleInfo> Catalogue => _rules.SelectMany(r => r.Describes).OrderBy(r => r.Id, StringComparer.Ordinal);

    public IReadOnlyList<Finding> Evaluate(ExtractedDocument document, DateOnly today, string? destinationOverride = null) =>
        Run(document, today, destinationOverride).Findings;

    /// <summary>Runs every rule: the findings and, when a national tariff is loaded for the destination, the duty estimate.</summary>
    public RuleOutcome Run(ExtractedDocument document, DateOnly today, string? destinationOverride = null, string? documentId = null)
    {
        var context = new RuleContext(document, today, destinationOverride) { DocumentId = documentId };
        foreach (var rule in _rules) rule.Evaluate(context);
        return new RuleOutcome(context.Findings, context.Duties);
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

    /// <summary>The tariff rules: national tariff checks, duty estimate, restricted goods, consistency, duplicates (inert without an index).</summary>
    public static IReadOnlyList<IRule> TariffRules(TariffCatalog? catalog = null, IDuplicateIndex? duplicates = null) =>
    [
        new NationalTariffRules(catalog),
        new DutyEstimateRule(catalog),
        new RestrictedGoodsRule(),
        new ConsistencyRules(),
        new DuplicateRule(duplicates),
    ];

    public static RuleEngine CreateDefault(IDuplicateIndex? duplicates = null) =>
        new([.. CoreRules(), .. TariffRules(null, duplicates), new SanctionsScreeningRule()], CoreRulesetVersion, TariffCatalog.ShippedPackIds);
}
