using CustomsFn.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CustomsFn.Functions.Api;

/// <summary><c>GET /api/results/{documentId}</c>: the stored result, unchanged.</summary>
public sealed class GetResult(ResultsApi api)
{
    [Function(nameof(GetResult))]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "results/{documentId}")] HttpRequest request, string documentId, CancellationToken cancellationToken) =>
        api.GetResultAsync(documentId, cancellationToken).AsActionAsync();
}
