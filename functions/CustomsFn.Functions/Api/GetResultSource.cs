using CustomsFn.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CustomsFn.Functions.Api;

/// <summary><c>GET /api/results/{documentId}/source</c>: the original upload, streamed.</summary>
public sealed class GetResultSource(SourceApi api)
{
    [Function(nameof(GetResultSource))]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "results/{documentId}/source")] HttpRequest request, string documentId, CancellationToken cancellationToken) =>
        api.GetSourceAsync(request.HttpContext, documentId, cancellationToken).AsActionAsync();
}
