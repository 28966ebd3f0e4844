using System.Xml.Linq;
using System.Xml.XPath;
using CustomsFn.Core.Xml;

namespace CustomsFn.Core.Conformance;

/// <summary>
/// Runs the EN 16931 business rules over a parsed UBL or CII invoice: one walk over the elements, each dispatched by name to
/// its rule groups (first match per pattern, as Schematron), every XPath precompiled. Thread-safe.
/// </summary>
public sealed class ConformanceValidator
{
    /// <summary>The info finding naming the rule set applied.</summary>
    public const string RuleSetRule = "EINV-RULESET";

    public const string UblRulesFile = "en16931-ubl.rules.xml";
    public const string CiiRulesFile = "en16931-cii.rules.xml";

    /// <summary>The CIUS rule files: Peppol BIS Billing 3 and XRechnung, UBL and CII, each applied on top of the EN 16931 rules.</summary>
    public static readonly IReadOnlyList<string> CiusRulesFiles = ["peppol-bis3-ubl.rules.xml", "peppol-bis3-cii.rules.xml", "xrechnung-ubl.rules.xml", "xrechnung-cii.rules.xml"];

    private static readonly Lazy<ConformanceValidator> Shared = new(() => new ConformanceValidator(
        [ConformanceRuleSet.LoadEmbedded(UblRulesFile), ConformanceRuleSet.LoadEmbedded(CiiRulesFile), .. CiusRulesFiles.Select(ConformanceRuleSet.LoadEmbedded)]));

    /// <summary>The EN 16931 UBL and CII rule sets and the CIUS rule sets shipped with the core.</summary>
    public static ConformanceValidator Default => Shared.Value;

    private readonly IReadOnlyList<ConformanceRuleSet> _ruleSets;

    public ConformanceValidator(IReadOnlyList<ConformanceRuleSet> ruleSets) => _ruleSets = ruleSets;

    public IReadOnlyList<ConformanceRuleSet> RuleSets => _ruleSets;

    /// <summary>The base (EN 16931) rule set for a document element namespace (UBL Invoice-2 / CreditNote-2, CII), or null.</summary>
    public ConformanceRuleSet? RuleSetFor(XElement root)
    {
        ArgumentNullException.ThrowIfNull(root);
        return _ruleSets.FirstOrDefault(r => !r.IsCius && Accepts(r, root));
    }

    /// <summary>The CIUS rule sets that apply to the document on top of its base rule set: same syntax, and the specification identifier (BT-24) selects them.</summary>
    public IReadOnlyList<ConformanceRuleSet> CiusFor(XElement root, string? assumeSpecification = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        var specification = assumeSpecification ?? Profiles.SpecificationOf(root);
        return _ruleSets.Where(r => r.IsCius && Accepts(r, root) && r.AppliesTo(specification)).ToList();
    }

    private static bool Accepts(ConformanceRuleSet r, XElement root) =>
        r.RootNamespace is null || r.RootNamespace.Split(' ').Contains(root.Name.NamespaceName);

    /// <summary>
    /// Validates the document with its base rule set and every CIUS rule set its specification identifier selects; null when no
    /// rule set applies to its root element. The report names every rule set applied.
    /// </summary>
    public ConformanceReport? Validate(XDocument document, CancellationToken cancellationToken = default) => Validate(document, null, cancellationToken);

    /// <summary>
    /// As <see cref="Validate(XDocument, CancellationToken)"/>, choosing the CIUS rule sets (and the patterns limited to some
    /// identifiers) by <paramref name="assumeSpecification"/> instead of the document's own BT-24 when it is given: for rule test
    /// fragments that carry no specification identifier, or to check a document against a CIUS it does not declare.
    /// </summary>
    public ConformanceReport? Validate(XDocument document, string? assumeSpecification, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        var root = document.Root;
        if (root is null || RuleSetFor(root) is not { } ruleSet) return null;
        var report = Validate(root, ruleSet, cancellationToken, assumeSpecification);
        var cius = CiusFor(root, assumeSpecification);
        if (cius.Count == 0) return report;
        var findings = new List<ConformanceFinding>(report.Findings);
        foreach (var layer in cius) findings.AddRange(Validate(root, layer, cancellationToken, assumeSpecification).Findings);
        return new ConformanceReport(ruleSet, findings) { Applied = [ruleSet, .. cius] };
    }

    public static ConformanceReport Validate(XElement root, ConformanceRuleSet ruleSet, CancellationToken cancellationToken = default, string? assumeSpecification = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(ruleSet);
        var findings = new List<ConformanceFinding>();
        Span<bool> done = stackalloc bool[Math.Max(ruleSet.PatternCount, 1)];
        // Patterns limited to some specification identifiers (XRechnung 3.x only, ...) start out as done for other documents.
        Span<bool> disabled = stackalloc bool[Math.Max(ruleSet.PatternCount, 1)];
        ruleSet.DisabledPatterns(assumeSpecification ?? Profiles.SpecificationOf(root), disabled);
        var visited = 0;
        foreach (var element in root.DescendantsAndSelf())
        {
            if ((++visited & 1023) == 0) cancellationToken.ThrowIfCancellationRequested();
            var groups = ruleSet.ByName.TryGetValue(element.Name, out var named) ? named : ruleSet.Wildcards;
            if (groups.Length == 0) continue;
            disabled.CopyTo(done);
            XPathNavigator? navigator = null;
            foreach (var group in groups)
            {
                if (done[group.Pattern] || !group.Matches(element)) continue;
                if (group.Where is not null && !(bool)(navigator ??= element.CreateNavigator()).Evaluate(group.Where)) continue;
                done[group.Pattern] = true;
                foreach (var assert in group.Asserts)
                {
                    var holds = assert.Fast is { } fast ? fast(element) : (bool)(navigator ??= element.CreateNavigator()).Evaluate(assert.Compiled);
                    if (!holds)
                        findings.Add(new ConformanceFinding(assert.Id, assert.Severity, XmlPaths.PathOf(element), XmlPaths.LineOf(element), assert.Message) { RuleSetId = ruleSet.Id });
                }
            }
        }
        return new ConformanceReport(ruleSet, findings);
    }
}
