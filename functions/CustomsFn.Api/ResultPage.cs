namespace CustomsFn.Api;

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
