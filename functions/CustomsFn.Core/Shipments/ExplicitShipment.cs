namespace CustomsFn.Core.Shipments;

/// <summary>A shipment named by the upload itself (metadata or path).</summary>
public sealed record ExplicitShipment(string ShipmentId, string Rule);
