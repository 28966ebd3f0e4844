namespace CustomsFn.Core.Contract;

/// <summary>
/// The <c>customsfn.message/v1</c> queue message: small (claim check), one per processed upload on
/// <c>customs-results</c>, and again on <c>customs-review</c> for needs-review and rejected results.
/// <c>documentId</c> is the idempotency key.
/// </summary>
public sealed record ResultMessage
{
    public const string SchemaId = "customsfn.message/v1";

    public string Schema { get; init; } = SchemaId;
    public required string DocumentId { get; init; }
    public required string SourceName { get; init; }
    public required ResultStatus Status { get; init; }
    public required FindingCounts FindingCounts { get; init; }
    /// <summary>Blob path of the full result, relative to the storage account: <c>results/{documentId}.json</c>.</summary>
    public required string ResultBlob { get; init; }
    public required DateTimeOffset ProcessedAt { get; init; }
    /// <summary>Why this message was sent: "processed", or "review" when a compliance reviewer changed the status.</summary>
    public string Reason { get; init; } = "processed";
    /// <summary>
    /// The document's version this message announces: 1 for the pipeline's result, 1 + the number of reviews for a review
    /// (as <c>GET /api/results/{id}/audit</c> counts). Consumers keep the highest version, then the latest <c>processedAt</c>.
    /// </summary>
    public int Version { get; init; } = 1;

    public static ResultMessage For(CustomsResult result) => new()
    {
        DocumentId = result.DocumentId,
        SourceName = StorageNames.Truncate(result.Source.Name, 1024),
        Status = result.Status,
        FindingCounts = FindingCounts.Of(result.Findings),
        ResultBlob = StorageNames.ResultBlobPath(result.DocumentId),
        ProcessedAt = result.ProcessedAt,
    };
}
