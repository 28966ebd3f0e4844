using System.Xml.Linq;
using CustomsFn.Core.Model;
using CustomsFn.Core.Xml;

namespace CustomsFn.Core.Extraction.Ubl;

/// <summary>Pieces shared by the UBL packing-list and certificate readers.</summary>
internal static class UblReferences
{
    private static readonly XNamespace Cbc = UblExtractor.Cbc;
    private static readonly XNamespace Cac = UblExtractor.Cac;

    private static readonly HashSet<string> HsListIds = new(StringComparer.OrdinalIgnoreCase) { "HS", "CN", "HTS", "TARIC", "HSN" };

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
        var hs = item?.Elements(Cac + "CommodityClassification").Elements(Cbc + "ItemClassificationCode")
            .FirstOrDefault(c => HsListIds.Contains(((string?)c.Attribute("listID"))?.Trim() ?? string.Empty));
        if (hs is not null)
        {
            var raw = hs.Value.Trim();
            var digits = new string(raw.Where(char.IsAsciiDigit).ToArray());
            f.Set(FieldNames.HsCode, raw.All(c => char.IsAsciiDigit(c) || c is '.' or ' ') && digits.Length > 0 ? digits : raw, null, XmlPaths.SourceOf(hs));
        }
        XmlFieldReader.Amount(f, FieldNames.Quantity, quantity);
        if (quantity?.Attribute("unitCode") is { } unit) f.Set(FieldNames.UnitCode, unit.Value.Trim(), null, XmlPaths.SourceOf(unit));
        XmlFieldReader.Text(f, FieldNames.OriginCountry, item?.Element(Cac + "OriginCountry")?.Element(Cbc + "IdentificationCode"));
        return f;
    }
}
