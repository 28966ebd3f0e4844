using CustomsFn.Core.Contract;

namespace CustomsFn.Api;

/// <summary>One processed document in a list: its status now (after reviews) and as processed.</summary>
public sealed record ResultSummary
{
    public required string DocumentId { get; init; }
    public required string SourceName { get; init; }
    public required DateTimeOffset ProcessedAt { get; init; }
    /// <summary>The status now: the last review's decision, else the processing status.</summary>
    public required ResultStatus Status { get; init; }
    public required ResultStatus ProcessedStatus { get; init; }
    public string? Format { get; init; }
    public FindingCounts? FindingCounts { get; init; }
    public IReadOnlyList<string> RuleIds { get; init; } = [];
    public IReadOnlyList<string> HsCodes { get; init; } = [];
    public string? SellerKey { get; init; }
    /// <summary>1 for the processing result, plus one per review.</summary>
    public int Version { get; init; } = 1;
    public string? Reviewer { get; init; }
    /// <summary>Type, number, parties, value and worst finding from the stored result (lists fill it for the page shown).</summary>
    public ResultDigest? Document { get; init; }
}
