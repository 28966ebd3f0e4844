using CustomsFn.Core.Contract;
using CustomsFn.Core.Foundation;

namespace CustomsFn.Core.Shipments;

/// <summary>Called by the pipeline after a document's result is stored: puts the document into its shipment and reconciles it.</summary>
public interface IShipmentTracker
{
    Task TrackAsync(CustomsResult result, DocumentRef document, CancellationToken cancellationToken);
}

/// <summary>A stored shipment result and its version tag (a blob ETag) for optimistic concurrency.</summary>
public sealed record StoredShipment(ShipmentResult Result, string ETag);

/// <summary>The documents without an explicit shipment, kept for reference and party grouping.</summary>
public sealed record ShipmentPool
{
    public IReadOnlyList<GroupingKeys> Documents { get; init; } = [];
}

public sealed record StoredPool(ShipmentPool Pool, string ETag);

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

/// <summary>Publishes <c>customsfn.shipment-message/v1</c> on <c>customs-results</c> when a shipment result changes.</summary>
public interface IShipmentPublisher
{
    Task PublishAsync(ShipmentMessage message, CancellationToken cancellationToken);
}

/// <summary>An in-process shipment store (CLI, tests, single-instance hosts) with the same ETag contract as blob storage.</summary>
public sealed class InMemoryShipmentStore : IShipmentStore
{
    private readonly Dictionary<string, (string Json, string ETag)> _results = new(StringComparer.Ordinal);
    private (string Json, string ETag)? _pool;
    private readonly Lock _lock = new();
    private long _version;

    public IReadOnlyList<ShipmentResult> All
    {
        get
        {
            lock (_lock) return _results.Values.Select(v => ResultSerializer.Deserialize<ShipmentResult>(v.Json)).OrderBy(r => r.ShipmentId, StringComparer.Ordinal).ToList();
        }
    }

    public Task<StoredShipment?> GetAsync(string shipmentId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_results.TryGetValue(shipmentId, out var v)
                ? new StoredShipment(ResultSerializer.Deserialize<ShipmentResult>(v.Json), v.ETag) : null);
        }
    }

    public Task<bool> TrySaveAsync(ShipmentResult result, string? etag, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var exists = _results.TryGetValue(result.ShipmentId, out var current);
            if (exists ? current.ETag != etag : etag is not null) return Task.FromResult(false);
            _results[result.ShipmentId] = (ResultSerializer.Serialize(result), NextETag());
            return Task.FromResult(true);
        }
    }

    public Task<bool> TryDeleteAsync(string shipmentId, string etag, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_results.TryGetValue(shipmentId, out var current) || current.ETag != etag) return Task.FromResult(false);
            _results.Remove(shipmentId);
            return Task.FromResult(true);
        }
    }

    public Task<StoredPool?> GetPoolAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_pool is { } p ? new StoredPool(ResultSerializer.Deserialize<ShipmentPool>(p.Json), p.ETag) : null);
        }
    }

    public Task<bool> TrySavePoolAsync(ShipmentPool pool, string? etag, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_pool is { } current ? current.ETag != etag : etag is not null) return Task.FromResult(false);
            _pool = (ResultSerializer.Serialize(pool), NextETag());
            return Task.FromResult(true);
        }
    }

    private string NextETag() => $"\"{++_version}\"";
}
