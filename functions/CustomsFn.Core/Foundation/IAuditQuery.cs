namespace CustomsFn.Core.Foundation;

/// <summary>Searches the audit trail, oldest first.</summary>
public interface IAuditQuery
{
    IAsyncEnumerable<AuditRecord> QueryAsync(AuditQuery query, CancellationToken cancellationToken);
}
