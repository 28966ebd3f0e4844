using System.Xml.Linq;
using CustomsFn.Core.Xml;

namespace CustomsFn.Core.Extraction.Ubl;

/// <summary>
/// Reads a UBL 2.x CertificateOfOrigin: certificate number, the invoice it supports
/// (<c>CertificateOfOriginApplication/SupportingDocumentReference</c>, code 380), exporter and importer, and one goods
/// line per <c>GoodsItem</c> of the application's shipment, with the origin it certifies.
/// </summary>
public sealed class UblCertificateOfOriginExtractor : UblShipmentDocumentExtractor
{
    public const string Name = "local-ubl-origin";
    public const string Version = "1.0.0";

    public UblCertificateOfOriginExtractor(XmlLimits? limits = null)
        : base(limits, "CertificateOfOrigin", DocumentType.CertificateOfOrigin, new ExtractorInfo(Name, Version))
    {
    }

    protected override void Read(XElement root, ExtractedDocument doc, CancellationToken cancellationToken)
    {
        var f = doc.Fields;
        var application = root.Element(Cac + "CertificateOfOriginApplication");
        UblExtractor.Party(f, root.Element(Cac + "ExporterParty") ?? application?.Element(Cac + "ExporterParty"),
            FieldNames.SellerName, FieldNames.SellerAddress, FieldNames.SellerCountry, FieldNames.SellerTaxId);
        UblExtractor.Party(f, root.Element(Cac + "ImporterParty") ?? application?.Element(Cac + "ImporterParty"),
            FieldNames.BuyerName, FieldNames.BuyerAddress, FieldNames.BuyerCountry, FieldNames.BuyerTaxId);
        if (application is not null)
        {
            UblReferences.InvoiceReference(f, application.Elements(Cac + "SupportingDocumentReference"));
            var shipment = application.Element(Cac + "Shipment");
            if (shipment is not null)
            {
                UblExtractor.ReadShipment(f, shipment);
                foreach (var goods in shipment.Elements(Cac + "GoodsItem"))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var l = UblReferences.ReadGoods(goods.Element(Cac + "Item"), goods.Element(Cbc + "Quantity"), goods.Element(Cbc + "Description"));
                    XmlFieldReader.Weight(l, FieldNames.NetWeightKg, goods.Element(Cbc + "NetWeightMeasure"));
                    doc.Lines.Add(l);
                }
            }
        }
        // One origin for the whole certificate when every certified line names the same country.
        if (!f.ContainsKey(FieldNames.OriginCountry))
        {
            var origins = doc.Lines.Select(l => l.GetText(FieldNames.OriginCountry)).Distinct(StringComparer.Ordinal).ToList();
            if (origins is [not null] && doc.Lines[0].TryGetValue(FieldNames.OriginCountry, out var field))
                f[FieldNames.OriginCountry] = field;
        }
    }
}
