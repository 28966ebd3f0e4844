using System.Xml.Linq;
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
