namespace CustomsFn.Core.Foundation;

/// <summary>Append-only audit trail.</summary>
public interface IAuditLog
{
    Task AppendAsync(AuditRecord record, CancellationToken cancellationToken);
}
