namespace CustomsFn.Core.Model;

/// <summary>Canonical field names of the result contract (DESIGN.md). Use these constants, never string literals.</summary>
public static class FieldNames
{
    // Document identity
    public const string InvoiceNumber = "invoiceNumber";
    public const string IssueDate = "issueDate";
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

    /// <summary>The fields every commercial invoice must carry for a customs check.</summary>
    public static readonly IReadOnlyList<string> RequiredForInvoice =
        [InvoiceNumber, IssueDate, Currency, SellerName, BuyerName, TotalAmount];
}
