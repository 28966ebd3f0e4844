using System.Globalization;
using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using CustomsFn.Core.Contract;
using CustomsFn.Core.Foundation;
using CustomsFn.Core.Pipeline;

namespace CustomsFn.Infrastructure.Storage;

/// <summary>
/// Append-only audit records in table <c>auditlog</c>: PartitionKey = UTC day (yyyyMMdd), RowKey = time + document id +
/// the record's id (so appending one record twice stores it once). Records are only ever added (AddEntity fails on an existing key); nothing updates or deletes them.
/// Queries filter the day range, kind, status, document id and seller prefix on the server; the HS code (a list per
/// record, which Table Storage cannot search inside) is matched on the client over what the server returned.
/// </summary>
public sealed class TableAuditLog(TableClient table) : IAuditLog, IAuditQuery
{
    public async Task AppendAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        try
        {
            await table.AddEntityAsync(ToEntity(record), cancellationToken).ConfigureAwait(false);
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 409)
        {
            // This record (its id is in the row key) is already there: a try whose answer was lost wrote it.
        }
    }

    public async IAsyncEnumerable<AuditRecord> QueryAsync(AuditQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var hs = query.HsCode is null ? null : new string(query.HsCode.Where(char.IsAsciiDigit).ToArray());
        var count = 0;
        await foreach (var entity in table.QueryAsync<TableEntity>(Filter(query), maxPerPage: 1000, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var record = FromEntity(entity);
            if (!string.IsNullOrEmpty(hs) && !record.HsCodes.Any(c => c.StartsWith(hs, StringComparison.Ordinal))) continue;
            yield return record;
            if (++count >= query.Max) yield break;
        }
    }

    internal static string Filter(AuditQuery q)
    {
        var parts = new List<string>
        {
            TableClient.CreateQueryFilter($"PartitionKey ge {Day(q.From)} and PartitionKey le {Day(q.To)}"),
        };
        if (q.Kind is not null) parts.Add(TableClient.CreateQueryFilter($"Kind eq {q.Kind}"));
        if (q.Status is { } status) parts.Add(TableClient.CreateQueryFilter($"Status eq {BlobResultStore.StatusText(status)}"));
        if (q.DocumentId is not null) parts.Add(TableClient.CreateQueryFilter($"DocumentId eq {q.DocumentId}"));
        if (AuditKeys.SellerKey(q.Seller) is { } seller)
        {
            // Prefix match: seller ge "acme" and seller lt "acmf".
            var upper = seller[..^1] + (char)(seller[^1] + 1);
            parts.Add(TableClient.CreateQueryFilter($"SellerKey ge {seller} and SellerKey lt {upper}"));
        }
        return string.Join(" and ", parts.Select(p => "(" + p + ")"));
    }

    private static string Day(DateOnly d) => d.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    internal static TableEntity ToEntity(AuditRecord r)
    {
        var at = r.At.ToUniversalTime();
        var entity = new TableEntity(
            at.ToString("yyyyMMdd", CultureInfo.InvariantCulture),
            string.Create(CultureInfo.InvariantCulture, $"{at:HHmmssfffffff}-{r.DocumentId[..Math.Min(16, r.DocumentId.Length)]}-{r.Id}"))
        {
            ["Kind"] = r.Kind,
            ["DocumentId"] = r.DocumentId,
            ["SourceName"] = r.SourceName,
            ["At"] = at,
            ["Format"] = r.Format,
            ["Extractor"] = r.Extractor,
            ["Ruleset"] = r.Ruleset,
            ["Tariffs"] = string.Join(",", r.Tariffs),
            ["Screening"] = string.Join(",", r.Screening),
            ["Status"] = r.Status is { } s ? BlobResultStore.StatusText(s) : null,
            ["Errors"] = r.FindingCounts?.Error,
            ["Warnings"] = r.FindingCounts?.Warning,
            ["Infos"] = r.FindingCounts?.Info,
            ["RuleIds"] = string.Join(",", r.RuleIds),
            ["Reviewer"] = r.Reviewer,
            ["Reason"] = r.Reason,
            ["SellerKey"] = r.SellerKey,
            // Delimited on both sides so that ",847130," can be searched for exactly.
            ["HsCodes"] = r.HsCodes.Count == 0 ? null : "," + string.Join(",", r.HsCodes) + ",",
        };
        return entity;
    }

    internal static AuditRecord FromEntity(TableEntity e) => new()
    {
        Id = e.RowKey[(e.RowKey.LastIndexOf('-') + 1)..],
        Kind = e.GetString("Kind") ?? string.Empty,
        DocumentId = e.GetString("DocumentId") ?? string.Empty,
        SourceName = e.GetString("SourceName") ?? string.Empty,
        At = e.GetDateTimeOffset("At") ?? e.Timestamp ?? DateTimeOffset.MinValue,
        Format = e.GetString("Format"),
        Extractor = e.GetString("Extractor"),
        Ruleset = e.GetString("Ruleset"),
        Tariffs = Split(e.GetString("Tariffs")),
        Screening = Split(e.GetString("Screening")),
        Status = e.GetString("Status") switch
        {
            "accepted" => ResultStatus.Accepted,
            "needs-review" => ResultStatus.NeedsReview,
            "rejected" => ResultStatus.Rejected,
            _ => null,
        },
        FindingCounts = e.GetInt32("Errors") is { } errors
            ? new FindingCounts(errors, e.GetInt32("Warnings") ?? 0, e.GetInt32("Infos") ?? 0)
            : null,
        RuleIds = Split(e.GetString("RuleIds")),
        Reviewer = e.GetString("Reviewer"),
        Reason = e.GetString("Reason"),
        SellerKey = e.GetString("SellerKey"),
        HsCodes = Split(e.GetString("HsCodes")),
    };

    private static string[] Split(string? s) =>
        string.IsNullOrEmpty(s) ? [] : s.Split(',', StringSplitOptions.RemoveEmptyEntries);
}
