using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace CustomsFn.Infrastructure.Storage;

/// <summary>
/// Create-only marker blobs <c>results/_processed/{sha256(blob name)}/{etag}</c>, written after an upload in
/// <c>incoming</c> got its outcome (processed, duplicate or poison). They make the reconciliation sweep cheap: one listing
/// of <c>incoming</c> and one of the markers tell which uploads never went through, without reading any upload.
/// Keyed by name and ETag, so an upload overwritten with new bytes counts as new. Markers live in <c>results</c>, not
/// on the upload itself: changing an upload's metadata would change its ETag and fire the blob trigger again.
/// </summary>
public sealed class ProcessedMarkers(BlobContainerClient results)
{
    public const string Prefix = "_processed/";

    public static string Key(string blobName, ETag etag)
    {
        var nameHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(blobName)));
        var tag = new string(etag.ToString().Where(char.IsAsciiLetterOrDigit).ToArray());
        return nameHash + "/" + tag;
    }

    public async Task MarkAsync(string blobName, ETag etag, string documentId, CancellationToken cancellationToken)
    {
        try
        {
            await results.GetBlobClient(Prefix + Key(blobName, etag)).UploadAsync(BinaryData.FromString(documentId),
                new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 409 || ex.ErrorCode == BlobErrorCode.BlobAlreadyExists)
        {
            // Marked by an earlier delivery.
        }
    }

    /// <summary>Whether the upload version has its marker; true only on a 200 from storage (<see cref="BlobExistence"/>).</summary>
    public Task<bool> ExistsAsync(string blobName, ETag etag, CancellationToken cancellationToken) =>
        BlobExistence.ExistsAsync(results.GetBlobClient(Prefix + Key(blobName, etag)), cancellationToken);

    /// <summary>Every marker key, in one paged listing.</summary>
    public async Task<HashSet<string>> ListAsync(CancellationToken cancellationToken)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var item in results.GetBlobsAsync(BlobTraits.None, BlobStates.None, Prefix, cancellationToken).ConfigureAwait(false))
            keys.Add(item.Name[Prefix.Length..]);
        return keys;
    }
}
