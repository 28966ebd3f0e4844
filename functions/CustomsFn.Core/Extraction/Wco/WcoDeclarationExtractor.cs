using System.Xml.Linq;
using CustomsFn.Core.Sniffing;
using CustomsFn.Core.Xml;
using static CustomsFn.Core.Extraction.XmlFieldReader;

namespace CustomsFn.Core.Extraction.Wco;

/// <summary>
/// Reads WCO Data Model DEC-DMS 3.6 declarations (as submitted to UK CDS), bare or inside the <c>md:MetaData</c> envelope,
/// into a <c>customs-declaration</c> with format <c>wco-dec</c>.
/// <para>Header fields: <c>declarationNumber</c> (MRN <c>ID</c>, else the LRN <c>FunctionalReferenceID</c>), <c>declarationType</c>
/// (<c>TypeCode</c>, DE 1/1 + 1/2, e.g. IMA), <c>issueDate</c>, <c>currency</c> and <c>totalAmount</c> (<c>InvoiceAmount</c>, DE 4/11),
/// <c>packageCount</c> (DE 6/18), <c>declarantId</c>/<c>declarantName</c>, the exporter as seller* (<c>sellerId</c> = EORI), the
/// importer as buyer* (<c>buyerId</c> = EORI), <c>incoterm</c>/<c>incotermPlace</c> (DE 4/1), <c>originCountry</c> (country of
/// export, DE 5/14), <c>destinationCountry</c> (DE 5/8), <c>freightAmount</c>, and <c>customsProcedure</c> when every goods item
/// declares the same one.</para>
/// <para>One line per <c>GovernmentAgencyGoodsItem</c>: <c>itemNumber</c> (SequenceNumeric), <c>description</c>, <c>hsCode</c>
/// (the commodity code: CN/TARIC <c>TSP</c> classification followed by the TARIC <c>TRC</c> suffix when present, e.g. 15141910 + 00
/// = 1514191000), <c>amount</c> (item price, DE 4/14), <c>customsValue</c> (where stated), <c>statisticalValue</c> (DE 99/06),
/// <c>originCountry</c> (DE 5/15, origin type 1), <c>preferentialOriginCountry</c> (DE 5/16, type 2), <c>preference</c>
/// (DE 4/17), <c>customsProcedure</c> (DE 1/10: current + previous code, e.g. 4000), <c>additionalProcedure</c> (DE 1/11),
/// <c>quantity</c> (supplementary units, DE 6/2), <c>netWeightKg</c>, <c>grossWeightKg</c>, <c>packageCount</c>, and what the duty
/// estimate needs: <c>additionalInformation</c> (DE 2/2 codes), <c>nationalAdditionalCodes</c> (DE 6/17, e.g. VATZ), <c>taxTypes</c>
/// (DE 4/3) and <c>declaredDuty</c> (DE 4/6 for A00, when the declarant states it).</para>
/// Other components (e.g. the duty oracle tests) call <see cref="Read(ReadOnlyMemory{byte}, XmlLimits?)"/> directly.
/// </summary>
public sealed class WcoDeclarationExtractor : IDocumentExtractor
{
    public const string Name = "local-wco-dec";
    public const string Version = "1.0.0";

    public static readonly XNamespace Dec = DocumentSniffer.Namespaces.WcoDecDms;
    public static readonly XNamespace MetaData = DocumentSniffer.Namespaces.WcoMetaData;
    public static readonly XNamespace DataSet = "urn:wco:datamodel:WCO:Declaration_DS:DMS:2";

    private readonly XmlLimits _limits;

    public WcoDeclarationExtractor(XmlLimits? limits = null) => _limits = limits ?? XmlLimits.Default;

    public bool CanExtract(SniffResult sniff) => sniff.Format == DocumentFormat.WcoDeclaration;

    public Task<ExtractionResult?> ExtractAsync(ReadOnlyMemory<byte> content, SniffResult sniff, CancellationToken cancellationToken) =>
        Task.FromResult<ExtractionResult?>(new ExtractionResult(Read(SecureXml.Load(content, _limits), cancellationToken)));

    /// <summary>Parses (securely, with bounds) and maps one declaration file.</summary>
    public static ExtractedDocument Read(ReadOnlyMemory<byte> content, XmlLimits? limits = null) => Read(SecureXml.Load(content, limits));

