using System.Xml.Linq;
using CustomsFn.Core.Sniffing;
using CustomsFn.Core.Xml;

using static CustomsFn.Core.Extraction.XmlFieldReader;

namespace CustomsFn.Core.Extraction.Ubl;

/// <summary>Reads UBL 2.x Invoice and CreditNote documents (EN 16931, Peppol BIS) into canonical fields, with <c>{path, line}</c> sources.</summary>
public sealed class UblExtractor : IDocumentExtractor
{
    public const string Name = "local-ubl";
    public const string Version = "1.0.0";

    internal static readonly XNamespace Cbc = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";
    internal static readonly XNamespace Cac = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";

    private readonly XmlLimits _limits;

    public UblExtractor(XmlLimits? limits = null) => _limits = limits ?? XmlLimits.Default;

    public bool CanExtract(SniffResult sniff) =>
        sniff.Format == DocumentFormat.Ubl && sniff.XmlRoot is "Invoice" or "CreditNote";

    public Task<ExtractionResult?> ExtractAsync(ReadOnlyMemory<byte> content, SniffResult sniff, CancellationToken cancellationToken)
    {
        var xml = SecureXml.Load(content, _limits);
        var doc = Read(xml, cancellationToken);
        return Task.FromResult<ExtractionResult?>(new ExtractionResult(doc, Conformance.EInvoiceConformance.Check(xml, cancellationToken: cancellationToken)));
    }

    /// <summary>Maps a loaded UBL Invoice or CreditNote (a file, or the XML embedded in a hybrid PDF).</summary>
    public static ExtractedDocument Read(XDocument xml, CancellationToken cancellationToken = default)
    {
        var root = xml.Root ?? throw new DocumentRejectedException(InputCodes.MalformedXml, "The XML has no root element.");
        var isCredit = root.Name.LocalName == "CreditNote";
        var doc = new ExtractedDocument
        {
            Format = DocumentFormat.Ubl,
            DocumentType = isCredit ? DocumentType.CreditNote : DocumentType.CommercialInvoice,
            Extractor = new ExtractorInfo(Name, Version),
            Specification = Conformance.Profiles.SpecificationOf(root),
        };
        ReadHeader(root, doc.Fields);
        var lineName = isCredit ? Cac + "CreditNoteLine" : Cac + "InvoiceLine";
        var quantityName = isCredit ? Cbc + "CreditedQuantity" : Cbc + "InvoicedQuantity";
        foreach (var line in root.Elements(lineName))
        {
            cancellationToken.ThrowIfCancellationRequested();
            doc.Lines.Add(ReadLine(line, quantityName));
        }
        return doc;
    }

