using CustomsFn.Core.Contract;

namespace CustomsFn.Core.Pipeline;

/// <summary>A result already stored, and whether its message went out.</summary>
public sealed record StoredResult(CustomsResult Result, bool Published)
{
    /// <summary>When the result was stored, where the store knows it: a result stored moments ago may still be being published by another instance.</summary>
    public DateTimeOffset? StoredAt { get; init; }
}

/// <summary>Write-once result storage (<c>results/{documentId}.json</c>).</summary>
public interface IResultStore
{
    Task<StoredResult?> GetAsync(string documentId, CancellationToken cancellationToken);

    /// <summary>Creates the result unless one exists for the id; false when it already existed (nothing is overwritten).</summary>
    Task<bool> TryCreateAsync(CustomsResult result, CancellationToken cancellationToken);

    /// <summary>Records that the result's messages were published, so a redelivered trigger does not publish again.</summary>
    Task MarkPublishedAsync(string documentId, CancellationToken cancellationToken);

    /// <summary>
    /// Claims, for a while, the right to publish a stored result that its writer left unpublished past the grace period:
    /// false while another instance holds the claim. Keeps two deliveries that both find the result unpublished (three
    /// instances redelivered after a failed send) from both publishing it. A store that only one instance uses can keep
    /// this default.
    /// </summary>
    Task<bool> TryClaimPublicationAsync(string documentId, CancellationToken cancellationToken) => Task.FromResult(true);
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
    /// <summary>
    /// The record's identity, made once when the record is made: appending the same record again (a retry whose first
    /// answer was lost) writes nothing new.
    /// </summary>
    public string Id { get; init; } = Guid.NewGuid().ToString("N");

    public required string Kind { get; init; }
    public required string DocumentId { get; init; }
    public required string SourceName { get; init; }
    public required DateTimeOffset At { get; init; }
    public string? Format { get; init; }
    public string? Extractor { get; init; }
    public string? Ruleset { get; init; }
    public IReadOnlyList<string> Tariffs { get; init; } = [];
    /// <summary>The sanctions list editions the document's parties were screened against.</summary>
    public IReadOnlyList<string> Screening { get; init; } = [];
    public ResultStatus? Status { get; init; }
    public FindingCounts? FindingCounts { get; init; }
    public IReadOnlyList<string> RuleIds { get; init; } = [];
    public string? Reviewer { get; init; }
    public string? Reason { get; init; }
    /// <summary>Normalized seller name (<see cref="AuditKeys.SellerKey"/>) so that compliance can search by seller; an identifier, not an amount.</summary>
    public string? SellerKey { get; init; }
    /// <summary>The distinct HS codes of the document's lines, for searches by tariff classification.</summary>
    public IReadOnlyList<string> HsCodes { get; init; } = [];
}

/// <summary>A search over the audit trail: a UTC day range (inclusive) and optional filters, all combined with AND.</summary>
public sealed record AuditQuery
{
    public required DateOnly From { get; init; }
    public required DateOnly To { get; init; }
    public ResultStatus? Status { get; init; }
    /// <summary>A seller name or the start of one; normalized like <see cref="AuditRecord.SellerKey"/> and matched as a prefix.</summary>
    public string? Seller { get; init; }
    /// <summary>An HS code or the start of one (a chapter "84", a heading "8471", a subheading "847130"); digits only.</summary>
    public string? HsCode { get; init; }
    public string? Kind { get; init; }
    public string? DocumentId { get; init; }
    /// <summary>Stops after this many records (default 1000).</summary>
    public int Max { get; init; } = 1000;
}

/// <summary>Searches the audit trail, oldest first.</summary>
public interface IAuditQuery
{
    IAsyncEnumerable<AuditRecord> QueryAsync(AuditQuery query, CancellationToken cancellationToken);
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
