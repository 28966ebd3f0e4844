using System.Xml.Linq;
using CustomsFn.Core.Sniffing;
using CustomsFn.Core.Xml;
using static CustomsFn.Core.Extraction.XmlFieldReader;

namespace CustomsFn.Core.Extraction.Cii;

/// <summary>
/// Reads UN/CEFACT Cross Industry Invoice D16B (<c>rsm:CrossIndustryInvoice</c>, as used by EN 16931, Factur-X, ZUGFeRD
/// and XRechnung) into the same canonical fields as UBL, with <c>{path, line}</c> sources.
/// </summary>
public sealed class CiiExtractor : IDocumentExtractor
{
    public const string Name = "local-cii";
    public const string Version = "1.0.0";

    internal static readonly XNamespace Rsm = DocumentSniffer.Namespaces.Cii;
    internal static readonly XNamespace Ram = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100";
    internal static readonly XNamespace Udt = "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100";

    /// <summary>UNTDID 1001 document codes that are credit notes (EN 16931 BT-3); everything else is read as an invoice.</summary>
    private static readonly HashSet<string> CreditNoteCodes = new(StringComparer.Ordinal) { "81", "83", "261", "262", "296", "308", "381", "396", "420", "458", "532" };

    private readonly XmlLimits _limits;

    public CiiExtractor(XmlLimits? limits = null) => _limits = limits ?? XmlLimits.Default;

    public bool CanExtract(SniffResult sniff) => sniff.Format == DocumentFormat.Cii;

    public Task<ExtractionResult?> ExtractAsync(ReadOnlyMemory<byte> content, SniffResult sniff, CancellationToken cancellationToken)
    {
        var xml = SecureXml.Load(content, _limits);
        // The rules read the XML as sent (a ZUGFeRD 1.0 document is renamed in place by Read).
        var conformance = Conformance.EInvoiceConformance.Check(xml, cancellationToken: cancellationToken);
        return Task.FromResult<ExtractionResult?>(new ExtractionResult(Read(xml, cancellationToken), conformance));
    }

    /// <summary>Maps a loaded CII document (a file, or the XML embedded in a Factur-X PDF).</summary>
    public static ExtractedDocument Read(XDocument xml, CancellationToken cancellationToken = default)
    {
        var root = xml.Root;
        if (Zugferd1.IsZugferd1(root))
        {
            Zugferd1.RenameToD16B(xml);
            root = xml.Root;
        }
        if (root is null || root.Name != Rsm + "CrossIndustryInvoice")
            throw new DocumentRejectedException(InputCodes.UnsupportedDocument, "The XML is not a CII CrossIndustryInvoice (D16B).");

        var exchanged = root.Element(Rsm + "ExchangedDocument");
        var typeCode = exchanged?.Element(Ram + "TypeCode")?.Value.Trim();
        var doc = new ExtractedDocument
        {
            Format = DocumentFormat.Cii,
            DocumentType = typeCode is not null && CreditNoteCodes.Contains(typeCode) ? DocumentType.CreditNote : DocumentType.CommercialInvoice,
            Extractor = new ExtractorInfo(Name, Version),
            Specification = Conformance.Profiles.SpecificationOf(root),
        };
        var transaction = root.Element(Rsm + "SupplyChainTradeTransaction");
        ReadHeader(exchanged, transaction, doc.Fields);
        foreach (var item in transaction?.Elements(Ram + "IncludedSupplyChainTradeLineItem") ?? [])
        {
            cancellationToken.ThrowIfCancellationRequested();
            doc.Lines.Add(ReadLine(item));
        }
        return doc;
    }

