using System.Xml.Linq;

namespace CustomsFn.Core.Conformance;

/// <summary>
/// The hook the UBL, CII and Factur-X extractors call with the XML they already parsed: the EN 16931 business rules as
/// pipeline findings (rule id, severity, XPath location, and an info finding naming the rule set and version), or an info
/// finding saying why they do not apply (a profile below EN 16931, ZUGFeRD 1.0, or a document that does not declare EN 16931).
/// In the pipeline the rules apply only to documents whose specification identifier (BT-24) names EN 16931
/// (<c>urn:cen.eu:en16931:2017</c>, which every CIUS and Factur-X EN 16931 / BASIC / EXTENDED identifier starts with): a UBL or
/// CII trade invoice that does not claim EN 16931 is not rejected for failing it. <c>customs validate</c> applies them to every
/// UBL and CII invoice.
/// </summary>
public static class EInvoiceConformance
{
    public static IReadOnlyList<Finding> Check(XDocument xml, string pathPrefix = "", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(xml);
        var root = xml.Root;
        if (root is null) return [];
        if (Profiles.IsZugferd1(root))
            return [NotApplied("ZUGFeRD 1.0 predates EN 16931 (its own BASIC / COMFORT / EXTENDED schema); the EN 16931 business rules are not applied to it.")];
        var specification = Profiles.SpecificationOf(root);
        if (Profiles.HasNoLines(specification))
            return [NotApplied($"Profile '{specification}' is below EN 16931 (no invoice lines by definition); the EN 16931 business rules are not applied to it.")];
        if (!Profiles.DeclaresEn16931(specification))
            return ConformanceValidator.Default.RuleSetFor(root) is null ? []
                : [NotApplied(specification is null
                    ? "The invoice declares no specification identifier (BT-24); the EN 16931 business rules are applied only to invoices that declare EN 16931 (run 'customs validate' to check it anyway)."
                    : $"The invoice declares '{specification}', not EN 16931; the EN 16931 business rules are not applied (run 'customs validate' to check it anyway).")];
        return ConformanceValidator.Default.Validate(xml, cancellationToken)?.ToFindings(pathPrefix) ?? [];
    }

    private static Finding NotApplied(string message) => new()
    {
        Rule = ConformanceValidator.RuleSetRule,
        Severity = Severity.Info,
        Path = "document",
        Message = message,
        Reference = "EN 16931-1:2017+A1:2019 (scope); Factur-X 1.07 / ZUGFeRD 2.3 profiles",
    };
}