    private static void ReadHeader(XElement root, FieldSet f)
    {
        Text(f, FieldNames.InvoiceNumber, root.Element(Cbc + "ID"));
        Date(f, FieldNames.IssueDate, root.Element(Cbc + "IssueDate"));
        // BT-9: an Invoice's cbc:DueDate, a CreditNote's in its payment means.
        Date(f, FieldNames.DueDate, root.Element(Cbc + "DueDate") ?? root.Element(Cac + "PaymentMeans")?.Element(Cbc + "PaymentDueDate"));
        var currency = root.Element(Cbc + "DocumentCurrencyCode");
        Text(f, FieldNames.Currency, currency);

        Party(f, root.Element(Cac + "AccountingSupplierParty")?.Element(Cac + "Party"),
            FieldNames.SellerName, FieldNames.SellerAddress, FieldNames.SellerCountry, FieldNames.SellerTaxId);
        Party(f, root.Element(Cac + "AccountingCustomerParty")?.Element(Cac + "Party"),
            FieldNames.BuyerName, FieldNames.BuyerAddress, FieldNames.BuyerCountry, FieldNames.BuyerTaxId);

        // Delivery terms: document-level DeliveryTerms, or the one nested in Delivery.
        var terms = root.Element(Cac + "DeliveryTerms") ?? root.Elements(Cac + "Delivery").Elements(Cac + "DeliveryTerms").FirstOrDefault();
        if (terms is not null) ReadDeliveryTerms(f, terms);

        var delivery = root.Element(Cac + "Delivery");
        var deliveryCountry = delivery?.Element(Cac + "DeliveryLocation")?.Element(Cac + "Address")?.Element(Cac + "Country")?.Element(Cbc + "IdentificationCode")
            ?? delivery?.Element(Cac + "DeliveryAddress")?.Element(Cac + "Country")?.Element(Cbc + "IdentificationCode");
        Text(f, FieldNames.DestinationCountry, deliveryCountry);
        var shipment = delivery?.Element(Cac + "Shipment") ?? root.Element(Cac + "Shipment");
        if (shipment is not null) ReadShipment(f, shipment);

        var totals = root.Element(Cac + "LegalMonetaryTotal");
        Amount(f, FieldNames.LineTotal, totals?.Element(Cbc + "LineExtensionAmount"));
        Amount(f, FieldNames.AllowanceTotalAmount, totals?.Element(Cbc + "AllowanceTotalAmount"));
        Amount(f, FieldNames.ChargeTotalAmount, totals?.Element(Cbc + "ChargeTotalAmount"));
        Amount(f, FieldNames.TaxExclusiveAmount, totals?.Element(Cbc + "TaxExclusiveAmount"));
        Amount(f, FieldNames.TotalAmount, totals?.Element(Cbc + "TaxInclusiveAmount"));

        // Tax total in the document currency (a second TaxTotal may give the tax currency's amount).
        var docCurrency = currency?.Value.Trim();
        var taxAmounts = root.Elements(Cac + "TaxTotal").Elements(Cbc + "TaxAmount").ToList();
        var taxAmount = taxAmounts.FirstOrDefault(t => (string?)t.Attribute("currencyID") == docCurrency) ?? taxAmounts.FirstOrDefault();
        Amount(f, FieldNames.TaxAmount, taxAmount);

        // Freight and insurance charges (UNCL 7161 reason codes FC and IN, or the reason text).
        decimal? freight = null, insurance = null;
        XElement? freightSource = null, insuranceSource = null;
        foreach (var ac in root.Elements(Cac + "AllowanceCharge"))
        {
            if (!string.Equals(ac.Element(Cbc + "ChargeIndicator")?.Value.Trim(), "true", StringComparison.OrdinalIgnoreCase)) continue;
            var amount = Numbers.ParseInvariant(ac.Element(Cbc + "Amount")?.Value);
            if (amount is null) continue;
            var code = ac.Element(Cbc + "AllowanceChargeReasonCode")?.Value.Trim().ToUpperInvariant();
            var reason = ac.Element(Cbc + "AllowanceChargeReason")?.Value ?? string.Empty;
            if (code == "FC" || reason.Contains("freight", StringComparison.OrdinalIgnoreCase) || reason.Contains("fracht", StringComparison.OrdinalIgnoreCase))
            {
                freight = (freight ?? 0) + amount; freightSource ??= ac.Element(Cbc + "Amount");
            }
            else if (code == "IN" || reason.Contains("insurance", StringComparison.OrdinalIgnoreCase) || reason.Contains("versicherung", StringComparison.OrdinalIgnoreCase))
            {
                insurance = (insurance ?? 0) + amount; insuranceSource ??= ac.Element(Cbc + "Amount");
            }
        }
        if (freight is not null) f.Set(FieldNames.FreightAmount, freight.Value, null, XmlPaths.SourceOf(freightSource!));
        if (insurance is not null) f.Set(FieldNames.InsuranceAmount, insurance.Value, null, XmlPaths.SourceOf(insuranceSource!));
    }

    internal static void ReadDeliveryTerms(FieldSet f, XElement terms)
    {
        var id = terms.Element(Cbc + "ID");
        if (id is not null)
        {
            // "CIF", "CIF Rotterdam" or "Incoterms 2020 CIF Rotterdam": keep the rule code and the named place.
            var tokens = id.Value.Split((char[])[' ', ',', ';'], StringSplitOptions.RemoveEmptyEntries);
            var codeIndex = Array.FindIndex(tokens, t => Incoterm.TryParse(t, out _));
            // A leading three-letter code that is not Incoterms 2020 (DDU, DAT) is still the terms code: the rules say why it is wrong.
            if (codeIndex < 0 && tokens.Length > 0 && tokens[0].Length == 3 && tokens[0].All(char.IsAsciiLetterUpper)) codeIndex = 0;
            if (codeIndex >= 0)
            {
                f.Set(FieldNames.Incoterm, tokens[codeIndex].ToUpperInvariant(), null, XmlPaths.SourceOf(id));
                var place = string.Join(' ', tokens.Skip(codeIndex + 1).Where(t => !t.Equals("Incoterms", StringComparison.OrdinalIgnoreCase) && t != "2020"));
                if (place.Length > 0) f.Set(FieldNames.IncotermPlace, place, null, XmlPaths.SourceOf(id));
            }
            else
            {
                Text(f, FieldNames.Incoterm, id);
            }
        }
        var location = terms.Element(Cac + "DeliveryLocation");
        if (location is not null && !f.ContainsKey(FieldNames.IncotermPlace))
        {
            var placeNode = location.Element(Cbc + "Description") ?? location.Element(Cac + "Address")?.Element(Cbc + "CityName") ?? location.Element(Cbc + "ID");
            Text(f, FieldNames.IncotermPlace, placeNode);
        }
    }