    /// <summary>Maps a loaded declaration. Throws <see cref="DocumentRejectedException"/> when the XML holds no Declaration.</summary>
    public static ExtractedDocument Read(XDocument xml, CancellationToken cancellationToken = default)
    {
        var root = xml.Root ?? throw new DocumentRejectedException(InputCodes.MalformedXml, "The XML has no root element.");
        var declaration = WcoEnvelope.FindDeclaration(root);
        if (declaration is null)
        {
            var other = root.Elements().FirstOrDefault(e => e.Name.Namespace != MetaData)?.Name.LocalName ?? "nothing";
            throw new DocumentRejectedException(InputCodes.UnsupportedDocument,
                $"The WCO metadata envelope holds a '{other}', not a Declaration (customs responses and notifications are not declarations).");
        }

        var doc = new ExtractedDocument
        {
            Format = DocumentFormat.WcoDeclaration,
            DocumentType = DocumentType.CustomsDeclaration,
            Extractor = new ExtractorInfo(Name, Version),
        };
        var f = doc.Fields;
        Text(f, FieldNames.DeclarationNumber, declaration.Element(Dec + "ID") ?? declaration.Element(Dec + "FunctionalReferenceID"));
        Text(f, FieldNames.DeclarationType, declaration.Element(Dec + "TypeCode"));
        // DateTimeString formatCode 102 (yyyyMMdd) or 304 (yyyyMMddHHmmss plus zone): the date is the first eight digits.
        var dateTime = (declaration.Element(Dec + "IssueDateTime") ?? declaration.Element(Dec + "AcceptanceDateTime"))?.Element(DataSet + "DateTimeString");
        if (dateTime is not null && !string.IsNullOrWhiteSpace(dateTime.Value))
        {
            var raw = dateTime.Value.Trim();
            f.Set(FieldNames.IssueDate, (raw.Length >= 8 ? Numbers.ParseIsoDate(raw[..8]) : null) ?? raw, null, XmlPaths.SourceOf(dateTime));
        }

        var invoiceAmount = declaration.Element(Dec + "InvoiceAmount");
        Amount(f, FieldNames.TotalAmount, invoiceAmount);
        var currency = invoiceAmount?.Attribute("currencyID")
            ?? declaration.Descendants().Attributes("currencyID").FirstOrDefault(a => a.Parent!.Name.LocalName is "ItemChargeAmount" or "StatisticalValueAmount" or "CustomsValueAmount");
        Text(f, FieldNames.Currency, currency);
        Amount(f, FieldNames.PackageCount, declaration.Element(Dec + "TotalPackageQuantity"));

        var declarant = declaration.Element(Dec + "Declarant");
        Text(f, FieldNames.DeclarantId, declarant?.Element(Dec + "ID"));
        Text(f, FieldNames.DeclarantName, declarant?.Element(Dec + "Name"));

        var shipment = declaration.Element(Dec + "GoodsShipment");
        var consignment = shipment?.Element(Dec + "Consignment") ?? declaration.Element(Dec + "Consignment");
        var seller = declaration.Element(Dec + "Exporter") ?? shipment?.Element(Dec + "Seller") ?? consignment?.Element(Dec + "Consignor");
        Party(f, seller, FieldNames.SellerName, FieldNames.SellerAddress, FieldNames.SellerCountry, FieldNames.SellerId);
        var buyer = shipment?.Element(Dec + "Importer") ?? shipment?.Element(Dec + "Consignee") ?? shipment?.Element(Dec + "Buyer");
        Party(f, buyer, FieldNames.BuyerName, FieldNames.BuyerAddress, FieldNames.BuyerCountry, FieldNames.BuyerId);

        var terms = shipment?.Element(Dec + "TradeTerms");
        var condition = terms?.Element(Dec + "ConditionCode");
        if (condition is not null && !string.IsNullOrWhiteSpace(condition.Value))
            f.Set(FieldNames.Incoterm, condition.Value.Trim().ToUpperInvariant(), null, XmlPaths.SourceOf(condition));
        Text(f, FieldNames.IncotermPlace, terms?.Element(Dec + "LocationName") ?? terms?.Element(Dec + "LocationID"));
        Text(f, FieldNames.OriginCountry, shipment?.Element(Dec + "ExportCountry")?.Element(Dec + "ID"));
        Text(f, FieldNames.DestinationCountry, shipment?.Element(Dec + "Destination")?.Element(Dec + "CountryCode"));
        // An import declaration is lodged where the goods are imported: without DE 5/8, the declaration itself says where.
        if (!f.ContainsKey(FieldNames.DestinationCountry) && f.GetText(FieldNames.DeclarationType) is { } type && type.StartsWith("IM", StringComparison.OrdinalIgnoreCase)
            && WcoEnvelope.ImportCountry(declaration, shipment) is { } lodged)
            f.Set(FieldNames.DestinationCountry, lodged.Country, null, XmlPaths.SourceOf(lodged.Source));
        Amount(f, FieldNames.FreightAmount, shipment?.Element(Dec + "CustomsValuation")?.Element(Dec + "FreightChargeAmount"));

        foreach (var item in shipment?.Elements(Dec + "GovernmentAgencyGoodsItem") ?? [])
        {
            cancellationToken.ThrowIfCancellationRequested();
            doc.Lines.Add(ReadGoodsItem(item));
        }

        // The procedure is declared per item (DE 1/10); the header carries it when every item agrees.
        var procedures = doc.Lines.Select(l => l.GetText(FieldNames.CustomsProcedure)).Distinct().ToList();
        if (doc.Lines.Count > 0 && procedures.Count == 1 && procedures[0] is not null)
            f[FieldNames.CustomsProcedure] = doc.Lines[0][FieldNames.CustomsProcedure];
        return doc;
    }

