using System.Xml.Linq;
using System.Xml.XPath;

namespace CustomsFn.Core.Conformance;

/// <summary>
/// A rule group: asserts evaluated on every element named in <see cref="Names"/> for which the optional <c>where</c>
/// predicate holds. As in Schematron, within one pattern only the first group matching an element applies to it.
/// </summary>
/// <summary>
/// A rule group: asserts evaluated on every element named in <see cref="Names"/> (optionally only under a parent of the given
/// name, and only when a child has the given value: <c>context="cac:TaxSubtotal/cac:TaxCategory" key="cbc:ID=S"</c>, both
/// checked natively) for which the optional <c>where</c> XPath holds. As in Schematron, within one pattern only the first
/// group matching an element applies to it.
/// </summary>
internal sealed record ConformanceRuleGroup(int Pattern, IReadOnlyList<XName> Names, bool AnyElement, XPathExpression? Where, IReadOnlyList<ConformanceAssert> Asserts)
{
    /// <summary>Per name in <see cref="Names"/>: the parents it may have (null = any).</summary>
    public IReadOnlyDictionary<XName, XName[]?> Parents { get; init; } = new Dictionary<XName, XName[]?>();

    public XName? KeyChild { get; init; }
    public string? KeyValue { get; init; }

    public bool Matches(XElement element)
    {
        if (Parents.TryGetValue(element.Name, out var parents) && parents is not null && (element.Parent is not { } p || Array.IndexOf(parents, p.Name) < 0)) return false;
        if (KeyChild is not null && !string.Equals(element.Element(KeyChild)?.Value.Trim(), KeyValue, StringComparison.Ordinal)) return false;
        return true;
    }
}
