using Azure.Storage.Blobs;
using CustomsFn.Core.Contract;
using CustomsFn.Core.Pipeline;

namespace CustomsFn.Infrastructure.Storage;

/// <summary>Runs the pipeline on one blob in <c>incoming</c>: the shared body of the blob trigger, the local host and the reconciliation sweep.</summary>
public sealed class IncomingBlobHandler(CustomsPipeline pipeline)
{
    public async Task<PipelineOutcome> HandleAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        var properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var stream = await blob.OpenReadAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await using var _ = stream.ConfigureAwait(false);
        var document = new DocumentRef($"{StorageNames.IncomingContainer}/{blob.Name}", properties.Value.ContentType,
            new Dictionary<string, string>(properties.Value.Metadata, StringComparer.OrdinalIgnoreCase));
        return await pipeline.ProcessAsync(stream, document, cancellationToken).ConfigureAwait(false);
    }
}
