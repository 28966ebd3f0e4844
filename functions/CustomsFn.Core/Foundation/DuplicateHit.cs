namespace CustomsFn.Core.Foundation;

/// <summary>A document seen before that matches the current one.</summary>
public sealed record DuplicateHit(string PreviousDocumentId, bool SameInvoiceNumber, bool SameContent);
