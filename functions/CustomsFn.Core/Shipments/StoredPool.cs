namespace CustomsFn.Core.Shipments;

public sealed record StoredPool(ShipmentPool Pool, string ETag);
