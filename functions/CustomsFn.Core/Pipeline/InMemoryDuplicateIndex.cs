using System.Collections.Concurrent;

namespace CustomsFn.Core.Pipeline;

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
