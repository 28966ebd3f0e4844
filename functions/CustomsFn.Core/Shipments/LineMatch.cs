namespace CustomsFn.Core.Shipments;

/// <summary>A goods line of one document matched to a goods line of another, with the matcher's score (0..1).</summary>
public sealed record LineMatch
{
    public required string DocumentId { get; init; }
    public required int Line { get; init; }
    public required string MatchedDocumentId { get; init; }
    public required int MatchedLine { get; init; }
    public required double Score { get; init; }
}
