using CustomsFn.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CustomsFn.Functions.Api;

/// <summary><c>GET /api/export.csv?from=&amp;to=</c>: the audit trail as CSV.</summary>
public sealed class ExportAuditCsv(ExportApi api)
{
    [Function(nameof(ExportAuditCsv))]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "export.csv")] HttpRequest request) =>
        api.ExportCsvAsync(request).AsActionAsync();
}
