using CustomsFn.Core.Contract;
using CustomsFn.Core.Foundation;

namespace CustomsFn.Api;

/// <summary>A document's audit trail, oldest first, and the status it leads to.</summary>
public sealed record DocumentHistory
{
    public required string DocumentId { get; init; }
    public required ResultStatus Status { get; init; }
    public required ResultStatus ProcessedStatus { get; init; }
    public required int Version { get; init; }
    public required IReadOnlyList<AuditRecord> Records { get; init; }
}
