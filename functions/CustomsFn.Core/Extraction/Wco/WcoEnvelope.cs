using System.Xml.Linq;
using CustomsFn.Core.Sniffing;

namespace CustomsFn.Core.Extraction.Wco;

/// <summary>
/// Finds the WCO declaration inside the envelopes it travels in: bare, in the WCO metadata envelope (<c>md:MetaData</c>),
/// in HMRC's submission envelope (<c>submitDeclarationRequest/requestDetail/md:MetaData/Declaration</c>), or in a copy whose
/// namespace prefixes lost their colons. Also says where an import declaration is lodged when it does not state DE 5/8.
/// </summary>
public static class WcoEnvelope
{
    private static readonly XNamespace Dec = DocumentSniffer.Namespaces.WcoDecDms;

    /// <summary>How deep below the root a declaration is looked for (request, detail, metadata, declaration).</summary>
    private const int MaxWrapperDepth = 4;

    /// <summary>
    /// The Declaration element, or null when the file holds none. Wrappers are descended only through elements outside the
    /// declaration namespace, so a customs response (<c>Response/Declaration</c>) is never taken for a declaration.
    /// A damaged copy (namespace without colons) is returned rebuilt in the proper namespaces.
    /// </summary>
    public static XElement? FindDeclaration(XElement root)
    {
        if (root.Name == Dec + "Declaration") return root;
        var level = new List<XElement> { root };
        for (var depth = 1; depth <= MaxWrapperDepth && level.Count > 0; depth++)
        {
            var next = new List<XElement>();
            foreach (var e in level)
            {
                foreach (var child in e.Elements())
                {
                    if (child.Name == Dec + "Declaration") return child;
                    if (child.Name.LocalName == "Declaration" && DocumentSniffer.SameWithoutPunctuation(child.Name.NamespaceName, Dec.NamespaceName))
                        return Repair(child);
                    if (child.Name.Namespace != Dec && !DocumentSniffer.SameWithoutPunctuation(child.Name.NamespaceName, Dec.NamespaceName)) next.Add(child);
                }
            }
            level = next;
        }
        return null;
    }

    /// <summary>The declaration rebuilt with the WCO names (date strings in the data-set namespace, the rest in DEC-DMS).</summary>
    private static XElement Repair(XElement damaged)
    {
        var copy = new XElement(damaged);
        foreach (var e in copy.DescendantsAndSelf())
        {
            e.Name = e.Name.LocalName.EndsWith("DateTimeString", StringComparison.Ordinal)
                ? WcoDeclarationExtractor.DataSet + "DateTimeString"
                : Dec + e.Name.LocalName;
            e.Attributes().Where(a => a.IsNamespaceDeclaration || a.Name.LocalName.StartsWith("xmlns", StringComparison.Ordinal)).Remove();
        }
        // The envelope's ResponsibleCountryCode is read from the declaration's parent: the copy gets a parent that carries it.
        if (damaged.Parent?.Elements().FirstOrDefault(x => x.Name.LocalName.EndsWith("ResponsibleCountryCode", StringComparison.Ordinal)) is { } rc)
            _ = new XElement(WcoDeclarationExtractor.MetaData + "MetaData", new XElement(WcoDeclarationExtractor.MetaData + "ResponsibleCountryCode", rc.Value), copy);
        return copy;
    }

    /// <summary>
    /// The country where an import declaration is lodged, from the declaration itself, in order: the metadata envelope's
    /// <c>ResponsibleCountryCode</c>, the goods location (DE 5/23), the supervising customs office (DE 5/27, its first two
    /// letters: GB..., XI...), the importer's address (DE 3/16). HMRC's XI (Northern Ireland) is kept as stated.
    /// </summary>
    public static (string Country, XElement Source)? ImportCountry(XElement declaration, XElement? shipment)
    {
        var consignment = shipment?.Element(Dec + "Consignment");
        var candidates = new[]
        {
            declaration.Parent?.Elements().FirstOrDefault(x => x.Name.LocalName.EndsWith("ResponsibleCountryCode", StringComparison.Ordinal)),
            consignment?.Element(Dec + "GoodsLocation")?.Element(Dec + "Address")?.Element(Dec + "CountryCode"),
            Office(declaration.Element(Dec + "SupervisingOffice")?.Element(Dec + "ID")),
            Office(declaration.Element(Dec + "PresentationOffice")?.Element(Dec + "ID")),
            shipment?.Element(Dec + "Importer")?.Element(Dec + "Address")?.Element(Dec + "CountryCode"),
        };
        foreach (var c in candidates)
        {
            if (c is null) continue;
            var value = c.Value.Trim();
            if (value.Length >= 2 && CountryCode.TryParse(value[..2], out var code) && (c.Name.LocalName != "ID" || value.Length > 2))
                return (code.Value, c);
        }
        return null;
    }

    private static XElement? Office(XElement? id) => id is not null && id.Value.Trim().Length >= 4 ? id : null;
}
