using Azure;
using Azure.Storage.Blobs;

namespace CustomsFn.Infrastructure.Storage;

/// <summary>
/// Existence checks that let the pipeline skip work (a processed marker: the upload is done; a published marker: the
/// messages went out). A blob counts as present only when storage answers 200, absent only on 404; anything else throws,
/// so the invocation fails and is redelivered. <c>BlobClient.ExistsAsync</c> is not used for these: it classifies the
/// answer itself and takes any status it does not see flagged as an error for "exists" (a 503 that reached it
/// unclassified made a missing marker exist, and a result was never published).
/// </summary>
internal static class BlobExistence
{
    public static async Task<bool> ExistsAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        try
        {
            var properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return properties.GetRawResponse().Status == 200
                ? true
                : throw new RequestFailedException(properties.GetRawResponse());
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return false;
        }
    }
}
