using CustomsFn.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CustomsFn.Functions.Api;

/// <summary><c>GET /api/results?from=&amp;to=&amp;status=&amp;seller=&amp;hsCode=&amp;page=</c>: paged summaries with status counts.</summary>
public sealed class ListResults(ResultsApi api)
{
    [Function(nameof(ListResults))]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "results")] HttpRequest request, CancellationToken cancellationToken) =>
        api.ListResultsAsync(request, cancellationToken).AsActionAsync();
}
