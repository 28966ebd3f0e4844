using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace CustomsFn.Core.Xml;

/// <summary>Builds XPath-like <c>{path, line}</c> sources with conventional prefixes, whatever prefixes the document itself used.</summary>
public static class XmlPaths
{
    private static readonly Dictionary<string, string> ConventionalPrefixes = new(StringComparer.Ordinal)
    {
        ["urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"] = "cbc",
        ["urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"] = "cac",
        ["urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2"] = "ext",
        ["urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"] = "ram",
        ["urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100"] = "udt",
        ["urn:un:unece:uncefact:data:standard:QualifiedDataType:100"] = "qdt",
        ["urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"] = "rsm",
        ["urn:ferd:CrossIndustryDocument:invoice:1p0"] = "rsm",
        ["urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:12"] = "ram",
        ["urn:un:unece:uncefact:data:standard:UnqualifiedDataType:15"] = "udt",
        ["urn:wco:datamodel:WCO:DEC-DMS:2"] = "",
        ["urn:wco:datamodel:WCO:Declaration_DS:DMS:2"] = "ds",
    };

    public static string PathOf(XObject node)
    {
        var element = node as XElement ?? node.Parent;
        var sb = new StringBuilder();
        var parts = new List<string>();
        for (var e = element; e is not null; e = e.Parent)
        {
            var name = QualifiedName(e.Annotation<OriginalName>()?.Name ?? e.Name, e.Parent is null);
            var index = SiblingIndex(e);
            parts.Add(index > 0 ? string.Create(CultureInfo.InvariantCulture, $"{name}[{index}]") : name);
        }
        for (var i = parts.Count - 1; i >= 0; i--) sb.Append('/').Append(parts[i]);
        if (node is XAttribute a) sb.Append("/@").Append(a.Name.LocalName);
        return sb.ToString();
    }

    /// <summary>The name an element had in the document as sent, when a reader renamed it (ZUGFeRD 1.0 read as CII D16B).</summary>
    public sealed record OriginalName(XName Name);

    public static int? LineOf(XObject node) => node is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : null;

    public static FieldSource SourceOf(XObject node) => FieldSource.Xml(PathOf(node), LineOf(node));

    private static string QualifiedName(XName name, bool isRoot)
    {
        if (isRoot || name.NamespaceName.Length == 0) return name.LocalName;
        return ConventionalPrefixes.TryGetValue(name.NamespaceName, out var p) && p.Length > 0 ? $"{p}:{name.LocalName}" : name.LocalName;
    }

    /// <summary>1-based position among same-named siblings, or 0 when the element is the only one of its name.</summary>
    private static int SiblingIndex(XElement e)
    {
        var parent = e.Parent;
        if (parent is null) return 0;
        // Counting the siblings for every field would be quadratic in the number of goods lines (10,000 lines took
        // minutes): the positions of each parent's children are computed once per name and remembered with the tree.
        var byName = Positions.GetValue(parent, _ => new Dictionary<XName, Dictionary<XElement, int>>());
        Dictionary<XElement, int>? positions;
        lock (byName)
        {
            if (!byName.TryGetValue(e.Name, out positions))
            {
                positions = new Dictionary<XElement, int>(ReferenceEqualityComparer.Instance);
                foreach (var s in parent.Elements(e.Name)) positions[s] = positions.Count + 1;
                byName[e.Name] = positions;
            }
        }
        return positions.Count > 1 && positions.TryGetValue(e, out var index) ? index : 0;
    }

    /// <summary>Sibling positions per parent element, alive as long as the parsed document is (the tree is read, never changed, by extractors).</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<XElement, Dictionary<XName, Dictionary<XElement, int>>> Positions = new();
}
