namespace CustomsFn.Core.Model;

/// <summary>Document types, as written in the result's <c>documentType</c> field.</summary>
public static class DocumentType
{
    public const string CommercialInvoice = "commercial-invoice";
    public const string CreditNote = "credit-note";
    public const string PackingList = "packing-list";
    public const string CertificateOfOrigin = "certificate-of-origin";
    public const string CustomsDeclaration = "customs-declaration";
    public const string BillOfLading = "bill-of-lading";
    public const string Waybill = "waybill";
    public const string Unknown = "unknown";
}
