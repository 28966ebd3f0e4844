using System.Globalization;
using Azure.Data.Tables;
using CustomsFn.Core.Contract;
using CustomsFn.Core.Pipeline;

namespace CustomsFn.Infrastructure.Storage;

/// <summary>
/// Append-only audit records in table <c>auditlog</c>: PartitionKey = UTC day (yyyyMMdd), RowKey = time + document id +
/// a unique suffix. Records are only ever added (AddEntity fails on an existing key); nothing updates or deletes them.
/// </summary>
public sealed class TableAuditLog(TableClient table) : IAuditLog
{
    public async Task AppendAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        await table.AddEntityAsync(ToEntity(record), cancellationToken).ConfigureAwait(false);
    }

    internal static TableEntity ToEntity(AuditRecord r)
    {
        var at = r.At.ToUniversalTime();
        var entity = new TableEntity(
            at.ToString("yyyyMMdd", CultureInfo.InvariantCulture),
            string.Create(CultureInfo.InvariantCulture, $"{at:HHmmssfffffff}-{r.DocumentId[..Math.Min(16, r.DocumentId.Length)]}-{Guid.NewGuid():N}"))
        {
            ["Kind"] = r.Kind,
            ["DocumentId"] = r.DocumentId,
            ["SourceName"] = r.SourceName,
            ["At"] = at,
            ["Format"] = r.Format,
            ["Extractor"] = r.Extractor,
            ["Ruleset"] = r.Ruleset,
            ["Tariffs"] = string.Join(",", r.Tariffs),
            ["Status"] = r.Status is { } s ? BlobResultStore.StatusText(s) : null,
            ["Errors"] = r.FindingCounts?.Error,
            ["Warnings"] = r.FindingCounts?.Warning,
            ["Infos"] = r.FindingCounts?.Info,
            ["RuleIds"] = string.Join(",", r.RuleIds),
            ["Reviewer"] = r.Reviewer,
            ["Reason"] = r.Reason,
        };
        return entity;
    }
}
