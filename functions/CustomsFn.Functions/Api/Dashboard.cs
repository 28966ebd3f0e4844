using CustomsFn.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CustomsFn.Functions.Api;

/// <summary>
/// <c>GET /api/dashboard/</c>: the dashboard's static files. Anonymous: the page holds no data; every API call it makes
/// carries the function key the user enters (header x-functions-key).
/// </summary>
public sealed class Dashboard
{
    [Function(nameof(Dashboard))]
    public IActionResult Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "dashboard/{*path}")] HttpRequest request, string? path) =>
        DashboardAssets.Serve(request.HttpContext, path).AsAction();
}
