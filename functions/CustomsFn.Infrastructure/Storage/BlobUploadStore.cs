using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using CustomsFn.Core.Foundation;

namespace CustomsFn.Infrastructure.Storage;

/// <summary>The <c>incoming</c> container as the compliance API's <see cref="IUploadStore"/>.</summary>
public sealed class BlobUploadStore(BlobContainerClient incoming) : IUploadStore
{
    public async Task<bool> TryCreateAsync(string name, ReadOnlyMemory<byte> content, string mediaType, IReadOnlyDictionary<string, string> metadata,
        CancellationToken cancellationToken)
    {
        try
        {
            await incoming.GetBlobClient(name).UploadAsync(BinaryData.FromBytes(content), new BlobUploadOptions
            {
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                HttpHeaders = new BlobHttpHeaders { ContentType = mediaType },
                Metadata = metadata.ToDictionary(),
            }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    public async Task<UploadSource> OpenVerifiedAsync(string name, string documentId, long sizeBytes, CancellationToken cancellationToken)
    {
        var blob = incoming.GetBlobClient(name);
        try
        {
            var properties = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
            if (properties.ContentLength != sizeBytes) return new UploadSource(UploadSourceState.Replaced);
            // Both reads are conditional on the ETag read first: a replacement between the check and the stream fails (412).
            var options = new BlobDownloadOptions { Conditions = new BlobRequestConditions { IfMatch = properties.ETag } };
            var check = await blob.DownloadStreamingAsync(options, cancellationToken).ConfigureAwait(false);
            string id;
            await using (check.Value.Content.ConfigureAwait(false))
            {
                id = await DocumentHash.Sha256HexAsync(check.Value.Content, cancellationToken).ConfigureAwait(false);
            }
            if (id != documentId) return new UploadSource(UploadSourceState.Replaced);
            var download = await blob.DownloadStreamingAsync(options, cancellationToken).ConfigureAwait(false);
            return new UploadSource(UploadSourceState.Found, download.Value.Content);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return new UploadSource(UploadSourceState.Gone);
        }
    }
}