    private static void ReadHeader(XElement? exchanged, XElement? transaction, FieldSet f)
    {
        Text(f, FieldNames.InvoiceNumber, exchanged?.Element(Ram + "ID"));
        Date(f, FieldNames.IssueDate, exchanged?.Element(Ram + "IssueDateTime")?.Element(Udt + "DateTimeString"));

        var agreement = transaction?.Element(Ram + "ApplicableHeaderTradeAgreement");
        var delivery = transaction?.Element(Ram + "ApplicableHeaderTradeDelivery");
        var settlement = transaction?.Element(Ram + "ApplicableHeaderTradeSettlement");

        // BT-9: the first payment term's due date.
        Date(f, FieldNames.DueDate, settlement?.Elements(Ram + "SpecifiedTradePaymentTerms").Select(t => t.Element(Ram + "DueDateDateTime")?.Element(Udt + "DateTimeString"))
            .FirstOrDefault(d => d is not null));
        var currency = settlement?.Element(Ram + "InvoiceCurrencyCode");
        Text(f, FieldNames.Currency, currency);

        Party(f, agreement?.Element(Ram + "SellerTradeParty"), FieldNames.SellerName, FieldNames.SellerAddress, FieldNames.SellerCountry, FieldNames.SellerTaxId);
        Party(f, agreement?.Element(Ram + "BuyerTradeParty"), FieldNames.BuyerName, FieldNames.BuyerAddress, FieldNames.BuyerCountry, FieldNames.BuyerTaxId);

        // Delivery terms (Incoterms): ram:ApplicableTradeDeliveryTerms/ram:DeliveryTypeCode.
        var terms = agreement?.Element(Ram + "ApplicableTradeDeliveryTerms");
        var termsCode = terms?.Element(Ram + "DeliveryTypeCode");
        if (termsCode is not null && !string.IsNullOrWhiteSpace(termsCode.Value))
            f.Set(FieldNames.Incoterm, termsCode.Value.Trim().ToUpperInvariant(), null, XmlPaths.SourceOf(termsCode));
        Text(f, FieldNames.IncotermPlace, terms?.Element(Ram + "RelevantTradeLocation")?.Element(Ram + "Name") ?? terms?.Element(Ram + "Description"));

        var shipTo = delivery?.Element(Ram + "ShipToTradeParty")?.Element(Ram + "PostalTradeAddress")?.Element(Ram + "CountryID");
        Text(f, FieldNames.DestinationCountry, shipTo);
        var shipFrom = delivery?.Element(Ram + "ShipFromTradeParty")?.Element(Ram + "PostalTradeAddress")?.Element(Ram + "CountryID");
        Text(f, FieldNames.OriginCountry, shipFrom);
        var consignment = delivery?.Element(Ram + "RelatedSupplyChainConsignment");
        Weight(f, FieldNames.GrossWeightKg, consignment?.Element(Ram + "GrossWeightMeasure"));
        Weight(f, FieldNames.NetWeightKg, consignment?.Element(Ram + "NetWeightMeasure"));
        Amount(f, FieldNames.PackageCount, consignment?.Element(Ram + "PackageQuantity"));

        var totals = settlement?.Element(Ram + "SpecifiedTradeSettlementHeaderMonetarySummation");
        Amount(f, FieldNames.LineTotal, totals?.Element(Ram + "LineTotalAmount"));
        Amount(f, FieldNames.AllowanceTotalAmount, totals?.Element(Ram + "AllowanceTotalAmount"));
        Amount(f, FieldNames.ChargeTotalAmount, totals?.Element(Ram + "ChargeTotalAmount"));
        Amount(f, FieldNames.TaxExclusiveAmount, totals?.Element(Ram + "TaxBasisTotalAmount"));
        Amount(f, FieldNames.TotalAmount, totals?.Element(Ram + "GrandTotalAmount"));
        // Tax total in the document currency (BT-110); a second TaxTotalAmount may give the tax currency's amount (BT-111).
        var docCurrency = currency?.Value.Trim();
        var taxTotals = totals?.Elements(Ram + "TaxTotalAmount").ToList() ?? [];
        Amount(f, FieldNames.TaxAmount, taxTotals.FirstOrDefault(t => (string?)t.Attribute("currencyID") == docCurrency) ?? taxTotals.FirstOrDefault());

        // Freight and insurance: document-level charges with UNCL 7161 reason FC / IN, or the reason text.
        var (freight, freightSource, insurance, insuranceSource) = FreightAndInsurance(settlement?.Elements(Ram + "SpecifiedTradeAllowanceCharge") ?? []);
        if (freight is not null) f.Set(FieldNames.FreightAmount, freight.Value, null, XmlPaths.SourceOf(freightSource!));
        if (insurance is not null) f.Set(FieldNames.InsuranceAmount, insurance.Value, null, XmlPaths.SourceOf(insuranceSource!));
        // CII also has logistics service charges (freight in many ZUGFeRD 1 invoices).
        foreach (var logistics in settlement?.Elements(Ram + "SpecifiedLogisticsServiceCharge") ?? [])
        {
            var amount = logistics.Element(Ram + "AppliedAmount");
            if (!f.ContainsKey(FieldNames.FreightAmount) && Numbers.ParseInvariant(amount?.Value) is { } a)
                f.Set(FieldNames.FreightAmount, a, null, XmlPaths.SourceOf(amount!));
        }
    }

    internal static (decimal? Freight, XElement? FreightSource, decimal? Insurance, XElement? InsuranceSource) FreightAndInsurance(IEnumerable<XElement> allowanceCharges)
    {
        decimal? freight = null, insurance = null;
        XElement? freightSource = null, insuranceSource = null;
        foreach (var ac in allowanceCharges)
        {
            if (!IsCharge(ac)) continue;
            var amountNode = ac.Element(Ram + "ActualAmount");
            var amount = Numbers.ParseInvariant(amountNode?.Value);
            if (amount is null) continue;
            var code = ac.Element(Ram + "ReasonCode")?.Value.Trim().ToUpperInvariant();
            var reason = ac.Element(Ram + "Reason")?.Value ?? string.Empty;
            if (code == "FC" || reason.Contains("freight", StringComparison.OrdinalIgnoreCase) || reason.Contains("fracht", StringComparison.OrdinalIgnoreCase))
            {
                freight = (freight ?? 0) + amount; freightSource ??= amountNode;
            }
            else if (code == "IN" || reason.Contains("insurance", StringComparison.OrdinalIgnoreCase) || reason.Contains("versicherung", StringComparison.OrdinalIgnoreCase))
            {
                insurance = (insurance ?? 0) + amount; insuranceSource ??= amountNode;
            }
        }
        return (freight, freightSource, insurance, insuranceSource);
    }

