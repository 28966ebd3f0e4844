namespace CustomsFn.Core.Shipments;

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
