using CustomsFn.Core.Foundation;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using static CustomsFn.Api.ApiResponses;

namespace CustomsFn.Api;

/// <summary><c>GET /api/export.csv</c>: the audit trail of a day range as CSV.</summary>
public sealed class ExportApi(IAuditQuery auditQuery, AuditHistory history, IOptions<ApiOptions> options)
{
    // ---- GET /api/export.csv?from=&to= -------------------------------------------------------------------------------

    /// <summary>The audit trail of a day range as CSV: one row per record (processing, duplicate, poison, review).</summary>
    public IResult ExportCsv(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var q = new QueryReader(request.Query);
        var (from, to) = q.Range(history.Today(), options.Value.MaxRangeDays);
        q.AllowOnly("from", "to", "code");
        if (q.Errors.Count > 0) return Validation(q.Errors);
        var query = new AuditQuery { From = from, To = to, Max = options.Value.MaxRecords };
        return Results.Stream(stream => AuditCsv.WriteAsync(auditQuery.QueryAsync(query, request.HttpContext.RequestAborted), stream, request.HttpContext.RequestAborted),
            "text/csv; charset=utf-8", $"customsfn-audit-{Day(from)}-{Day(to)}.csv");
    }
}