    private static bool IsCharge(XElement allowanceCharge) =>
        string.Equals(allowanceCharge.Element(Ram + "ChargeIndicator")?.Element(Udt + "Indicator")?.Value.Trim(), "true", StringComparison.OrdinalIgnoreCase);

    private static FieldSet ReadLine(XElement item)
    {
        var f = new FieldSet();
        var product = item.Element(Ram + "SpecifiedTradeProduct");
        Text(f, FieldNames.Description, product?.Element(Ram + "Name") ?? product?.Element(Ram + "Description"));
        // The seller's item identifier (BT-155), as the invoice's own lines print it.
        Text(f, FieldNames.ProductCode, product?.Element(Ram + "SellerAssignedID"));
        var hs = HsClassification(product?.Elements(Ram + "DesignatedProductClassification").Elements(Ram + "ClassCode") ?? []);
        if (!string.IsNullOrWhiteSpace(hs?.Value)) HsCode(f, hs);

        var lineDelivery = item.Element(Ram + "SpecifiedLineTradeDelivery");
        var qty = lineDelivery?.Element(Ram + "BilledQuantity");
        Amount(f, FieldNames.Quantity, qty);
        if (qty?.Attribute("unitCode") is { } unit && !string.IsNullOrWhiteSpace(unit.Value)) f.Set(FieldNames.UnitCode, unit.Value.Trim(), null, XmlPaths.SourceOf(unit));

        var price = item.Element(Ram + "SpecifiedLineTradeAgreement")?.Element(Ram + "NetPriceProductTradePrice");
        Amount(f, FieldNames.UnitPrice, price?.Element(Ram + "ChargeAmount"));
        var baseQty = price?.Element(Ram + "BasisQuantity");
        if (Numbers.ParseInvariant(baseQty?.Value) is { } b && b != 1m) f.Set(FieldNames.PriceBaseQuantity, b, null, XmlPaths.SourceOf(baseQty!));

        var lineSettlement = item.Element(Ram + "SpecifiedLineTradeSettlement");
        Amount(f, FieldNames.Amount, lineSettlement?.Element(Ram + "SpecifiedTradeSettlementLineMonetarySummation")?.Element(Ram + "LineTotalAmount"));

        decimal? allowances = null, charges = null;
        XElement? allowanceSource = null, chargeSource = null;
        foreach (var ac in lineSettlement?.Elements(Ram + "SpecifiedTradeAllowanceCharge") ?? [])
        {
            var amount = Numbers.ParseInvariant(ac.Element(Ram + "ActualAmount")?.Value);
            if (amount is null) continue;
            if (IsCharge(ac))
            {
                charges = (charges ?? 0) + amount; chargeSource ??= ac;
            }
            else
            {
                allowances = (allowances ?? 0) + amount; allowanceSource ??= ac;
            }
        }
        if (allowances is not null) f.Set(FieldNames.AllowanceAmount, allowances.Value, null, XmlPaths.SourceOf(allowanceSource!));
        if (charges is not null) f.Set(FieldNames.ChargeAmount, charges.Value, null, XmlPaths.SourceOf(chargeSource!));

        Text(f, FieldNames.OriginCountry, product?.Element(Ram + "OriginTradeCountry")?.Element(Ram + "ID"));
        Weight(f, FieldNames.NetWeightKg, product?.Element(Ram + "NetWeightMeasure"));
        Weight(f, FieldNames.GrossWeightKg, product?.Element(Ram + "GrossWeightMeasure"));
        return f;
    }

    private static void Party(FieldSet f, XElement? party, string nameField, string addressField, string countryField, string taxIdField)
    {
        if (party is null) return;
        // BT-27/BT-44 is ram:Name (the legal name); the trading name is SpecifiedLegalOrganization/TradingBusinessName.
        Text(f, nameField, party.Element(Ram + "Name") ?? party.Element(Ram + "SpecifiedLegalOrganization")?.Element(Ram + "TradingBusinessName"));
        var address = party.Element(Ram + "PostalTradeAddress");
        if (address is not null)
        {
            // The same order as the UBL reader (street, additional street, city, postcode, subdivision, third line).
            var joined = JoinParts(new[] { "LineOne", "LineTwo", "CityName", "PostcodeCode", "CountrySubDivisionName", "LineThree" }
                .Select(n => address.Element(Ram + n)?.Value));
            if (joined.Length > 0) f.Set(addressField, joined, null, XmlPaths.SourceOf(address));
            Text(f, countryField, address.Element(Ram + "CountryID"));
        }
        // VAT number (schemeID VA) before the national tax number (FC), as the UBL reader prefers the VAT scheme.
        var ids = party.Elements(Ram + "SpecifiedTaxRegistration").Elements(Ram + "ID").ToList();
        Text(f, taxIdField, ids.FirstOrDefault(i => (string?)i.Attribute("schemeID") == "VA") ?? ids.FirstOrDefault());
    }
}
