using System.Xml.Linq;
using CustomsFn.Core.Xml;

namespace CustomsFn.Core.Extraction.Ubl;

/// <summary>Pieces shared by the UBL packing-list and certificate readers.</summary>
internal static class UblReferences
{
    private static readonly XNamespace Cbc = UblExtractor.Cbc;
    private static readonly XNamespace Cac = UblExtractor.Cac;

    /// <summary>The first document reference that is a commercial invoice (UNCL 1001 code 380, or a type naming an invoice).</summary>
    public static void InvoiceReference(FieldSet f, IEnumerable<XElement> references)
    {
        foreach (var r in references)
        {
            var code = r.Element(Cbc + "DocumentTypeCode")?.Value.Trim();
            var type = r.Element(Cbc + "DocumentType")?.Value ?? string.Empty;
            if (code == "380" || type.Contains("invoice", StringComparison.OrdinalIgnoreCase))
            {
                XmlFieldReader.Text(f, FieldNames.InvoiceReference, r.Element(Cbc + "ID"));
                return;
            }
        }
    }

    /// <summary>A goods line from a UBL Item and its quantity element: description, HS code, quantity, unit, origin.</summary>
    public static FieldSet ReadGoods(XElement? item, XElement? quantity, XElement? description = null)
    {
        var f = new FieldSet();
        XmlFieldReader.Text(f, FieldNames.Description, item?.Element(Cbc + "Name") ?? item?.Element(Cbc + "Description") ?? description);
        XmlFieldReader.HsCode(f, XmlFieldReader.HsClassification(item?.Elements(Cac + "CommodityClassification").Elements(Cbc + "ItemClassificationCode") ?? []));
        XmlFieldReader.Amount(f, FieldNames.Quantity, quantity);
        if (quantity?.Attribute("unitCode") is { } unit) f.Set(FieldNames.UnitCode, unit.Value.Trim(), null, XmlPaths.SourceOf(unit));
        XmlFieldReader.Text(f, FieldNames.OriginCountry, item?.Element(Cac + "OriginCountry")?.Element(Cbc + "IdentificationCode"));
        return f;
    }
}
