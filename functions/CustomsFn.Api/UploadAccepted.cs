namespace CustomsFn.Api;

/// <summary>What <c>POST /api/documents</c> accepted.</summary>
public sealed record UploadAccepted
{
    public required string DocumentId { get; init; }
    public required string Blob { get; init; }
    public required string Format { get; init; }
    public required long SizeBytes { get; init; }
    /// <summary>Where the result will be: <c>/api/results/{documentId}</c> (404 until processed).</summary>
    public required string Result { get; init; }
}
