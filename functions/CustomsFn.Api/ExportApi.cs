using CustomsFn.Core.Foundation;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using static CustomsFn.Api.ApiResponses;

namespace CustomsFn.Api;

/// <summary><c>GET /api/export.csv</c>: the audit trail of a day range as CSV.</summary>
public sealed class ExportApi(IAuditQuery auditQuery, AuditHistory history, IOptions<ApiOptions> options)
{
    // ---- GET /api/export.csv?from=&to= -------------------------------------------------------------------------------

    /// <summary>
    /// The audit trail of a day range as CSV: one row per record (processing, duplicate, poison, review). The first
    /// record is read before the 200 goes out, so storage that does not answer is a 503, not a CSV with only its header.
    /// </summary>
    public async Task<IResult> ExportCsvAsync(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var q = new QueryReader(request.Query);
        var (from, to) = q.Range(history.Today(), options.Value.MaxRangeDays);
        q.AllowOnly("from", "to", "code");
        if (q.Errors.Count > 0) return Validation(q.Errors);
        var query = new AuditQuery { From = from, To = to, Max = options.Value.MaxRecords };
        var aborted = request.HttpContext.RequestAborted;
        var records = auditQuery.QueryAsync(query, aborted).GetAsyncEnumerator(aborted);
        bool any;
        try
        {
            any = await records.MoveNextAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (StorageOutage.Is(ex))
        {
            await records.DisposeAsync().ConfigureAwait(false);
            return StorageOutage.Problem(request.HttpContext.Response);
        }
        return Results.Stream(async stream =>
            {
                await using (records.ConfigureAwait(false))
                {
                    await AuditCsv.WriteAsync(Rest(records, any), stream, aborted).ConfigureAwait(false);
                }
            },
            "text/csv; charset=utf-8", $"customsfn-audit-{Day(from)}-{Day(to)}.csv");
    }

    /// <summary>The records from the one the enumerator stands on (when <paramref name="current"/>) to the end.</summary>
    private static async IAsyncEnumerable<AuditRecord> Rest(IAsyncEnumerator<AuditRecord> records, bool current)
    {
        if (!current) yield break;
        do yield return records.Current;
        while (await records.MoveNextAsync().ConfigureAwait(false));
    }
}
