namespace CustomsFn.Core.Shipments;

/// <summary>
/// Shipment results at <c>results/shipments/{shipmentId}.json</c>: a mutable aggregate, replaced only when the caller
/// holds the current version (ETag), so concurrent updates never lose a document.
/// </summary>
public interface IShipmentStore
{
    Task<StoredShipment?> GetAsync(string shipmentId, CancellationToken cancellationToken);

    /// <summary>Writes the result if the stored version is still <paramref name="etag"/> (null: only if none exists). False on a conflict.</summary>
    Task<bool> TrySaveAsync(ShipmentResult result, string? etag, CancellationToken cancellationToken);

    /// <summary>Removes a shipment that was merged into another, if it is still at version <paramref name="etag"/>.</summary>
    Task<bool> TryDeleteAsync(string shipmentId, string etag, CancellationToken cancellationToken);

    Task<StoredPool?> GetPoolAsync(CancellationToken cancellationToken);

    /// <summary>Writes the pool under the same optimistic-concurrency contract as <see cref="TrySaveAsync"/>.</summary>
    Task<bool> TrySavePoolAsync(ShipmentPool pool, string? etag, CancellationToken cancellationToken);
}
