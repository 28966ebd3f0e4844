using Azure.Storage.Blobs;
using CustomsFn.Core.Contract;
using CustomsFn.Infrastructure.Storage;
using Microsoft.Azure.WebJobs;

namespace CustomsFn.LocalHost;

/// <summary>
/// The Functions app's triggers on the WebJobs SDK: the same handlers, the polling blob source (Azurite emits no Event
/// Grid events), the poison queue and the reconciliation timer.
/// </summary>
public sealed class LocalFunctions(IncomingBlobHandler incoming, PoisonBlobHandler poison, ReconciliationSweep sweep)
{
    public const string ReconcileScheduleSetting = "LocalHostReconcileSchedule";

    [FunctionName("ProcessIncomingBlob")]
    public Task ProcessIncomingBlobAsync(
        [BlobTrigger(StorageNames.IncomingContainer + "/{name}", Connection = StorageNames.ConnectionName)] BlobClient blob,
        CancellationToken cancellationToken) =>
        incoming.HandleAsync(blob, cancellationToken);

    [FunctionName("ProcessPoisonBlob")]
    public Task ProcessPoisonBlobAsync(
        [QueueTrigger(PoisonBlobHandler.PoisonQueue, Connection = StorageNames.ConnectionName)] string message,
        CancellationToken cancellationToken) =>
        poison.HandleAsync(message, cancellationToken);

    [FunctionName("ReconcileIncoming")]
    public Task ReconcileIncomingAsync(
        [TimerTrigger("%" + ReconcileScheduleSetting + "%", UseMonitor = false)] TimerInfo timer,
        CancellationToken cancellationToken) =>
        sweep.RunAsync(cancellationToken);
}
