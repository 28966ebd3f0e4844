using System.Collections.Concurrent;
using System.Diagnostics;
using CustomsFn.Core.Contract;
using CustomsFn.Core.Foundation;
using CustomsFn.Core.Shipments;
using Microsoft.Extensions.DependencyInjection;

namespace CustomsFn.Bench.LocalHost;

/// <summary>
/// Where an upload's time goes in the local host: the pipeline's ports (result store, publisher, audit log, shipment
/// tracker) wrapped with stopwatches. The benchmark's profile (no profiler is available offline); wall-clock time per
/// call, summed over all calls.
/// </summary>
public sealed class StageTimers
{
    private readonly ConcurrentDictionary<string, (long Calls, long Ticks)> _stages = new(StringComparer.Ordinal);

    /// <summary>Milliseconds per call of each stage, and the calls.</summary>
    public IReadOnlyDictionary<string, (long Calls, double MeanMs)> Snapshot() =>
        _stages.ToDictionary(kv => kv.Key, kv => (kv.Value.Calls, kv.Value.Calls == 0 ? 0 : Stopwatch.GetElapsedTime(0, kv.Value.Ticks).TotalMilliseconds / kv.Value.Calls), StringComparer.Ordinal);

    public void Reset() => _stages.Clear();

    private async Task<T> TimeAsync<T>(string stage, Func<Task<T>> call)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await call().ConfigureAwait(false);
        }
        finally
        {
            var ticks = Stopwatch.GetTimestamp() - started;
            _stages.AddOrUpdate(stage, (1, ticks), (_, v) => (v.Calls + 1, v.Ticks + ticks));
        }
    }

    private Task TimeAsync(string stage, Func<Task> call) => TimeAsync(stage, async () => { await call().ConfigureAwait(false); return true; });

    /// <summary>Wraps the registered ports of the container with timers.</summary>
    public void Install(IServiceCollection services)
    {
        Decorate<IResultStore>(services, inner => new Store(inner, this));
        Decorate<IResultPublisher>(services, inner => new Publisher(inner, this));
        Decorate<IAuditLog>(services, inner => new Audit(inner, this));
        Decorate<IShipmentTracker>(services, inner => new Shipments(inner, this));
        Decorate<IShipmentStore>(services, inner => new ShipmentStore(inner, this));
        Decorate<IShipmentPublisher>(services, inner => new ShipmentPublisher(inner, this));
    }

    private static void Decorate<T>(IServiceCollection services, Func<T, T> wrap) where T : class
    {
        var original = services.LastOrDefault(d => d.ServiceType == typeof(T));
        if (original?.ImplementationFactory is not { } factory) return;
        services.Add(ServiceDescriptor.Singleton(sp => wrap((T)factory(sp))));
    }

    private sealed class Store(IResultStore inner, StageTimers t) : IResultStore
    {
        public Task<StoredResult?> GetAsync(string documentId, CancellationToken cancellationToken) =>
            t.TimeAsync("result store: get", () => inner.GetAsync(documentId, cancellationToken));
        public Task<bool> TryCreateAsync(CustomsResult result, CancellationToken cancellationToken) =>
            t.TimeAsync("result store: create", () => inner.TryCreateAsync(result, cancellationToken));
        public Task MarkPublishedAsync(string documentId, CancellationToken cancellationToken) =>
            t.TimeAsync("result store: mark published", () => inner.MarkPublishedAsync(documentId, cancellationToken));
        public Task<bool> TryClaimPublicationAsync(string documentId, CancellationToken cancellationToken) =>
            t.TimeAsync("result store: claim publication", () => inner.TryClaimPublicationAsync(documentId, cancellationToken));
    }

    private sealed class Publisher(IResultPublisher inner, StageTimers t) : IResultPublisher
    {
        public Task PublishAsync(ResultMessage message, bool toReviewQueue, CancellationToken cancellationToken) =>
            t.TimeAsync("queues: publish", () => inner.PublishAsync(message, toReviewQueue, cancellationToken));
    }

    private sealed class Audit(IAuditLog inner, StageTimers t) : IAuditLog
    {
        public Task AppendAsync(AuditRecord record, CancellationToken cancellationToken) =>
            t.TimeAsync("audit: append", () => inner.AppendAsync(record, cancellationToken));
    }

    private sealed class Shipments(IShipmentTracker inner, StageTimers t) : IShipmentTracker
    {
        public Task TrackAsync(CustomsResult result, DocumentRef document, CancellationToken cancellationToken) =>
            t.TimeAsync("shipments: track", () => inner.TrackAsync(result, document, cancellationToken));
    }

    private sealed class ShipmentStore(IShipmentStore inner, StageTimers t) : IShipmentStore
    {
        public Task<StoredShipment?> GetAsync(string shipmentId, CancellationToken cancellationToken) =>
            t.TimeAsync("shipment store: get", () => inner.GetAsync(shipmentId, cancellationToken));
        public Task<bool> TrySaveAsync(ShipmentResult result, string? etag, CancellationToken cancellationToken) =>
            t.TimeAsync("shipment store: save", () => inner.TrySaveAsync(result, etag, cancellationToken));
        public Task<bool> TryDeleteAsync(string shipmentId, string etag, CancellationToken cancellationToken) =>
            t.TimeAsync("shipment store: delete", () => inner.TryDeleteAsync(shipmentId, etag, cancellationToken));
        public Task<StoredPool?> GetPoolAsync(CancellationToken cancellationToken) =>
            t.TimeAsync("shipment store: get pool", () => inner.GetPoolAsync(cancellationToken));
        public Task<bool> TrySavePoolAsync(ShipmentPool pool, string? etag, CancellationToken cancellationToken) =>
            t.TimeAsync("shipment store: save pool", () => inner.TrySavePoolAsync(pool, etag, cancellationToken));
    }

    private sealed class ShipmentPublisher(IShipmentPublisher inner, StageTimers t) : IShipmentPublisher
    {
        public Task PublishAsync(ShipmentMessage message, CancellationToken cancellationToken) =>
            t.TimeAsync("shipment messages: publish", () => inner.PublishAsync(message, cancellationToken));
    }
}
