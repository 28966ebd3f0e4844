namespace CustomsFn.Core.Model;

/// <summary>Canonical field names of the result contract (docs/contracts.md). Use these constants, never string literals.</summary>
public static class FieldNames
{
    // Document identity
    public const string InvoiceNumber = "invoiceNumber";
    public const string IssueDate = "issueDate";
    /// <summary>The payment due date (EN 16931 BT-9): never the issue date, though often labelled "date" too.</summary>
    public const string DueDate = "dueDate";
    public const string Currency = "currency";

    // Parties
    public const string SellerName = "sellerName";
    public const string SellerAddress = "sellerAddress";
    public const string SellerCountry = "sellerCountry";
    public const string SellerTaxId = "sellerTaxId";
    public const string BuyerName = "buyerName";
    public const string BuyerAddress = "buyerAddress";
    public const string BuyerCountry = "buyerCountry";
    public const string BuyerTaxId = "buyerTaxId";

    // Delivery
    public const string Incoterm = "incoterm";
    public const string IncotermPlace = "incotermPlace";
    public const string OriginCountry = "originCountry";
    public const string DestinationCountry = "destinationCountry";

    // Totals
    public const string LineTotal = "lineTotal";
    public const string AllowanceTotalAmount = "allowanceTotalAmount";
    public const string ChargeTotalAmount = "chargeTotalAmount";
    public const string TaxExclusiveAmount = "taxExclusiveAmount";
    public const string FreightAmount = "freightAmount";
    public const string InsuranceAmount = "insuranceAmount";
    public const string TaxAmount = "taxAmount";
    public const string TotalAmount = "totalAmount";

    // Shipment measures
    public const string GrossWeightKg = "grossWeightKg";
    public const string NetWeightKg = "netWeightKg";
    public const string PackageCount = "packageCount";

    // Declarations
    public const string DeclarationNumber = "declarationNumber";
    public const string DeclarationType = "declarationType";
    public const string CustomsProcedure = "customsProcedure";
    /// <summary>The number of a document that is neither an invoice nor a declaration (waybill, bill of lading, certificate).</summary>
    public const string DocumentNumber = "documentNumber";
    /// <summary>The declarant (or the issuer of a certificate): name and identifier (EORI or other).</summary>
    public const string DeclarantName = "declarantName";
    public const string DeclarantId = "declarantId";
    /// <summary>Party identifiers that are not tax numbers, e.g. the exporter's and importer's EORI on a declaration.</summary>
    public const string SellerId = "sellerId";
    public const string BuyerId = "buyerId";
    /// <summary>The commercial invoice number a packing list, declaration or certificate quotes.</summary>
    public const string InvoiceReference = "invoiceReference";

    // Line fields
    public const string Description = "description";
    public const string HsCode = "hsCode";
    public const string Quantity = "quantity";
    public const string UnitCode = "unitCode";
    public const string UnitPrice = "unitPrice";
    /// <summary>The quantity the unit price refers to when it is not 1 (UBL BaseQuantity, CII BasisQuantity).</summary>
    public const string PriceBaseQuantity = "priceBaseQuantity";
    /// <summary>Line-level allowances (discounts) already deducted in <see cref="Amount"/>.</summary>
    public const string AllowanceAmount = "allowanceAmount";
    /// <summary>Line-level charges already added in <see cref="Amount"/>.</summary>
    public const string ChargeAmount = "chargeAmount";
    public const string Amount = "amount";
    /// <summary>The document's own number for the line or goods item (WCO SequenceNumeric, EDIFACT LIN line number).</summary>
    public const string ItemNumber = "itemNumber";

    // Declaration goods-item fields; a goods item may also carry customsProcedure, grossWeightKg, netWeightKg, packageCount
    /// <summary>Customs value of the goods item where the document states it (UBL CustomsValueAmount, WCO CustomsValueAmount).</summary>
    public const string CustomsValue = "customsValue";
    /// <summary>Statistical value of the goods item (WCO DE 99/06, UBL declared statistics value).</summary>
    public const string StatisticalValue = "statisticalValue";
    /// <summary>Preferential origin country where the document gives one besides the (non-preferential) origin.</summary>
    public const string PreferentialOriginCountry = "preferentialOriginCountry";
    /// <summary>Tariff preference code (WCO DE 4/17 DutyRegimeCode, e.g. 100 = erga omnes third-country duty, 300 = tariff preference).</summary>
    public const string Preference = "preference";
    /// <summary>Additional procedure codes (WCO DE 1/11), space-separated.</summary>
    public const string AdditionalProcedure = "additionalProcedure";
    /// <summary>Additional information statement codes of a goods item (WCO DE 2/2, e.g. NIDOM, RVAT1), space-separated.</summary>
    public const string AdditionalInformation = "additionalInformation";
    /// <summary>National additional codes of a goods item (WCO DE 6/17, classification type GN, e.g. VATZ, X413), space-separated.</summary>
    public const string NationalAdditionalCodes = "nationalAdditionalCodes";
    /// <summary>The duty and tax types a goods item declares (WCO DE 4/3 DutyTaxFee TypeCode, e.g. A00 B00 A50 413), space-separated.</summary>
    public const string TaxTypes = "taxTypes";
    /// <summary>Customs duty (A00) the declarant states as payable (WCO DE 4/6), with a duty override claimed (DE 2/2 OVR01).</summary>
    public const string DeclaredDuty = "declaredDuty";

    /// <summary>The seller's own product or article code for a line (not a tariff code).</summary>
    public const string ProductCode = "productCode";

    /// <summary>The fields every commercial invoice must carry for a customs check.</summary>
    public static readonly IReadOnlyList<string> RequiredForInvoice =
        [InvoiceNumber, IssueDate, Currency, SellerName, BuyerName, TotalAmount];

    /// <summary>The fields every customs declaration must carry: what it is (type, procedure) and which one it is.</summary>
    public static readonly IReadOnlyList<string> RequiredForDeclaration = [DeclarationNumber, DeclarationType];
}
