using CustomsFn.Core.Contract;

namespace CustomsFn.Api;

/// <summary>What <c>POST /api/results/{documentId}/review</c> recorded.</summary>
public sealed record ReviewOutcome
{
    public required string DocumentId { get; init; }
    public required int Version { get; init; }
    public required ResultStatus Status { get; init; }
    public required ResultStatus PreviousStatus { get; init; }
    public required string Reviewer { get; init; }
    public required string Reason { get; init; }
    public required DateTimeOffset ReviewedAt { get; init; }
}
