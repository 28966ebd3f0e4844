using System.Collections.Concurrent;

namespace CustomsFn.Core.Pipeline;

/// <summary>What identifies a document for duplicate detection: the seller and invoice number, and a fingerprint of the extracted content.</summary>
public sealed record DuplicateKeys(string DocumentId, string? SellerInvoiceKey, string ContentFingerprint);

/// <summary>A document seen before that matches the current one.</summary>
public sealed record DuplicateHit(string PreviousDocumentId, bool SameInvoiceNumber, bool SameContent);

/// <summary>
/// Port for duplicate detection: answers whether a document with the same seller + invoice number, or the same extracted
/// content, was already processed, and records the current one. The result store can implement it; the rule is inert
/// when no index is configured. Implementations are thread-safe and must answer quickly (the rules are synchronous).
/// </summary>
public interface IDuplicateIndex
{
    /// <summary>Returns the earlier matching document (not the same document id) and records <paramref name="keys"/>.</summary>
    DuplicateHit? CheckAndRecord(DuplicateKeys keys);
}

/// <summary>An in-memory duplicate index (one process; the CLI and tests).</summary>
public sealed class InMemoryDuplicateIndex : IDuplicateIndex
{
    private readonly ConcurrentDictionary<string, string> _byInvoice = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _byContent = new(StringComparer.Ordinal);

    public DuplicateHit? CheckAndRecord(DuplicateKeys keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        string? byInvoice = null;
        if (keys.SellerInvoiceKey is { } k)
        {
            var first = _byInvoice.GetOrAdd(k, keys.DocumentId);
            if (first != keys.DocumentId) byInvoice = first;
        }
        var firstContent = _byContent.GetOrAdd(keys.ContentFingerprint, keys.DocumentId);
        var byContent = firstContent != keys.DocumentId ? firstContent : null;
        if (byInvoice is null && byContent is null) return null;
        return new DuplicateHit(byInvoice ?? byContent!, byInvoice is not null, byContent is not null);
    }
}
