using Azure;
using Azure.Storage.Blobs.Models;
using CustomsFn.Core.Contract;
using CustomsFn.Infrastructure.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CustomsFn.LocalHost;

/// <summary>
/// The local stand-in for Event Grid. In Azure, the blob trigger's Event Grid source fires within a second of an upload;
/// Azurite emits no events, and the WebJobs polling source scans a container only every 10 seconds (and can skip blobs
/// written in the same second). This watcher lists <c>incoming</c> every <see cref="LocalHostOptions.WatchInterval"/>
/// and hands each upload version it has not seen to the same handler as the blob trigger. Both paths are idempotent
/// (processed markers, in-process de-duplication, content-hash results), so the polling trigger and the reconciliation
/// timer remain as they are in Azure: the safety nets.
/// </summary>
internal sealed partial class IncomingWatcher(StorageClients storage, IncomingBlobHandler handler, LocalHostOptions options,
    ILogger<IncomingWatcher> logger) : BackgroundService
{
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var incoming = storage.Blobs().GetBlobContainerClient(StorageNames.IncomingContainer);
        using var gate = new SemaphoreSlim(options.MaxDegreeOfParallelism);
        var running = new List<Task>();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await foreach (var item in incoming.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix: null, stoppingToken).ConfigureAwait(false))
                {
                    if (item.Properties.ETag is not { } etag) continue;
                    lock (_seen)
                    {
                        if (!_seen.Add(ProcessedMarkers.Key(item.Name, etag))) continue;
                    }
                    await gate.WaitAsync(stoppingToken).ConfigureAwait(false);
                    running.Add(HandleAsync(item.Name, etag, gate, stoppingToken));
                }
                running.RemoveAll(t => t.IsCompleted);
            }
            catch (RequestFailedException ex)
            {
                LogListFailed(logger, ex.Status);
            }
            catch (Exception ex) when (LocalHostApp.IsStorageUnavailable(ex))
            {
                LogListFailed(logger, 0);
            }
            try
            {
                await Task.Delay(options.WatchInterval, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        await Task.WhenAll(running).ConfigureAwait(false);
    }

    private async Task HandleAsync(string name, ETag etag, SemaphoreSlim gate, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Yield();
            var blob = storage.Blobs().GetBlobContainerClient(StorageNames.IncomingContainer).GetBlobClient(name);
            await handler.HandleAsync(blob, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (IncomingBlobHandler.IsGone(ex))
        {
            // Deleted or replaced: a replacement has another ETag and is seen on a later listing.
        }
        catch (Exception ex) when (LocalHostApp.IsStorageUnavailable(ex))
        {
            // Storage unavailable: forget the version so the next listing tries again (the trigger and the sweep also will).
            lock (_seen) _seen.Remove(ProcessedMarkers.Key(name, etag));
            LogHandleFailed(logger, ex.GetType().Name);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Processing itself failed: the blob trigger retries it and, after poisonBlobThreshold attempts, the poison handler takes over.
            LogHandleFailed(logger, ex.GetType().Name);
        }
        finally
        {
            gate.Release();
        }
    }

    [LoggerMessage(EventId = 800, Level = LogLevel.Warning, Message = "Watcher could not list incoming (status {Status}); retrying")]
    private static partial void LogListFailed(ILogger logger, int status);

    [LoggerMessage(EventId = 801, Level = LogLevel.Warning, Message = "Watcher could not process an upload ({ExceptionType}); it is retried")]
    private static partial void LogHandleFailed(ILogger logger, string exceptionType);
}
