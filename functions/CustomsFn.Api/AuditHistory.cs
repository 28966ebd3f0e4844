using CustomsFn.Core.Contract;
using CustomsFn.Core.Foundation;
using Microsoft.Extensions.Options;

namespace CustomsFn.Api;

/// <summary>What the audit trail says of documents: their summaries over a day range, and one document's versions (processing, then reviews).</summary>
public sealed class AuditHistory(IAuditQuery auditQuery, IOptions<ApiOptions> options, TimeProvider time)
{
    private readonly ApiOptions _options = options.Value;

    public DateOnly Today() => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    public async Task<(List<ResultSummary> Items, bool Truncated)> SummariesAsync(DateOnly from, DateOnly to, string? seller, string? hsCode,
        CancellationToken cancellationToken)
    {
        var max = _options.MaxRecords;
        var processed = new Dictionary<string, AuditRecord>(StringComparer.Ordinal);
        var count = 0;
        await foreach (var record in auditQuery.QueryAsync(new AuditQuery { From = from, To = to, Seller = seller, HsCode = hsCode, Max = max },
            cancellationToken).ConfigureAwait(false))
        {
            count++;
            if (record.Kind is AuditKinds.Processed or AuditKinds.Poison && record.Status is not null) processed.TryAdd(record.DocumentId, record);
        }
        // Reviews come later than processing: read them up to today.
        var reviews = new Dictionary<string, List<AuditRecord>>(StringComparer.Ordinal);
        var reviewTo = Max(to, Today());
        await foreach (var record in auditQuery.QueryAsync(new AuditQuery { From = from, To = reviewTo, Kind = AuditKinds.Review, Seller = seller, HsCode = hsCode, Max = max },
            cancellationToken).ConfigureAwait(false))
        {
            count++;
            if (!processed.ContainsKey(record.DocumentId)) continue;
            if (!reviews.TryGetValue(record.DocumentId, out var list)) reviews[record.DocumentId] = list = [];
            list.Add(record);
        }
        var items = processed.Values.Select(p =>
        {
            var docReviews = reviews.GetValueOrDefault(p.DocumentId) ?? [];
            var last = docReviews.Count > 0 ? docReviews[^1] : null;
            return new ResultSummary
            {
                DocumentId = p.DocumentId, SourceName = p.SourceName, ProcessedAt = p.At, ProcessedStatus = p.Status!.Value,
                Status = last?.Status ?? p.Status!.Value, Format = p.Format, FindingCounts = p.FindingCounts, RuleIds = p.RuleIds,
                HsCodes = p.HsCodes, SellerKey = p.SellerKey, Version = 1 + docReviews.Count, Reviewer = last?.Reviewer,
            };
        }).ToList();
        return (items, count >= max);
    }

    public async Task<DocumentHistory> HistoryAsync(CustomsResult result, CancellationToken cancellationToken)
    {
        var from = DateOnly.FromDateTime(result.ProcessedAt.UtcDateTime).AddDays(-1);
        var records = new List<AuditRecord>();
        await foreach (var record in auditQuery.QueryAsync(new AuditQuery { From = from, To = Max(from, Today()), DocumentId = result.DocumentId, Max = _options.MaxRecords },
            cancellationToken).ConfigureAwait(false))
        {
            records.Add(record);
        }
        records.Sort((a, b) => a.At.CompareTo(b.At));
        var reviews = records.Where(r => r.Kind == AuditKinds.Review && r.Status is not null).ToList();
        return new DocumentHistory
        {
            DocumentId = result.DocumentId,
            ProcessedStatus = result.Status,
            Status = reviews.Count > 0 ? reviews[^1].Status!.Value : result.Status,
            Version = 1 + reviews.Count,
            Records = records,
        };
    }
}
