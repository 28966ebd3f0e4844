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
public sealed class BlobShipmentStore(BlobContainerClient results) : IShipmentStore
{
    public const string PoolBlobName = ShipmentNames.Folder + "_pool.json";

    public async Task<StoredShipment?> GetAsync(string shipmentId, CancellationToken cancellationToken)
    {
        var read = await ReadAsync(ShipmentNames.ResultBlobName(shipmentId), cancellationToken).ConfigureAwait(false);
        return read is { } r ? new StoredShipment(ResultSerializer.Deserialize<ShipmentResult>(r.Json), r.ETag) : null;
    }

    public Task<bool> TrySaveAsync(ShipmentResult result, string? etag, CancellationToken cancellationToken) =>
        WriteAsync(ShipmentNames.ResultBlobName(result.ShipmentId), ResultSerializer.SerializeToUtf8(result), etag,
            new Dictionary<string, string> { ["verdict"] = ResultSerializer.Serialize(result.Verdict).Trim('"'), ["schema"] = "customsfn.shipment.v1" }, cancellationToken);

    public async Task<bool> TryDeleteAsync(string shipmentId, string etag, CancellationToken cancellationToken)
    {
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

    public Task<bool> TrySavePoolAsync(ShipmentPool pool, string? etag, CancellationToken cancellationToken) =>
        WriteAsync(PoolBlobName, ResultSerializer.SerializeToUtf8(pool, indented: false), etag, new Dictionary<string, string>(), cancellationToken);

    private async Task<(string Json, string ETag)?> ReadAsync(string name, CancellationToken cancellationToken)
    {
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

    private async Task<bool> WriteAsync(string name, byte[] body, string? etag, IDictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        try
        {
            await results.GetBlobClient(name).UploadAsync(BinaryData.FromBytes(body), new BlobUploadOptions
            {
                Conditions = etag is null ? new BlobRequestConditions { IfNoneMatch = ETag.All } : new BlobRequestConditions { IfMatch = new ETag(etag) },
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/json; charset=utf-8" },
                Metadata = metadata,
            }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return false;
        }
    }
}
