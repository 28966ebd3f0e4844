using Azure;
using Azure.Storage.Blobs.Models;
using CustomsFn.Core.Pipeline;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CustomsFn.Infrastructure.Storage;

/// <summary>
/// Finds uploads in <c>incoming</c> that never got an outcome (a missed or lost trigger) and runs them through the pipeline,
/// then stored results that were never published (their writer failed before publishing and no redelivery will come: the
/// upload was deleted or replaced meanwhile) and publishes them. Cheap when there is nothing to do: listings of
/// <c>incoming</c>, the processed markers, the results and the published markers; no upload or result is read.
/// Safe alongside the trigger: processing is idempotent on the content hash, and a result being published elsewhere is
/// waited for (a result younger than the pipeline's publish grace is left to its writer).
/// Bounded by a checkpoint (<see cref="SweepCheckpoint"/>): after one complete sweep, later sweeps look only at uploads
/// modified and results stored since the checkpoint minus <see cref="ReconciliationOptions.Window"/>, checking each one's
/// marker, instead of loading every processed marker and listing every result ever stored. The checkpoint advances only
/// when a sweep left nothing behind (no failure, nothing beyond <see cref="ReconciliationOptions.MaxPerSweep"/>).
/// </summary>
public sealed partial class ReconciliationSweep(StorageClients storage, ProcessedMarkers markers, IncomingBlobHandler handler,
    IOptions<ReconciliationOptions> options, TimeProvider time, ILogger<ReconciliationSweep> logger)
{
    public async Task<SweepReport> RunAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        var results = storage.Blobs().GetBlobContainerClient(Core.Contract.StorageNames.ResultsContainer);
        var checkpoints = new SweepCheckpoint(results);
        var checkpoint = await checkpoints.GetAsync(cancellationToken).ConfigureAwait(false);
        var from = checkpoint - o.Window;
        // Without a checkpoint, every marker in one listing (the first sweep of a deployment); with one, a check per recent upload.
        var done = from is null ? await markers.ListAsync(cancellationToken).ConfigureAwait(false) : null;
        var incoming = storage.Blobs().GetBlobContainerClient(Core.Contract.StorageNames.IncomingContainer);
        var cutoff = time.GetUtcNow() - o.MinAge;
        var missing = new List<BlobItem>();
        var listed = 0;
        await foreach (var item in incoming.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix: null, cancellationToken).ConfigureAwait(false))
        {
            listed++;
            if (item.Properties.ETag is not { } etag) continue;
            if (item.Properties.LastModified is { } modified && (modified > cutoff || modified < from)) continue;
            var processed = done is not null
                ? done.Contains(ProcessedMarkers.Key(item.Name, etag))
                : await markers.ExistsAsync(item.Name, etag, cancellationToken).ConfigureAwait(false);
            if (!processed) missing.Add(item);
        }

        int handled = 0, duplicates = 0, failed = 0;
        await Parallel.ForEachAsync(missing.Take(o.MaxPerSweep),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, o.Parallelism), CancellationToken = cancellationToken },
            async (item, ct) =>
            {
                try
                {
                    var outcome = await handler.HandleAsync(incoming.GetBlobClient(item.Name), ct).ConfigureAwait(false);
                    if (outcome is null) return; // handled meanwhile by the trigger
                    if (outcome.Kind == OutcomeKind.Duplicate) Interlocked.Increment(ref duplicates);
                    else Interlocked.Increment(ref handled);
                }
                catch (RequestFailedException ex) when (IncomingBlobHandler.IsGone(ex))
                {
                    // Deleted or replaced since the listing: the replacement is listed by the next sweep.
                }
                catch (Exception ex) when (ex is RequestFailedException or AggregateException or HttpRequestException)
                {
                    Interlocked.Increment(ref failed);
                    LogFailed(logger, (ex as RequestFailedException)?.Status ?? 0);
                }
            }).ConfigureAwait(false);

        // Only now: an upload processed above has published its result, so it is not listed here.
        var unpublished = from is { } since
            ? await BlobResultStore.ListUnpublishedAsync(results, since, cutoff, cancellationToken).ConfigureAwait(false)
            : await BlobResultStore.ListUnpublishedAsync(results, cutoff, cancellationToken).ConfigureAwait(false);
        var republished = 0;
        await Parallel.ForEachAsync(unpublished.Take(o.MaxPerSweep),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, o.Parallelism), CancellationToken = cancellationToken },
            async (documentId, ct) =>
            {
                try
                {
                    if (await handler.CompletePublicationAsync(documentId, ct).ConfigureAwait(false) is not null) Interlocked.Increment(ref republished);
                }
                catch (Exception ex) when (ex is RequestFailedException or AggregateException or HttpRequestException)
                {
                    Interlocked.Increment(ref failed);
                    LogFailed(logger, (ex as RequestFailedException)?.Status ?? 0);
                }
            }).ConfigureAwait(false);

        var complete = failed == 0 && missing.Count <= o.MaxPerSweep && unpublished.Count <= o.MaxPerSweep;
        if (complete) await checkpoints.SetAsync(cutoff, cancellationToken).ConfigureAwait(false);
        var report = new SweepReport(listed, missing.Count, handled, duplicates, failed, republished) { Bounded = from is not null, Checkpointed = complete };
        if (missing.Count > 0 || unpublished.Count > 0)
            LogSwept(logger, report.Listed, report.Missing, report.Processed, report.Duplicates, unpublished.Count, report.Republished, report.Failed);
        return report;
    }

    [LoggerMessage(EventId = 700, Level = LogLevel.Warning, Message = "Reconciliation: {Listed} uploads listed, {Missing} without outcome, {Processed} processed, {Duplicates} duplicates; {Unpublished} results without messages, {Republished} published; {Failed} failed")]
    private static partial void LogSwept(ILogger logger, int listed, int missing, int processed, int duplicates, int unpublished, int republished, int failed);

    [LoggerMessage(EventId = 701, Level = LogLevel.Warning, Message = "Reconciliation could not process an upload or publish a result (storage status {Status}); the next sweep retries")]
    private static partial void LogFailed(ILogger logger, int status);
}
