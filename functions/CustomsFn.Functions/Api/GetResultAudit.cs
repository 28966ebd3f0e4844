using CustomsFn.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CustomsFn.Functions.Api;

/// <summary><c>GET /api/results/{documentId}/audit</c>: the document's audit trail and current status.</summary>
public sealed class GetResultAudit(ResultsApi api)
{
    [Function(nameof(GetResultAudit))]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "results/{documentId}/audit")] HttpRequest request, string documentId, CancellationToken cancellationToken) =>
        api.GetHistoryAsync(documentId, cancellationToken).AsActionAsync();
}
