namespace CustomsFn.Core.Shipments;

/// <summary>The documents without an explicit shipment, kept for reference and party grouping.</summary>
public sealed record ShipmentPool
{
    public IReadOnlyList<GroupingKeys> Documents { get; init; } = [];
}
