using System.Security.Cryptography;
using System.Text;

namespace CustomsFn.Core.Rules;

/// <summary>DUP-001..002: the same invoice or the same content was already processed (inert without a duplicate index).</summary>
public sealed class DuplicateRule(IDuplicateIndex? index = null) : IRule
{
    public static readonly RuleInfo SameInvoice = new("DUP-001", Severity.Warning, "The same seller and invoice number were already processed", "CustomsFn duplicate detection (IDuplicateIndex)");
    public static readonly RuleInfo SameContent = new("DUP-002", Severity.Warning, "A document with the same content was already processed", "CustomsFn duplicate detection (IDuplicateIndex)");

    public IReadOnlyList<RuleInfo> Describes => [SameInvoice, SameContent];

    public void Evaluate(RuleContext context)
    {
        if (index is null || context.DocumentId is null) return;
        var f = context.Fields;
        var seller = f.GetText(FieldNames.SellerTaxId) ?? f.GetText(FieldNames.SellerName);
        var number = f.GetText(FieldNames.InvoiceNumber);
        var invoiceKey = seller is not null && number is not null
            ? $"{context.Document.DocumentType}|{seller.Trim().ToUpperInvariant()}|{number.Trim().ToUpperInvariant()}"
            : null;
        var hit = index.CheckAndRecord(new DuplicateKeys(context.DocumentId, invoiceKey, Fingerprint(context.Document)));
        if (hit is null) return;
        if (hit.SameInvoiceNumber)
            context.Report(SameInvoice, FieldNames.InvoiceNumber, $"Invoice {number} of this seller was already processed (document {hit.PreviousDocumentId}).");
        if (hit.SameContent)
            context.Report(SameContent, "document", $"The same fields and lines were already processed in document {hit.PreviousDocumentId} (a re-sent copy in another file format or scan?).");
    }

    /// <summary>SHA-256 over the extracted values (not the bytes): the same invoice scanned or re-exported has the same fingerprint.</summary>
    internal static string Fingerprint(ExtractedDocument doc)
    {
        var sb = new StringBuilder();
        void Add(FieldSet set)
        {
            foreach (var k in set.Keys.Order(StringComparer.Ordinal)) sb.Append(k).Append('=').Append(set[k].Text).Append('\n');
        }
        sb.Append(doc.DocumentType).Append('\n');
        Add(doc.Fields);
        foreach (var l in doc.Lines) { sb.Append("--\n"); Add(l); }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }
}
