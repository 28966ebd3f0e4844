namespace CustomsFn.Core.Foundation;

/// <summary>What identifies a document for duplicate detection: the seller and invoice number, and a fingerprint of the extracted content.</summary>
public sealed record DuplicateKeys(string DocumentId, string? SellerInvoiceKey, string ContentFingerprint);
