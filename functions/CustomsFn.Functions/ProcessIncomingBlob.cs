using Azure.Storage.Blobs;
using CustomsFn.Core.Contract;
using CustomsFn.Infrastructure.Storage;
using Microsoft.Azure.Functions.Worker;

namespace CustomsFn.Functions;

/// <summary>
/// Blob trigger on <c>incoming/{name}</c> with the Event Grid source (the only one Flex Consumption supports).
/// Thin adapter: the handler runs the pipeline, which stores the result, publishes the message and audits.
/// </summary>
public sealed class ProcessIncomingBlob(IncomingBlobHandler handler)
{
    public const string Path = StorageNames.IncomingContainer + "/{name}";

    [Function(nameof(ProcessIncomingBlob))]
    public Task RunAsync(
        [BlobTrigger(Path, Connection = StorageNames.ConnectionName, Source = BlobTriggerSource.EventGrid)] BlobClient blob,
        CancellationToken cancellationToken) =>
        handler.HandleAsync(blob, cancellationToken);
}
