using Azure.Storage.Blobs;
using CustomsFn.Core.Contract;
using CustomsFn.Infrastructure.Storage;
using Microsoft.Azure.Functions.Worker;

namespace CustomsFn.Functions;

/// <summary>
/// The same trigger with the polling (logs and container scan) source, for plans other than Flex Consumption.
/// Disabled by default: set <c>AzureWebJobs.ProcessIncomingBlobPolling.Disabled=false</c> and
/// <c>AzureWebJobs.ProcessIncomingBlob.Disabled=true</c> to switch. Both running at once is harmless (processing is idempotent).
/// </summary>
public sealed class ProcessIncomingBlobPolling(IncomingBlobHandler handler)
{
    [Function(nameof(ProcessIncomingBlobPolling))]
    public Task RunAsync(
        [BlobTrigger(ProcessIncomingBlob.Path, Connection = StorageNames.ConnectionName, Source = BlobTriggerSource.LogsAndContainerScan)] BlobClient blob,
        CancellationToken cancellationToken) =>
        handler.HandleAsync(blob, cancellationToken);
}
