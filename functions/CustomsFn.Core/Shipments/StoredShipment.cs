namespace CustomsFn.Core.Shipments;

/// <summary>A stored shipment result and its version tag (a blob ETag) for optimistic concurrency.</summary>
public sealed record StoredShipment(ShipmentResult Result, string ETag);
