namespace CustomsFn.Core.Shipments;

/// <summary>Which rule grouped the shipment, on what key.</summary>
public sealed record ShipmentGrouping
{
    public required string Rule { get; init; }
    public required string Key { get; init; }
    public required string Description { get; init; }
}
