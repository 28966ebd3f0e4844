using Azure;
using Azure.Storage.Blobs;
using CustomsFn.Core.Contract;
using CustomsFn.Core.Pipeline;

namespace CustomsFn.Infrastructure.Storage;

/// <summary>Runs the pipeline on one blob in <c>incoming</c>: the shared body of the blob trigger, the local host, the poison handler and the reconciliation sweep.</summary>
public sealed class IncomingBlobHandler(CustomsPipeline pipeline, ProcessedMarkers markers)
{
    public Task<PipelineOutcome> HandleAsync(BlobClient blob, CancellationToken cancellationToken) =>
        RunAsync(blob, poison: false, cancellationToken);

    /// <summary>For an upload the blob trigger gave up on: a rejected INPUT-UNPROCESSABLE result unless the content already has one.</summary>
    public Task<PipelineOutcome> HandlePoisonAsync(BlobClient blob, CancellationToken cancellationToken) =>
        RunAsync(blob, poison: true, cancellationToken);

    private async Task<PipelineOutcome> RunAsync(BlobClient blob, bool poison, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blob);
        var properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var etag = properties.Value.ETag;
        PipelineOutcome outcome;
        // Read exactly the version whose properties were taken, so the marker names the bytes that were processed.
        var stream = await blob.OpenReadAsync(new Azure.Storage.Blobs.Models.BlobOpenReadOptions(allowModifications: false)
        {
            Conditions = new Azure.Storage.Blobs.Models.BlobRequestConditions { IfMatch = etag },
        }, cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var document = new DocumentRef($"{StorageNames.IncomingContainer}/{blob.Name}", properties.Value.ContentType,
                new Dictionary<string, string>(properties.Value.Metadata, StringComparer.OrdinalIgnoreCase));
            outcome = poison
                ? await pipeline.ProcessPoisonAsync(stream, document, cancellationToken).ConfigureAwait(false)
                : await pipeline.ProcessAsync(stream, document, cancellationToken).ConfigureAwait(false);
        }
        await markers.MarkAsync(blob.Name, etag, outcome.Result.DocumentId, cancellationToken).ConfigureAwait(false);
        return outcome;
    }

    /// <summary>Whether the failure means the upload is gone (deleted or replaced while it waited): nothing left to process.</summary>
    public static bool IsGone(RequestFailedException ex) => ex?.Status is 404 or 412;
}
