namespace CustomsFn.Core.Shipments;

/// <summary>
/// The stored shipment results as a list (for the compliance API): each shipment's id, when it was last replaced and,
/// where the store keeps it beside the result, its verdict; listing reads no result.
/// </summary>
public interface IShipmentCatalog
{
    IAsyncEnumerable<ShipmentEntry> ListAsync(CancellationToken cancellationToken);
}

/// <summary>One stored shipment result in a listing; <see cref="Verdict"/> is null when the store does not keep it beside the result.</summary>
public sealed record ShipmentEntry(string ShipmentId, DateTimeOffset UpdatedAt, ShipmentVerdict? Verdict);
