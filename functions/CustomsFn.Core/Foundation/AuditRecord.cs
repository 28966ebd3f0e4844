namespace CustomsFn.Core.Foundation;

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
