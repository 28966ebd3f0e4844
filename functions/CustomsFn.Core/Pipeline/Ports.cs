using CustomsFn.Core.Contract;

namespace CustomsFn.Core.Pipeline;

/// <summary>A result already stored, and whether its message went out.</summary>
public sealed record StoredResult(CustomsResult Result, bool Published);

/// <summary>Write-once result storage (<c>results/{documentId}.json</c>).</summary>
public interface IResultStore
{
    Task<StoredResult?> GetAsync(string documentId, CancellationToken cancellationToken);

    /// <summary>Creates the result unless one exists for the id; false when it already existed (nothing is overwritten).</summary>
    Task<bool> TryCreateAsync(CustomsResult result, CancellationToken cancellationToken);

    /// <summary>Records that the result's messages were published, so a redelivered trigger does not publish again.</summary>
    Task MarkPublishedAsync(string documentId, CancellationToken cancellationToken);
}

/// <summary>Publishes <c>customsfn.message/v1</c> messages to <c>customs-results</c> and, when a human must look, <c>customs-review</c>.</summary>
public interface IResultPublisher
{
    Task PublishAsync(ResultMessage message, bool toReviewQueue, CancellationToken cancellationToken);
}

/// <summary>The kinds of audit record.</summary>
public static class AuditKinds
{
    public const string Processed = "processed";
    public const string Duplicate = "duplicate";
    public const string Review = "review";
    public const string Poison = "poison";
}

/// <summary>One append-only audit record. Holds ids, versions, counts and reviewer notes; never extracted field values.</summary>
public sealed record AuditRecord
{
    public required string Kind { get; init; }
    public required string DocumentId { get; init; }
    public required string SourceName { get; init; }
    public required DateTimeOffset At { get; init; }
    public string? Format { get; init; }
    public string? Extractor { get; init; }
    public string? Ruleset { get; init; }
    public IReadOnlyList<string> Tariffs { get; init; } = [];
    public ResultStatus? Status { get; init; }
    public FindingCounts? FindingCounts { get; init; }
    public IReadOnlyList<string> RuleIds { get; init; } = [];
    public string? Reviewer { get; init; }
    public string? Reason { get; init; }
}

/// <summary>Append-only audit trail.</summary>
public interface IAuditLog
{
    Task AppendAsync(AuditRecord record, CancellationToken cancellationToken);
}

/// <summary>Null objects for hosts that do not store, publish or audit (the CLI).</summary>
public sealed class NoResultStore : IResultStore
{
    public static readonly NoResultStore Instance = new();
    public Task<StoredResult?> GetAsync(string documentId, CancellationToken cancellationToken) => Task.FromResult<StoredResult?>(null);
    public Task<bool> TryCreateAsync(CustomsResult result, CancellationToken cancellationToken) => Task.FromResult(true);
    public Task MarkPublishedAsync(string documentId, CancellationToken cancellationToken) => Task.CompletedTask;
}
