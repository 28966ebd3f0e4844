using CustomsFn.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CustomsFn.Functions.Api;

/// <summary><c>GET /api/shipments/{shipmentId}</c>: one shipment's verdict, findings and documents, each linked to its result.</summary>
public sealed class GetShipment(ShipmentsApi api)
{
    [Function(nameof(GetShipment))]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "shipments/{shipmentId}")] HttpRequest request, string shipmentId, CancellationToken cancellationToken) =>
        api.GetShipmentAsync(shipmentId, cancellationToken).AsActionAsync();
}
