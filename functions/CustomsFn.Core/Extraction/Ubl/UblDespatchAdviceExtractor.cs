using System.Xml.Linq;
using CustomsFn.Core.Model;
using CustomsFn.Core.Xml;

namespace CustomsFn.Core.Extraction.Ubl;

/// <summary>
/// Reads a UBL 2.x DespatchAdvice as a packing list: its number, the commercial invoice it quotes
/// (<c>AdditionalDocumentReference</c> with UNCL 1001 code 380), consignor and consignee, shipment weights and package
/// count, delivery terms, and one goods line per <c>DespatchLine</c> (quantity, item, HS code, origin, net weight).
/// </summary>
public sealed class UblDespatchAdviceExtractor : UblShipmentDocumentExtractor
{
    public const string Name = "local-ubl-despatch";
    public const string Version = "1.0.0";

    public UblDespatchAdviceExtractor(XmlLimits? limits = null)
        : base(limits, "DespatchAdvice", DocumentType.PackingList, new ExtractorInfo(Name, Version))
    {
    }

    protected override void Read(XElement root, ExtractedDocument doc, CancellationToken cancellationToken)
    {
        var f = doc.Fields;
        UblReferences.InvoiceReference(f, root.Elements(Cac + "AdditionalDocumentReference"));

        // The seller and buyer when the despatch advice names them, else the consignor and consignee.
        var seller = root.Element(Cac + "SellerSupplierParty")?.Element(Cac + "Party") ?? root.Element(Cac + "DespatchSupplierParty")?.Element(Cac + "Party");
        var buyer = root.Element(Cac + "BuyerCustomerParty")?.Element(Cac + "Party") ?? root.Element(Cac + "DeliveryCustomerParty")?.Element(Cac + "Party");
        UblExtractor.Party(f, seller, FieldNames.SellerName, FieldNames.SellerAddress, FieldNames.SellerCountry, FieldNames.SellerTaxId);
        UblExtractor.Party(f, buyer, FieldNames.BuyerName, FieldNames.BuyerAddress, FieldNames.BuyerCountry, FieldNames.BuyerTaxId);

        var shipment = root.Element(Cac + "Shipment");
        if (shipment is not null)
        {
            UblExtractor.ReadShipment(f, shipment);
            var delivery = shipment.Element(Cac + "Delivery");
            if (delivery?.Element(Cac + "DeliveryTerms") is { } terms) UblExtractor.ReadDeliveryTerms(f, terms);
            var country = delivery?.Element(Cac + "DeliveryAddress")?.Element(Cac + "Country")?.Element(Cbc + "IdentificationCode")
                ?? delivery?.Element(Cac + "DeliveryLocation")?.Element(Cac + "Address")?.Element(Cac + "Country")?.Element(Cbc + "IdentificationCode");
            XmlFieldReader.Text(f, FieldNames.DestinationCountry, country);
        }

        foreach (var line in root.Elements(Cac + "DespatchLine"))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var l = UblReferences.ReadGoods(line.Element(Cac + "Item"), line.Element(Cbc + "DeliveredQuantity"));
            var lineShipment = line.Elements(Cac + "Shipment").FirstOrDefault();
            XmlFieldReader.Weight(l, FieldNames.NetWeightKg, lineShipment?.Element(Cbc + "NetWeightMeasure"));
            doc.Lines.Add(l);
        }
    }
}

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
