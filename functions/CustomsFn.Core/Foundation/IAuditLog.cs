using CustomsFn.Core.Contract;

namespace CustomsFn.Core.Foundation;

/// <summary>Append-only audit trail.</summary>
public interface IAuditLog
{
    Task AppendAsync(AuditRecord record, CancellationToken cancellationToken);
}
