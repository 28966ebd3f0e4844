using System.Xml.Linq;
using CustomsFn.Core.Model;
using CustomsFn.Core.Pipeline;
using CustomsFn.Core.Sniffing;
using CustomsFn.Core.Xml;

namespace CustomsFn.Core.Extraction.Ubl;

/// <summary>
/// Reads a UBL 2.x CertificateOfOrigin: certificate number, the invoice it supports
/// (<c>CertificateOfOriginApplication/SupportingDocumentReference</c>, code 380), exporter and importer, and one goods
/// line per <c>GoodsItem</c> of the application's shipment, with the origin it certifies.
/// </summary>
public sealed class UblCertificateOfOriginExtractor : IDocumentExtractor
{
    public const string Name = "local-ubl-origin";
    public const string Version = "1.0.0";

    private static readonly XNamespace Cbc = UblExtractor.Cbc;
    private static readonly XNamespace Cac = UblExtractor.Cac;

    private readonly XmlLimits _limits;

    public UblCertificateOfOriginExtractor(XmlLimits? limits = null) => _limits = limits ?? XmlLimits.Default;

    public bool CanExtract(SniffResult sniff) => sniff.Format == DocumentFormat.Ubl && sniff.XmlRoot is "CertificateOfOrigin";

    public Task<ExtractionResult?> ExtractAsync(ReadOnlyMemory<byte> content, SniffResult sniff, CancellationToken cancellationToken)
    {
        var xml = SecureXml.Load(content, _limits);
        var root = xml.Root ?? throw new DocumentRejectedException(InputCodes.MalformedXml, "The XML has no root element.");
        var doc = new ExtractedDocument
        {
            Format = DocumentFormat.Ubl,
            DocumentType = DocumentType.CertificateOfOrigin,
            Extractor = new ExtractorInfo(Name, Version),
        };
        var f = doc.Fields;
        XmlFieldReader.Text(f, FieldNames.DocumentNumber, root.Element(Cbc + "ID"));
        XmlFieldReader.Date(f, FieldNames.IssueDate, root.Element(Cbc + "IssueDate"));
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
        return Task.FromResult<ExtractionResult?>(new ExtractionResult(doc));
    }
}
