using Azure;
using CustomsFn.Core.Contract;
using CustomsFn.Core.Pipeline;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace CustomsFn.Infrastructure.Storage;

/// <summary>
/// Handles messages on <c>webjobs-blobtrigger-poison</c>, where the blob trigger puts an upload after
/// <c>poisonBlobThreshold</c> failed attempts: the upload still gets a rejected result (INPUT-UNPROCESSABLE) and a message
/// on both queues. Idempotent: a second delivery, or an upload whose content already has a result, publishes nothing new.
/// </summary>
public sealed partial class PoisonBlobHandler(StorageClients storage, IncomingBlobHandler handler, ILogger<PoisonBlobHandler> logger)
{
    /// <summary>The queue the WebJobs blob trigger (and so the Functions host) uses for uploads it gave up on.</summary>
    public const string PoisonQueue = StorageNames.PoisonBlobQueue;

    /// <summary>Processes one poison message; returns the outcome, or null when the message names no upload in <c>incoming</c> that still exists.</summary>
    public async Task<PipelineOutcome?> HandleAsync(string message, CancellationToken cancellationToken)
    {
        var (container, name) = Parse(message);
        if (container is null || name is null)
        {
            LogUnreadable(logger);
            return null;
        }
        if (!string.Equals(container, StorageNames.IncomingContainer, StringComparison.Ordinal))
        {
            LogOtherContainer(logger, container);
            return null;
        }
        var blob = storage.Blobs().GetBlobContainerClient(container).GetBlobClient(name);
        try
        {
            var outcome = await handler.HandlePoisonAsync(blob, cancellationToken).ConfigureAwait(false);
            if (outcome is not null) LogPoison(logger, outcome.Result.DocumentId, outcome.Kind);
            return outcome;
        }
        catch (RequestFailedException ex) when (IncomingBlobHandler.IsGone(ex))
        {
            LogGone(logger);
            return null;
        }
    }

    /// <summary>Reads <c>ContainerName</c> and <c>BlobName</c> of the WebJobs blob trigger message (JSON).</summary>
    public static (string? Container, string? Name) Parse(string message)
    {
        try
        {
            var json = JObject.Parse(message);
            return ((string?)json.GetValue("ContainerName", StringComparison.OrdinalIgnoreCase),
                (string?)json.GetValue("BlobName", StringComparison.OrdinalIgnoreCase));
        }
        catch (Newtonsoft.Json.JsonException)
        {
            return (null, null);
        }
    }

    [LoggerMessage(EventId = 600, Level = LogLevel.Warning, Message = "Poison upload {DocumentId} handled: {Kind}")]
    private static partial void LogPoison(ILogger logger, string documentId, OutcomeKind kind);

    [LoggerMessage(EventId = 601, Level = LogLevel.Error, Message = "Poison message is not a blob trigger message; ignored")]
    private static partial void LogUnreadable(ILogger logger);

    [LoggerMessage(EventId = 602, Level = LogLevel.Information, Message = "Poison message for container {Container} is not ours; ignored")]
    private static partial void LogOtherContainer(ILogger logger, string container);

    [LoggerMessage(EventId = 603, Level = LogLevel.Warning, Message = "Poison upload no longer exists; nothing to process")]
    private static partial void LogGone(ILogger logger);
}
