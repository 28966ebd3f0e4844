using CustomsFn.Core.Contract;
using CustomsFn.Infrastructure.Storage;
using Microsoft.Azure.Functions.Worker;

namespace CustomsFn.Functions;

/// <summary>
/// Queue trigger on <c>webjobs-blobtrigger-poison</c>: an upload whose processing failed <c>poisonBlobThreshold</c> times
/// (host.json) still gets a rejected result with INPUT-UNPROCESSABLE and a message on both queues. Idempotent.
/// </summary>
public sealed class ProcessPoisonBlob(PoisonBlobHandler handler)
{
    [Function(nameof(ProcessPoisonBlob))]
    public Task RunAsync(
        [QueueTrigger(PoisonBlobHandler.PoisonQueue, Connection = StorageNames.ConnectionName)] string message,
        CancellationToken cancellationToken) =>
        handler.HandleAsync(message, cancellationToken);
}
