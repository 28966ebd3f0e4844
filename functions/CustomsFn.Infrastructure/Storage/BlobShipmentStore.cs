using System.Collections.Concurrent;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using CustomsFn.Core.Contract;
using CustomsFn.Core.Shipments;

namespace CustomsFn.Infrastructure.Storage;

/// <summary>
/// Shipment results at <c>results/shipments/{shipmentId}.json</c> and the grouping pool at
/// <c>results/shipments/_pool.json</c>, replaced with ETag optimistic concurrency: If-Match on the version read, or
/// If-None-Match: * to create. A 409 or 412 is a conflict, reported as false so the tracker re-reads and retries.
/// </summary>
public sealed class BlobShipmentStore(BlobContainerClient results) : IShipmentStore, IShipmentCatalog
{
    public const string PoolBlobName = ShipmentNames.Folder + "_pool.json";
    private const int MaxRemembered = 4096;
    private const string VerdictMetadata = "verdict";

    /// <summary>The versions this instance wrote, by blob name (used when <see cref="RememberOwnWrites"/>).</summary>
    private readonly ConcurrentDictionary<string, (string Json, string ETag)> _written = new(StringComparer.Ordinal);

    /// <summary>The shipment results this instance wrote, as objects (a large shipment's JSON is not parsed again on every update).</summary>
    private readonly ConcurrentDictionary<string, StoredShipment> _writtenShipments = new(StringComparer.Ordinal);

    /// <summary>
    /// For a single-instance host (the local host): reads of a blob this instance wrote last are answered from memory.
    /// The answer can only be stale if another writer exists; then the conditional write made from it fails (412), the
    /// entry is dropped and the tracker's retry reads storage. Off by default (the Functions app scales out).
    /// </summary>
    public bool RememberOwnWrites { get; init; }

    public async Task<StoredShipment?> GetAsync(string shipmentId, CancellationToken cancellationToken)
    {
        if (RememberOwnWrites && _writtenShipments.TryGetValue(ShipmentNames.ResultBlobName(shipmentId), out var own)) return own;
        var read = await ReadAsync(ShipmentNames.ResultBlobName(shipmentId), cancellationToken).ConfigureAwait(false);
        return read is { } r ? new StoredShipment(ResultSerializer.Deserialize<ShipmentResult>(r.Json), r.ETag) : null;
    }

    public async Task<bool> TrySaveAsync(ShipmentResult result, string? etag, CancellationToken cancellationToken)
    {
        var name = ShipmentNames.ResultBlobName(result.ShipmentId);
        _writtenShipments.TryRemove(name, out _);
        var written = await WriteAsync(name, ResultSerializer.SerializeToUtf8(result), etag,
            new Dictionary<string, string> { [VerdictMetadata] = ShipmentVerdicts.Text(result.Verdict), ["schema"] = "customsfn.shipment.v1" }, cancellationToken,
            rememberJson: false).ConfigureAwait(false);
        if (written is { } newTag && RememberOwnWrites)
        {
            if (_writtenShipments.Count >= MaxRemembered) _writtenShipments.Clear();
            _writtenShipments[name] = new StoredShipment(result, newTag);
        }
        return written is not null;
    }

    public async Task<bool> TryDeleteAsync(string shipmentId, string etag, CancellationToken cancellationToken)
    {
        _written.TryRemove(ShipmentNames.ResultBlobName(shipmentId), out _);
        _writtenShipments.TryRemove(ShipmentNames.ResultBlobName(shipmentId), out _);
        try
        {
            await results.GetBlobClient(ShipmentNames.ResultBlobName(shipmentId)).DeleteAsync(DeleteSnapshotsOption.IncludeSnapshots,
                new BlobRequestConditions { IfMatch = new ETag(etag) }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 409 or 412)
        {
            return false;
        }
    }

    public async Task<StoredPool?> GetPoolAsync(CancellationToken cancellationToken)
    {
        var read = await ReadAsync(PoolBlobName, cancellationToken).ConfigureAwait(false);
        return read is { } r ? new StoredPool(ResultSerializer.Deserialize<ShipmentPool>(r.Json), r.ETag) : null;
    }

    public async Task<bool> TrySavePoolAsync(ShipmentPool pool, string? etag, CancellationToken cancellationToken) =>
        await WriteAsync(PoolBlobName, ResultSerializer.SerializeToUtf8(pool, indented: false), etag, new Dictionary<string, string>(), cancellationToken).ConfigureAwait(false) is not null;

    /// <summary>Lists <c>shipments/*.json</c> (the pool excepted) with the verdict kept in each blob's metadata.</summary>
    public async IAsyncEnumerable<ShipmentEntry> ListAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var item in results.GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, ShipmentNames.Folder, cancellationToken).ConfigureAwait(false))
        {
            if (item.Name == PoolBlobName || !item.Name.EndsWith(".json", StringComparison.Ordinal)) continue;
            var id = item.Name[ShipmentNames.Folder.Length..^".json".Length];
            if (id.Contains('/', StringComparison.Ordinal)) continue;
            ShipmentVerdict? verdict = item.Metadata.TryGetValue(VerdictMetadata, out var v) && ShipmentVerdicts.Parse(v) is { } parsed ? parsed : null;
            yield return new ShipmentEntry(id, item.Properties.LastModified ?? DateTimeOffset.MinValue, verdict);
        }
    }

    private async Task<(string Json, string ETag)?> ReadAsync(string name, CancellationToken cancellationToken)
    {
        if (RememberOwnWrites && _written.TryGetValue(name, out var own)) return own;
        try
        {
            var download = await results.GetBlobClient(name).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return (download.Value.Content.ToString(), download.Value.Details.ETag.ToString());
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    /// <summary>The new ETag, or null on a conflict.</summary>
    private async Task<string?> WriteAsync(string name, byte[] body, string? etag, IDictionary<string, string> metadata, CancellationToken cancellationToken,
        bool rememberJson = true)
    {
        try
        {
            var written = await results.GetBlobClient(name).UploadAsync(BinaryData.FromBytes(body), new BlobUploadOptions
            {
                Conditions = etag is null ? new BlobRequestConditions { IfNoneMatch = ETag.All } : new BlobRequestConditions { IfMatch = new ETag(etag) },
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/json; charset=utf-8" },
                Metadata = metadata,
            }, cancellationToken).ConfigureAwait(false);
            if (RememberOwnWrites && rememberJson)
            {
                if (_written.Count >= MaxRemembered) _written.Clear();
                _written[name] = (System.Text.Encoding.UTF8.GetString(body), written.Value.ETag.ToString());
            }
            return written.Value.ETag.ToString();
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            _written.TryRemove(name, out _);
            return null;
        }
    }
}
