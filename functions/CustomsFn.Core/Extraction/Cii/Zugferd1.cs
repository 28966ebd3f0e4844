using System.Xml.Linq;
using CustomsFn.Core.Xml;

namespace CustomsFn.Core.Extraction.Cii;

/// <summary>
/// ZUGFeRD 1.0 (<c>rsm:CrossIndustryDocument</c> in <c>urn:ferd:CrossIndustryDocument:invoice:1p0</c>, profiles BASIC, COMFORT
/// and EXTENDED): the CII D13B-era predecessor of the D16B invoice. Its elements map one to one onto the D16B names the CII
/// reader knows (<c>ApplicableSupplyChainTradeAgreement</c> -> <c>ApplicableHeaderTradeAgreement</c> and so on), so the
/// document is renamed in place and read by the same mapping. Every renamed element keeps its original name as an
/// annotation, so sources still name the ZUGFeRD 1.0 path and line.
/// </summary>
public static class Zugferd1
{
    public const string RsmNamespace = Conformance.Profiles.Zugferd1Namespace;
    public const string RamNamespace = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:12";
    public const string UdtNamespace = "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:15";

    private static readonly XNamespace Rsm1 = RsmNamespace;

    private static readonly Dictionary<string, XNamespace> NamespaceMap = new(StringComparer.Ordinal)
    {
        [RsmNamespace] = CiiExtractor.Rsm,
        [RamNamespace] = CiiExtractor.Ram,
        [UdtNamespace] = CiiExtractor.Udt,
    };

    /// <summary>ZUGFeRD 1.0 local names whose D16B name differs (the rest keep their local name in the D16B namespaces).</summary>
    private static readonly Dictionary<string, string> Renamed = new(StringComparer.Ordinal)
    {
        ["CrossIndustryDocument"] = "CrossIndustryInvoice",
        ["SpecifiedExchangedDocumentContext"] = "ExchangedDocumentContext",
        ["HeaderExchangedDocument"] = "ExchangedDocument",
        ["SpecifiedSupplyChainTradeTransaction"] = "SupplyChainTradeTransaction",
        ["ApplicableSupplyChainTradeAgreement"] = "ApplicableHeaderTradeAgreement",
        ["ApplicableSupplyChainTradeDelivery"] = "ApplicableHeaderTradeDelivery",
        ["ApplicableSupplyChainTradeSettlement"] = "ApplicableHeaderTradeSettlement",
        ["SpecifiedSupplyChainTradeAgreement"] = "SpecifiedLineTradeAgreement",
        ["SpecifiedSupplyChainTradeDelivery"] = "SpecifiedLineTradeDelivery",
        ["SpecifiedSupplyChainTradeSettlement"] = "SpecifiedLineTradeSettlement",
    };

    /// <summary>True for a ZUGFeRD 1.0 root element.</summary>
    public static bool IsZugferd1(string root, string ns) => root == "CrossIndustryDocument" && ns == RsmNamespace;

    public static bool IsZugferd1(XElement? root) => Conformance.Profiles.IsZugferd1(root);

    /// <summary>
    /// Renames a ZUGFeRD 1.0 document in place into the D16B vocabulary (the document is the caller's own copy, loaded for this
    /// read). The monetary summation is header- or line-level by where it sits.
    /// </summary>
    public static void RenameToD16B(XDocument xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        foreach (var e in xml.Root!.DescendantsAndSelf().ToList())
        {
            var original = e.Name;
            if (!NamespaceMap.TryGetValue(original.NamespaceName, out var ns)) continue;
            var local = original.LocalName;
            if (Renamed.TryGetValue(local, out var d16b)) local = d16b;
            else if (local == "SpecifiedTradeSettlementMonetarySummation")
                local = e.Parent?.Name.LocalName is "SpecifiedSupplyChainTradeSettlement" or "SpecifiedLineTradeSettlement"
                    ? "SpecifiedTradeSettlementLineMonetarySummation" : "SpecifiedTradeSettlementHeaderMonetarySummation";
            e.AddAnnotation(new XmlPaths.OriginalName(original));
            e.Name = ns + local;
        }
    }
}
