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

    private static readonly Lazy<ConformanceValidator> Shared = new(() => new ConformanceValidator(
        [ConformanceRuleSet.LoadEmbedded(UblRulesFile), ConformanceRuleSet.LoadEmbedded(CiiRulesFile)]));

    /// <summary>The EN 16931 UBL and CII rule sets shipped with the core.</summary>
    public static ConformanceValidator Default => Shared.Value;

    private readonly IReadOnlyList<ConformanceRuleSet> _ruleSets;

    public ConformanceValidator(IReadOnlyList<ConformanceRuleSet> ruleSets) => _ruleSets = ruleSets;

    public IReadOnlyList<ConformanceRuleSet> RuleSets => _ruleSets;

    /// <summary>The rule set for a document element namespace (UBL Invoice-2 / CreditNote-2, CII), or null.</summary>
    public ConformanceRuleSet? RuleSetFor(XElement root)
    {
        ArgumentNullException.ThrowIfNull(root);
        return _ruleSets.FirstOrDefault(r => r.RootNamespace is null || r.RootNamespace.Split(' ').Contains(root.Name.NamespaceName));
    }

    /// <summary>Validates the document; null when no rule set applies to its root element.</summary>
    public ConformanceReport? Validate(XDocument document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        var root = document.Root;
        if (root is null || RuleSetFor(root) is not { } ruleSet) return null;
        return Validate(root, ruleSet, cancellationToken);
    }

    public static ConformanceReport Validate(XElement root, ConformanceRuleSet ruleSet, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(ruleSet);
        var findings = new List<ConformanceFinding>();
        Span<bool> done = stackalloc bool[Math.Max(ruleSet.PatternCount, 1)];
        var visited = 0;
        foreach (var element in root.DescendantsAndSelf())
        {
            if ((++visited & 1023) == 0) cancellationToken.ThrowIfCancellationRequested();
            var groups = ruleSet.ByName.TryGetValue(element.Name, out var named) ? named : ruleSet.Wildcards;
            if (groups.Length == 0) continue;
            done.Clear();
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
                        findings.Add(new ConformanceFinding(assert.Id, assert.Severity, XmlPaths.PathOf(element), XmlPaths.LineOf(element), assert.Message));
                }
            }
        }
        return new ConformanceReport(ruleSet, findings);
    }
}
