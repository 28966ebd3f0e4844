using System.Globalization;
using Azure;
using Azure.Storage.Blobs;

namespace CustomsFn.Infrastructure.Storage;

/// <summary>
/// Up to when the reconciliation sweep has looked at everything: <c>results/_reconciliation/checkpoint</c>, holding an
/// ISO 8601 time. Absent (a new deployment, or one from before checkpoints) means "never": the next sweep looks at
/// everything once. Overwritten by each complete sweep (under the results container's version-level immutability each
/// write is a new small version).
/// </summary>
public sealed class SweepCheckpoint(BlobContainerClient results)
{
    public const string BlobName = "_reconciliation/checkpoint";

    public async Task<DateTimeOffset?> GetAsync(CancellationToken cancellationToken)
    {
        try
        {
            var content = await results.GetBlobClient(BlobName).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return DateTimeOffset.TryParse(content.Value.Content.ToString(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)
                ? at
                : null; // unreadable: look at everything once, then write a good one
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    public Task SetAsync(DateTimeOffset at, CancellationToken cancellationToken) =>
        results.GetBlobClient(BlobName).UploadAsync(BinaryData.FromString(at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture)), overwrite: true, cancellationToken);
}
