using CustomsFn.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CustomsFn.Functions.Api;

/// <summary><c>GET /api/shipments?verdict=&amp;documentId=&amp;page=&amp;pageSize=</c>: stored shipments, newest first, with verdict counts.</summary>
public sealed class ListShipments(ShipmentsApi api)
{
    [Function(nameof(ListShipments))]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "shipments")] HttpRequest request, CancellationToken cancellationToken) =>
        api.ListShipmentsAsync(request, cancellationToken).AsActionAsync();
}