    /// <summary>
    /// The commodity code of a goods item: the CN/TARIC classification (<c>TSP</c>: 6, 8 or 10 digits) followed
    /// by the two-digit TARIC suffix (<c>TRC</c>) when present. Additional codes (TRA, GN national codes, CUS) are not part of it.
    /// Returns the code and the element it starts at, or null.
    /// </summary>
    public static (string Code, XElement Source)? CommodityCode(XElement? commodity)
    {
        if (commodity is null) return null;
        var classifications = commodity.Elements(Dec + "Classification")
            .Select(c => (Type: c.Element(Dec + "IdentificationTypeCode")?.Value.Trim(), Id: c.Element(Dec + "ID")))
            .Where(c => c.Id is not null && !string.IsNullOrWhiteSpace(c.Id.Value))
            .ToList();
        var main = classifications.FirstOrDefault(c => c.Type == "TSP");
        if (main.Id is null) return null;
        var code = NormalizeCommodityCode(main.Id.Value);
        var taric = classifications.FirstOrDefault(c => c.Type == "TRC");
        if (taric.Id is not null && code.Length == 8) code += NormalizeCommodityCode(taric.Id.Value);
        return (code, main.Id);
    }

    private static FieldSet ReadGoodsItem(XElement item)
    {
        var f = new FieldSet();
        Amount(f, FieldNames.ItemNumber, item.Element(Dec + "SequenceNumeric"));
        var commodity = item.Element(Dec + "Commodity");
        Text(f, FieldNames.Description, commodity?.Element(Dec + "Description"));
        if (CommodityCode(commodity) is { } cc) f.Set(FieldNames.HsCode, cc.Code, null, XmlPaths.SourceOf(cc.Source));

        Amount(f, FieldNames.Amount, commodity?.Elements(Dec + "InvoiceLine").Elements(Dec + "ItemChargeAmount").FirstOrDefault());
        Amount(f, FieldNames.CustomsValue, item.Element(Dec + "CustomsValueAmount"));
        Amount(f, FieldNames.StatisticalValue, item.Element(Dec + "StatisticalValueAmount"));

        var origins = item.Elements(Dec + "Origin").ToList();
        var nonPreferential = origins.FirstOrDefault(o => o.Element(Dec + "TypeCode")?.Value.Trim() == "1")
            ?? origins.FirstOrDefault(o => o.Element(Dec + "TypeCode")?.Value.Trim() != "2");
        Text(f, FieldNames.OriginCountry, nonPreferential?.Element(Dec + "CountryCode"));
        Text(f, FieldNames.PreferentialOriginCountry, origins.FirstOrDefault(o => o.Element(Dec + "TypeCode")?.Value.Trim() == "2")?.Element(Dec + "CountryCode"));
        Text(f, FieldNames.Preference, commodity?.Elements(Dec + "DutyTaxFee").Elements(Dec + "DutyRegimeCode").FirstOrDefault(e => !string.IsNullOrWhiteSpace(e.Value)));

        // DE 1/10 (requested + previous procedure, two digits each) and DE 1/11 (three-character additional procedures).
        var procedures = item.Elements(Dec + "GovernmentProcedure").ToList();
        var main = procedures.FirstOrDefault(p => p.Element(Dec + "CurrentCode")?.Value.Trim().Length == 2);
        if (main?.Element(Dec + "CurrentCode") is { } current)
            f.Set(FieldNames.CustomsProcedure, current.Value.Trim() + (main.Element(Dec + "PreviousCode")?.Value.Trim() ?? string.Empty), null, XmlPaths.SourceOf(current));
        var additional = procedures.Where(p => p != main).Select(p => p.Element(Dec + "CurrentCode")).Where(c => c is not null && !string.IsNullOrWhiteSpace(c.Value)).ToList();
        if (additional.Count > 0)
            f.Set(FieldNames.AdditionalProcedure, string.Join(' ', additional.Select(c => c!.Value.Trim())), null, XmlPaths.SourceOf(additional[0]!));

        Codes(f, FieldNames.AdditionalInformation, item.Elements(Dec + "AdditionalInformation").Select(a => a.Element(Dec + "StatementCode")));
        Codes(f, FieldNames.NationalAdditionalCodes, commodity?.Elements(Dec + "Classification")
            .Where(c => c.Element(Dec + "IdentificationTypeCode")?.Value.Trim() == "GN").Select(c => c.Element(Dec + "ID")) ?? []);
        var taxes = commodity?.Elements(Dec + "DutyTaxFee").ToList() ?? [];
        Codes(f, FieldNames.TaxTypes, taxes.Select(t => t.Element(Dec + "TypeCode")));
        // DE 4/6: the payable duty the declarant states (customs calculates it unless a duty override is claimed).
        var declaredDuty = taxes.Where(t => t.Element(Dec + "TypeCode")?.Value.Trim() == "A00")
            .Select(t => t.Element(Dec + "Payment")?.Element(Dec + "TaxAssessedAmount")).FirstOrDefault(a => a is not null);
        Amount(f, FieldNames.DeclaredDuty, declaredDuty);

        var measure = commodity?.Element(Dec + "GoodsMeasure");
        var tariffQuantity = measure?.Element(Dec + "TariffQuantity");
        Amount(f, FieldNames.Quantity, tariffQuantity);
        Text(f, FieldNames.UnitCode, tariffQuantity?.Attribute("unitCode"));
        Weight(f, FieldNames.NetWeightKg, measure?.Element(Dec + "NetNetWeightMeasure"));
        Weight(f, FieldNames.GrossWeightKg, measure?.Element(Dec + "GrossMassMeasure"));

        var packages = item.Elements(Dec + "Packaging").Select(p => p.Element(Dec + "QuantityQuantity")).Where(q => Numbers.ParseInvariant(q?.Value) is not null).ToList();
        if (packages.Count > 0) f.Set(FieldNames.PackageCount, packages.Sum(q => Numbers.ParseInvariant(q!.Value)!.Value), null, XmlPaths.SourceOf(packages[0]!));
        return f;
    }

    /// <summary>The distinct non-blank codes of the elements, space-separated, sourced at the first.</summary>
    private static void Codes(FieldSet f, string field, IEnumerable<XElement?> elements)
    {
        var present = elements.Where(e => e is not null && !string.IsNullOrWhiteSpace(e.Value)).Select(e => e!).ToList();
        if (present.Count == 0) return;
        f.Set(field, string.Join(' ', present.Select(e => e.Value.Trim().ToUpperInvariant()).Distinct(StringComparer.Ordinal)), null, XmlPaths.SourceOf(present[0]));
    }

    private static void Party(FieldSet f, XElement? party, string nameField, string addressField, string countryField, string idField)
    {
        if (party is null) return;
        Text(f, nameField, party.Element(Dec + "Name"));
        Text(f, idField, party.Element(Dec + "ID"));
        var address = party.Element(Dec + "Address");
        if (address is null) return;
        var joined = JoinParts(new[] { "Line", "CityName", "PostcodeID" }.Select(n => address.Element(Dec + n)?.Value));
        if (joined.Length > 0) f.Set(addressField, joined, null, XmlPaths.SourceOf(address));
        Text(f, countryField, address.Element(Dec + "CountryCode"));
    }
}
