namespace CustomsFn.Core.Foundation;

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
