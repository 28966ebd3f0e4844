using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using CustomsFn.Core.Contract;
using CustomsFn.Core.Pipeline;

namespace CustomsFn.Infrastructure.Storage;

/// <summary>
/// <c>results/{documentId}.json</c>, written once with a conditional create (If-None-Match: *), so concurrent
/// instances cannot overwrite each other. Publication is recorded as a create-only marker blob
/// (<c>results/_published/{documentId}</c>), which works under a WORM immutability policy where metadata updates do not.
/// </summary>
public sealed class BlobResultStore(BlobContainerClient results) : IResultStore
{
    public const string PublishedPrefix = "_published/";

    public async Task<StoredResult?> GetAsync(string documentId, CancellationToken cancellationToken)
    {
        try
        {
            var download = await results.GetBlobClient(StorageNames.ResultBlobName(documentId)).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            var result = ResultSerializer.Deserialize<CustomsResult>(download.Value.Content.ToString());
            var published = await results.GetBlobClient(PublishedPrefix + documentId).ExistsAsync(cancellationToken).ConfigureAwait(false);
            return new StoredResult(result, published.Value) { StoredAt = download.Value.Details.LastModified };
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    public async Task<bool> TryCreateAsync(CustomsResult result, CancellationToken cancellationToken)
    {
        var blob = results.GetBlobClient(StorageNames.ResultBlobName(result.DocumentId));
        try
        {
            await blob.UploadAsync(BinaryData.FromBytes(ResultSerializer.SerializeToUtf8(result)), new BlobUploadOptions
            {
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/json; charset=utf-8" },
                Metadata = new Dictionary<string, string> { ["status"] = StatusText(result.Status), ["schema"] = "customsfn.result.v1" },
            }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409 || ex.ErrorCode == BlobErrorCode.BlobAlreadyExists)
        {
            return false;
        }
    }

    public async Task MarkPublishedAsync(string documentId, CancellationToken cancellationToken)
    {
        try
        {
            await results.GetBlobClient(PublishedPrefix + documentId).UploadAsync(BinaryData.FromString(string.Empty),
                new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 409 || ex.ErrorCode == BlobErrorCode.BlobAlreadyExists)
        {
            // Already marked by an earlier delivery: nothing to do.
        }
    }

    internal static string StatusText(ResultStatus status) => status switch
    {
        ResultStatus.Accepted => "accepted",
        ResultStatus.NeedsReview => "needs-review",
        _ => "rejected",
    };
}
