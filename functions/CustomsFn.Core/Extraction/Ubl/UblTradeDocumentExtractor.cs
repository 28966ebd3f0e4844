using System.Xml.Linq;
using CustomsFn.Core.Sniffing;
using CustomsFn.Core.Xml;
using static CustomsFn.Core.Extraction.XmlFieldReader;

namespace CustomsFn.Core.Extraction.Ubl;

/// <summary>
/// Reads UBL 2.3 customs and transport documents: ExportCustomsDeclaration, ImportCustomsDeclaration and
/// TransitCustomsDeclaration (<c>customs-declaration</c>), GoodsCertificate (<c>certificate-of-origin</c>), Waybill
/// (<c>waybill</c>) and BillOfLading (<c>bill-of-lading</c>). The consignor is read as seller*, the consignee as buyer*,
/// the agent (broker) or certificate issuer as declarant*; every goods item becomes a line.
/// </summary>
public sealed class UblTradeDocumentExtractor : IDocumentExtractor
{
    public const string Name = "local-ubl-trade";
    public const string Version = "1.0.0";

    private static readonly XNamespace Cbc = UblExtractor.Cbc;
    private static readonly XNamespace Cac = UblExtractor.Cac;

    /// <summary>Root element -> document type.</summary>
    public static readonly IReadOnlyDictionary<string, string> DocumentTypes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["ExportCustomsDeclaration"] = DocumentType.CustomsDeclaration,
        ["ImportCustomsDeclaration"] = DocumentType.CustomsDeclaration,
        ["TransitCustomsDeclaration"] = DocumentType.CustomsDeclaration,
        ["GoodsCertificate"] = DocumentType.CertificateOfOrigin,
        ["Waybill"] = DocumentType.Waybill,
        ["BillOfLading"] = DocumentType.BillOfLading,
    };

    private readonly XmlLimits _limits;

    public UblTradeDocumentExtractor(XmlLimits? limits = null) => _limits = limits ?? XmlLimits.Default;

    public bool CanExtract(SniffResult sniff) =>
        sniff.Format == DocumentFormat.Ubl && sniff.XmlRoot is not null && DocumentTypes.ContainsKey(sniff.XmlRoot);

    public Task<ExtractionResult?> ExtractAsync(ReadOnlyMemory<byte> content, SniffResult sniff, CancellationToken cancellationToken) =>
        Task.FromResult<ExtractionResult?>(new ExtractionResult(Read(SecureXml.Load(content, _limits), cancellationToken)));

    public static ExtractedDocument Read(XDocument xml, CancellationToken cancellationToken = default)
    {
        var root = xml.Root ?? throw new DocumentRejectedException(InputCodes.MalformedXml, "The XML has no root element.");
        if (!DocumentTypes.TryGetValue(root.Name.LocalName, out var type))
            throw new DocumentRejectedException(InputCodes.UnsupportedDocument, $"UBL '{root.Name.LocalName}' documents are not supported.");
        var doc = new ExtractedDocument { Format = DocumentFormat.Ubl, DocumentType = type, Extractor = new ExtractorInfo(Name, Version) };
        var f = doc.Fields;
        var isDeclaration = type == DocumentType.CustomsDeclaration;

        Text(f, isDeclaration ? FieldNames.DeclarationNumber : FieldNames.DocumentNumber, root.Element(Cbc + "ID"));
        Date(f, FieldNames.IssueDate, root.Element(Cbc + "IssueDate"));
        if (isDeclaration) DeclarationType(f, root);

        var consignor = ChildOrDescendant(root, "ConsignorParty") ?? root.Element(Cac + "ExporterParty") ?? root.Element(Cac + "TransitExporterParty");
        Party(f, consignor, FieldNames.SellerName, FieldNames.SellerAddress, FieldNames.SellerCountry, FieldNames.SellerTaxId, FieldNames.SellerId);
        var consignee = ChildOrDescendant(root, "ConsigneeParty") ?? root.Element(Cac + "ImporterParty");
        Party(f, consignee, FieldNames.BuyerName, FieldNames.BuyerAddress, FieldNames.BuyerCountry, FieldNames.BuyerTaxId, FieldNames.BuyerId);
        var declarant = root.Element(Cac + "DeclarantParty")
            ?? new[] { "ExporterParty", "ImporterParty", "TransitExporterParty", "ConsignorParty" }.Select(n => root.Element(Cac + n)?.Element(Cac + "AgentParty")).FirstOrDefault(p => p is not null)
            ?? (isDeclaration ? root.Element(Cac + "ExporterParty") ?? root.Element(Cac + "ImporterParty") : null)
            ?? root.Element(Cac + "IssuerParty");
        if (declarant is not null)
        {
            Text(f, FieldNames.DeclarantName, PartyName(declarant));
            Text(f, FieldNames.DeclarantId, declarant.Element(Cac + "PartyIdentification")?.Element(Cbc + "ID"));
        }

        var shipment = ChildOrDescendant(root, "Shipment");
        var consignment = shipment?.Element(Cac + "Consignment") ?? ChildOrDescendant(root, "Consignment");
        Weight(f, FieldNames.GrossWeightKg, shipment?.Element(Cbc + "GrossWeightMeasure") ?? consignment?.Element(Cbc + "GrossWeightMeasure"), Unit(shipment?.Element(Cbc + "GrossWeightMeasure") ?? consignment?.Element(Cbc + "GrossWeightMeasure")));
        Weight(f, FieldNames.NetWeightKg, shipment?.Element(Cbc + "NetWeightMeasure") ?? consignment?.Element(Cbc + "NetWeightMeasure"), Unit(shipment?.Element(Cbc + "NetWeightMeasure") ?? consignment?.Element(Cbc + "NetWeightMeasure")));
        Amount(f, FieldNames.PackageCount, consignment?.Element(Cbc + "TotalPackagesQuantity")
            ?? shipment?.Element(Cbc + "TotalTransportHandlingUnitQuantity") ?? consignment?.Element(Cbc + "TotalTransportHandlingUnitQuantity"));

        var terms = shipment?.Descendants(Cac + "DeliveryTerms").FirstOrDefault() ?? root.Descendants(Cac + "DeliveryTerms").FirstOrDefault();
        if (terms is not null) UblExtractor.ReadDeliveryTerms(f, terms);
        Text(f, FieldNames.OriginCountry, shipment?.Element(Cac + "ExportCountry")?.Element(Cbc + "IdentificationCode")
            ?? consignment?.Element(Cac + "OriginalDepartureCountry")?.Element(Cbc + "IdentificationCode"));
        Text(f, FieldNames.DestinationCountry, consignment?.Element(Cac + "FinalDestinationCountry")?.Element(Cbc + "IdentificationCode"));

        var total = consignment?.Element(Cbc + "TotalInvoiceAmount");
        Amount(f, FieldNames.TotalAmount, total);
        Amount(f, FieldNames.CustomsValue, shipment?.Element(Cbc + "DeclaredCustomsValueAmount"));
        var currency = total?.Attribute("currencyID") ?? root.Descendants(Cac + "GoodsItem").Elements(Cbc + "ValueAmount").Attributes("currencyID").FirstOrDefault();
        Text(f, FieldNames.Currency, currency);

        // Freight: the shipment's (or consignment's) freight charges.
        var freightCharges = (shipment?.Elements(Cac + "FreightAllowanceCharge") ?? []).Concat(shipment is null ? consignment?.Elements(Cac + "FreightAllowanceCharge") ?? [] : [])
            .Where(ac => string.Equals(ac.Element(Cbc + "ChargeIndicator")?.Value.Trim(), "true", StringComparison.OrdinalIgnoreCase))
            .Select(ac => ac.Element(Cbc + "Amount")).Where(a => Numbers.ParseInvariant(a?.Value) is not null).ToList();
        if (freightCharges.Count > 0) f.Set(FieldNames.FreightAmount, freightCharges.Sum(a => Numbers.ParseInvariant(a!.Value)!.Value), null, XmlPaths.SourceOf(freightCharges[0]!));

        // Goods items, wherever they sit (shipment, consignment, transport handling unit, package); nested ones are parts of their parent.
        var items = root.Descendants(Cac + "GoodsItem").Where(g => !g.Ancestors(Cac + "GoodsItem").Any()).ToList();
        var consignmentTariffCode = consignment?.Element(Cbc + "TariffCode");
        foreach (var item in items)
        {
            cancellationToken.ThrowIfCancellationRequested();
            doc.Lines.Add(ReadGoodsItem(item, items.Count == 1 ? consignmentTariffCode : null));
        }

        var procedures = doc.Lines.Select(l => l.GetText(FieldNames.CustomsProcedure)).Distinct().ToList();
        if (doc.Lines.Count > 0 && procedures.Count == 1 && procedures[0] is not null)
            f[FieldNames.CustomsProcedure] = doc.Lines[0][FieldNames.CustomsProcedure];
        return doc;
    }

    /// <summary>
    /// The declaration type as customs writes it: sub-type + type (ImportCustomsDeclaration SubTypeCode IM + TypeCode X = IMX,
    /// like WCO DE 1/1 + 1/2), else the export type code, else the transit declaration type (T1, T2, ...).
    /// </summary>
    private static void DeclarationType(FieldSet f, XElement root)
    {
        var typeCode = root.Element(Cbc + "TypeCode");
        var subType = root.Element(Cbc + "SubTypeCode");
        if (typeCode is not null && !string.IsNullOrWhiteSpace(typeCode.Value))
        {
            f.Set(FieldNames.DeclarationType, (subType?.Value.Trim() ?? string.Empty) + typeCode.Value.Trim(), null, XmlPaths.SourceOf(subType ?? typeCode));
            return;
        }
        var exportType = root.Element(Cbc + "ExportTypeCode");
        if (exportType is not null && !string.IsNullOrWhiteSpace(exportType.Value))
        {
            Text(f, FieldNames.DeclarationType, exportType);
            return;
        }
        if (root.Name.LocalName == "TransitCustomsDeclaration") Text(f, FieldNames.DeclarationType, root.Element(Cbc + "NatureOfTransactionCode"));
    }

    private static FieldSet ReadGoodsItem(XElement goods, XElement? consignmentTariffCode)
    {
        var f = new FieldSet();
        Text(f, FieldNames.ItemNumber, goods.Element(Cbc + "SequenceNumberID") ?? goods.Element(Cbc + "ID"));
        var item = goods.Element(Cac + "Item");
        Text(f, FieldNames.Description, goods.Element(Cbc + "Description") ?? item?.Element(Cbc + "Description") ?? item?.Element(Cbc + "Name"));
        var classification = item?.Elements(Cac + "CommodityClassification").ToList() ?? [];
        var code = classification.Elements(Cbc + "CommodityCode").FirstOrDefault(c => !string.IsNullOrWhiteSpace(c.Value))
            ?? classification.Elements(Cbc + "ItemClassificationCode").FirstOrDefault(c => !string.IsNullOrWhiteSpace(c.Value))
            ?? consignmentTariffCode;
        if (code is not null && !string.IsNullOrWhiteSpace(code.Value)) f.Set(FieldNames.HsCode, NormalizeCommodityCode(code.Value), null, XmlPaths.SourceOf(code));

        Amount(f, FieldNames.Amount, goods.Element(Cbc + "ValueAmount"));
        Amount(f, FieldNames.CustomsValue, goods.Element(Cbc + "DeclaredCustomsValueAmount"));
        Amount(f, FieldNames.StatisticalValue, goods.Element(Cbc + "DeclaredStatisticsValueAmount"));
        Text(f, FieldNames.OriginCountry, item?.Element(Cac + "OriginCountry")?.Element(Cbc + "IdentificationCode")
            ?? goods.Element(Cac + "OriginAddress")?.Element(Cac + "Country")?.Element(Cbc + "IdentificationCode"));
        Text(f, FieldNames.Preference, goods.Element(Cbc + "PreferenceCriterionCode"));
        Text(f, FieldNames.CustomsProcedure, goods.Element(Cbc + "CustomsProcedureCode"));

        var quantity = goods.Element(Cbc + "Quantity") ?? goods.Element(Cbc + "CustomsTariffQuantity");
        Amount(f, FieldNames.Quantity, quantity);
        Text(f, FieldNames.UnitCode, quantity?.Attribute("unitCode"));
        Weight(f, FieldNames.GrossWeightKg, goods.Element(Cbc + "GrossWeightMeasure"), Unit(goods.Element(Cbc + "GrossWeightMeasure")));
        Weight(f, FieldNames.NetWeightKg, goods.Element(Cbc + "NetWeightMeasure"), Unit(goods.Element(Cbc + "NetWeightMeasure")));
        Amount(f, FieldNames.PackageCount, goods.Element(Cac + "ContainingPackage")?.Element(Cbc + "Quantity"));
        return f;
    }

    /// <summary>The Rec 20 unit of a measure; "KG", common in transport documents, is read as kilograms (KGM).</summary>
    private static string? Unit(XElement? measure)
    {
        var unit = ((string?)measure?.Attribute("unitCode"))?.Trim();
        return string.Equals(unit, "KG", StringComparison.OrdinalIgnoreCase) || string.Equals(unit, "KGS", StringComparison.OrdinalIgnoreCase) ? "KGM" : unit;
    }

    private static XElement? ChildOrDescendant(XElement root, string localName) =>
        root.Element(Cac + localName) ?? root.Descendants(Cac + localName).FirstOrDefault();

    private static XElement? PartyName(XElement party) =>
        party.Element(Cac + "PartyLegalEntity")?.Element(Cbc + "RegistrationName") ?? party.Element(Cac + "PartyName")?.Element(Cbc + "Name");

    private static void Party(FieldSet f, XElement? party, string nameField, string addressField, string countryField, string taxIdField, string idField)
    {
        if (party is null) return;
        Text(f, nameField, PartyName(party));
        Text(f, idField, party.Element(Cac + "PartyIdentification")?.Element(Cbc + "ID") ?? party.Element(Cac + "PartyLegalEntity")?.Element(Cbc + "CompanyID"));
        Text(f, taxIdField, party.Elements(Cac + "PartyTaxScheme").Elements(Cbc + "CompanyID").FirstOrDefault());
        var address = party.Element(Cac + "PostalAddress");
        if (address is null) return;
        var joined = JoinParts(new[] { "StreetName", "AdditionalStreetName", "BuildingNumber", "CityName", "PostalZone", "CountrySubentity" }
            .Select(n => address.Element(Cbc + n)?.Value)
            .Concat(address.Elements(Cac + "AddressLine").Select(l => l.Element(Cbc + "Line")?.Value)));
        if (joined.Length > 0) f.Set(addressField, joined, null, XmlPaths.SourceOf(address));
        Text(f, countryField, address.Element(Cac + "Country")?.Element(Cbc + "IdentificationCode"));
    }
}
