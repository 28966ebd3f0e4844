using CustomsFn.Core.Contract;
using CustomsFn.Core.Foundation;
using CustomsFn.Core.Pipeline;

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
}

/// <summary>A page of <see cref="ResultSummary"/> with the status counts over the whole filter (status filter excepted).</summary>
public sealed record ResultPage
{
    public required string From { get; init; }
    public required string To { get; init; }
    public required int Page { get; init; }
    public required int PageSize { get; init; }
    public required int Total { get; init; }
    public required IReadOnlyDictionary<string, int> Counts { get; init; }
    /// <summary>True when the audit trail had more records than one request reads (narrow the range).</summary>
    public bool Truncated { get; init; }
    public required IReadOnlyList<ResultSummary> Items { get; init; }
}

/// <summary>A document's audit trail, oldest first, and the status it leads to.</summary>
public sealed record DocumentHistory
{
    public required string DocumentId { get; init; }
    public required ResultStatus Status { get; init; }
    public required ResultStatus ProcessedStatus { get; init; }
    public required int Version { get; init; }
    public required IReadOnlyList<AuditRecord> Records { get; init; }
}

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

internal static class StatusNames
{
    public static string Text(ResultStatus status) => status switch
    {
        ResultStatus.Accepted => "accepted",
        ResultStatus.NeedsReview => "needs-review",
        _ => "rejected",
    };

    public static ResultStatus? Parse(string? text) => text switch
    {
        "accepted" => ResultStatus.Accepted,
        "needs-review" => ResultStatus.NeedsReview,
        "rejected" => ResultStatus.Rejected,
        _ => null,
    };
}