    internal static void ReadShipment(FieldSet f, XElement shipment)
    {
        Weight(f, FieldNames.GrossWeightKg, shipment.Element(Cbc + "GrossWeightMeasure"));
        Weight(f, FieldNames.NetWeightKg, shipment.Element(Cbc + "NetWeightMeasure"));
        var packages = shipment.Element(Cbc + "TotalTransportHandlingUnitQuantity") ?? shipment.Element(Cbc + "TotalGoodsItemQuantity");
        Amount(f, FieldNames.PackageCount, packages);
        var origin = shipment.Element(Cac + "OriginAddress")?.Element(Cac + "Country")?.Element(Cbc + "IdentificationCode")
            ?? shipment.Element(Cac + "Delivery")?.Element(Cac + "Despatch")?.Element(Cac + "DespatchAddress")?.Element(Cac + "Country")?.Element(Cbc + "IdentificationCode");
        Text(f, FieldNames.OriginCountry, origin);
    }

    private static FieldSet ReadLine(XElement line, XName quantityName)
    {
        var f = new FieldSet();
        var item = line.Element(Cac + "Item");
        Text(f, FieldNames.Description, item?.Element(Cbc + "Name") ?? item?.Element(Cbc + "Description"));
        // The seller's item identifier (BT-155), as the invoice's own lines print it.
        Text(f, FieldNames.ProductCode, item?.Element(Cac + "SellersItemIdentification")?.Element(Cbc + "ID"));
        HsCode(f, HsClassification(item?.Elements(Cac + "CommodityClassification").Elements(Cbc + "ItemClassificationCode") ?? []));
        var qty = line.Element(quantityName);
        Amount(f, FieldNames.Quantity, qty);
        if (qty?.Attribute("unitCode") is { } unit) f.Set(FieldNames.UnitCode, unit.Value.Trim(), null, XmlPaths.SourceOf(unit));
        var price = line.Element(Cac + "Price");
        Amount(f, FieldNames.UnitPrice, price?.Element(Cbc + "PriceAmount"));
        var baseQty = price?.Element(Cbc + "BaseQuantity");
        if (Numbers.ParseInvariant(baseQty?.Value) is { } b && b != 1m) f.Set(FieldNames.PriceBaseQuantity, b, null, XmlPaths.SourceOf(baseQty!));
        Amount(f, FieldNames.Amount, line.Element(Cbc + "LineExtensionAmount"));

        decimal? allowances = null, charges = null;
        XElement? allowanceSource = null, chargeSource = null;
        foreach (var ac in line.Elements(Cac + "AllowanceCharge"))
        {
            var amount = Numbers.ParseInvariant(ac.Element(Cbc + "Amount")?.Value);
            if (amount is null) continue;
            if (string.Equals(ac.Element(Cbc + "ChargeIndicator")?.Value.Trim(), "true", StringComparison.OrdinalIgnoreCase))
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

        Text(f, FieldNames.OriginCountry, item?.Element(Cac + "OriginCountry")?.Element(Cbc + "IdentificationCode"));
        return f;
    }

    internal static void Party(FieldSet f, XElement? party, string nameField, string addressField, string countryField, string taxIdField)
    {
        if (party is null) return;
        var name = party.Element(Cac + "PartyLegalEntity")?.Element(Cbc + "RegistrationName") ?? party.Element(Cac + "PartyName")?.Element(Cbc + "Name");
        Text(f, nameField, name);
        var address = party.Element(Cac + "PostalAddress");
        if (address is not null)
        {
            var parts = new[] { "StreetName", "AdditionalStreetName", "BuildingNumber", "CityName", "PostalZone", "CountrySubentity" }
                .Select(n => address.Element(Cbc + n)?.Value.Trim())
                .Concat(address.Elements(Cac + "AddressLine").Select(l => l.Element(Cbc + "Line")?.Value.Trim()))
                .Where(p => !string.IsNullOrEmpty(p));
            var joined = string.Join(", ", parts);
            if (joined.Length > 0) f.Set(addressField, joined, null, XmlPaths.SourceOf(address));
            Text(f, countryField, address.Element(Cac + "Country")?.Element(Cbc + "IdentificationCode"));
        }
        // The VAT registration (TaxScheme VAT, EN 16931 BT-31/BT-48) before another tax number (BT-32).
        var schemes = party.Elements(Cac + "PartyTaxScheme").ToList();
        var taxId = schemes.FirstOrDefault(s => string.Equals(s.Element(Cac + "TaxScheme")?.Element(Cbc + "ID")?.Value.Trim(), "VAT", StringComparison.OrdinalIgnoreCase))?.Element(Cbc + "CompanyID")
            ?? schemes.Elements(Cbc + "CompanyID").FirstOrDefault();
        Text(f, taxIdField, taxId);
    }
}
