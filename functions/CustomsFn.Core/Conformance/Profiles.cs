using System.Xml.Linq;

namespace CustomsFn.Core.Conformance;

/// <summary>
/// What a document's specification identifier (EN 16931 BT-24) implies: which profile it follows (Factur-X / ZUGFeRD MINIMUM and
/// BASIC WL carry no lines by definition), and which CIUS rule set applies.
/// </summary>
public static class Profiles
{
    private static readonly XNamespace Cbc = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";
    private static readonly XNamespace Rsm = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100";
    private static readonly XNamespace Ram = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100";

    /// <summary>The specification identifier of a UBL or CII (D16B) root element, trimmed; null when absent.</summary>
    /// <summary>The ZUGFeRD 1.0 root namespace (<c>urn:ferd:CrossIndustryDocument:invoice:1p0</c>).</summary>
    public const string Zugferd1Namespace = "urn:ferd:CrossIndustryDocument:invoice:1p0";

    /// <summary>A ZUGFeRD 1.0 invoice: it predates EN 16931, whose rules do not apply to it.</summary>
    public static bool IsZugferd1(XElement? root) => root is not null && root.Name == XName.Get("CrossIndustryDocument", Zugferd1Namespace);

    public static string? SpecificationOf(XElement root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var id = root.Element(Cbc + "CustomizationID")
            ?? root.Element(Rsm + "ExchangedDocumentContext")?.Element(Ram + "GuidelineSpecifiedDocumentContextParameter")?.Element(Ram + "ID");
        return string.IsNullOrWhiteSpace(id?.Value) ? null : id.Value.Trim();
    }

    /// <summary>
    /// True for the Factur-X / ZUGFeRD 2 profiles below EN 16931 that have no invoice lines by definition: MINIMUM
    /// (<c>urn:factur-x.eu:1p0:minimum</c>) and BASIC WL (<c>urn:factur-x.eu:1p0:basicwl</c>, ZUGFeRD 2.0 <c>urn:zugferd.de:2p0:…</c>).
    /// </summary>
    public static bool HasNoLines(string? specification) =>
        specification is not null
        && (specification.EndsWith(":minimum", StringComparison.OrdinalIgnoreCase) || specification.EndsWith(":basicwl", StringComparison.OrdinalIgnoreCase))
        && (specification.Contains("factur-x.eu", StringComparison.OrdinalIgnoreCase) || specification.Contains("zugferd.de", StringComparison.OrdinalIgnoreCase));

    /// <summary>True when the specification identifier names EN 16931 (<c>urn:cen.eu:en16931:2017</c>, alone or as the base of a CIUS or extension).</summary>
    public static bool DeclaresEn16931(string? specification) =>
        specification?.Contains("urn:cen.eu:en16931", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>True when the document declares Peppol BIS Billing 3 (its CustomizationID names <c>urn:fdc:peppol.eu:2017:poacc:billing:3.0</c>).</summary>
    public static bool IsPeppol(string? specification) =>
        specification?.Contains("urn:fdc:peppol.eu:2017:poacc:billing:3.0", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>True when the document declares XRechnung (<c>urn:xeinkauf.de:kosit:xrechnung…</c> or the older <c>urn:xoev-de:kosit:standard:xrechnung…</c>).</summary>
    public static bool IsXRechnung(string? specification) =>
        specification is not null && (specification.Contains("kosit:xrechnung", StringComparison.OrdinalIgnoreCase)
                                      || specification.Contains("kosit:standard:xrechnung", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Tolerance for "line net amount = quantity x price / base quantity - allowances + charges" (BT-131). EN 16931 describes the
    /// calculation without enforcing it; the one CIUS that checks it, Peppol BIS 3 (PEPPOL-EN16931-R120), allows 0.02, i.e. two
    /// minor units, which this applies to every document (the check only asks a person to look).
    /// </summary>
    public static decimal LineAmountTolerance(decimal minorUnit) => 2 * minorUnit;
}
