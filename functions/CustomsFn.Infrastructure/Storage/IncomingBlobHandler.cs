using System.Collections.Concurrent;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using CustomsFn.Core.Contract;
using CustomsFn.Core.Foundation;
using CustomsFn.Core.Pipeline;

namespace CustomsFn.Infrastructure.Storage;

/// <summary>
/// Runs the pipeline on one blob in <c>incoming</c>: the shared body of the blob trigger, the local host's watcher, the
/// poison handler and the reconciliation sweep. An upload version (name + ETag) that already has its processed marker is
/// not processed again, and one already being handled in this process is awaited rather than started twice, so a
/// redelivered trigger writes no second audit record.
/// </summary>
public sealed class IncomingBlobHandler(CustomsPipeline pipeline, ProcessedMarkers markers)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<PipelineOutcome?>>> _inFlight = new(StringComparer.Ordinal);

    /// <summary>
    /// Attempt records that recognise an upload whose processing ended the process (<see cref="ProcessingAttempts"/>);
    /// null: not recorded (tests of other behaviour).
    /// </summary>
    public ProcessingAttempts? Attempts { get; init; }

    /// <summary>The rejection an upload gets when its processing ended the process repeatedly.</summary>
    public const string AbandonedReason =
        "Processing this document ended the processing host repeatedly (out of memory or a crash); it was not tried again and has been kept for investigation.";

    /// <summary>Processes the upload; null when this version of it was handled before (nothing was done).</summary>
    public Task<PipelineOutcome?> HandleAsync(BlobClient blob, CancellationToken cancellationToken) =>
        RunOnceAsync(blob, poison: false, cancellationToken);

    /// <summary>For an upload the blob trigger gave up on: a rejected INPUT-UNPROCESSABLE result unless the content already has one.</summary>
    public Task<PipelineOutcome?> HandlePoisonAsync(BlobClient blob, CancellationToken cancellationToken) =>
        RunOnceAsync(blob, poison: true, cancellationToken);

    private async Task<PipelineOutcome?> RunOnceAsync(BlobClient blob, bool poison, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blob);
        var properties = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
        var key = (poison ? "poison:" : "") + ProcessedMarkers.Key(blob.Name, properties.ETag);
        var run = _inFlight.GetOrAdd(key, _ => new Lazy<Task<PipelineOutcome?>>(() => RunAsync(blob, properties, poison, cancellationToken)));
        try
        {
            return await run.Value.ConfigureAwait(false);
        }
        finally
        {
            _inFlight.TryRemove(new KeyValuePair<string, Lazy<Task<PipelineOutcome?>>>(key, run));
        }
    }

    private async Task<PipelineOutcome?> RunAsync(BlobClient blob, BlobProperties properties, bool poison, CancellationToken cancellationToken)
    {
        var etag = properties.ETag;
        // A poison message means the trigger gave up, so the upload has no marker; checking anyway keeps a redelivered
        // poison message from auditing twice.
        if (await markers.ExistsAsync(blob.Name, etag, cancellationToken).ConfigureAwait(false)) return null;
        CustomsTelemetry.QueueLag.Record(Math.Max(0, (DateTimeOffset.UtcNow - properties.LastModified).TotalSeconds));
        string? reason = null;
        if (!poison && Attempts is { } attempts
            && await attempts.CountAbandonedAsync(blob.Name, etag, cancellationToken).ConfigureAwait(false) >= attempts.MaxAbandoned)
        {
            poison = true;
            reason = AbandonedReason;
        }
        var attempt = poison || Attempts is null ? null : await Attempts.BeginAsync(blob.Name, etag, cancellationToken).ConfigureAwait(false);
        PipelineOutcome outcome;
        try
        {
            // Read exactly the version whose properties were taken, so the marker names the bytes that were processed.
            var stream = await blob.OpenReadAsync(new BlobOpenReadOptions(allowModifications: false)
            {
                Conditions = new BlobRequestConditions { IfMatch = etag },
            }, cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                var document = new DocumentRef($"{StorageNames.IncomingContainer}/{blob.Name}", properties.ContentType,
                    new Dictionary<string, string>(properties.Metadata, StringComparer.OrdinalIgnoreCase)) { Version = etag.ToString() };
                outcome = poison
                    ? await pipeline.ProcessPoisonAsync(stream, document, cancellationToken, reason).ConfigureAwait(false)
                    : await pipeline.ProcessAsync(stream, document, cancellationToken).ConfigureAwait(false);
            }
            await markers.MarkAsync(blob.Name, etag, outcome.Result.DocumentId, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (attempt is not null)
        {
            await Attempts!.FailAsync(attempt).ConfigureAwait(false);
            throw;
        }
        return outcome;
    }

    /// <summary>Publishes a stored result whose messages never went out (see <see cref="CustomsPipeline.CompletePublicationAsync"/>).</summary>
    public Task<PipelineOutcome?> CompletePublicationAsync(string documentId, CancellationToken cancellationToken) =>
        pipeline.CompletePublicationAsync(documentId, cancellationToken);

    /// <summary>Completes when nothing this handler started is still running (a host restarting waits for it, so that two hosts never publish the same result).</summary>
    public async Task WhenIdleAsync()
    {
        while (!_inFlight.IsEmpty)
        {
            try
            {
                await Task.WhenAll(_inFlight.Values.Select(l => l.Value)).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Their callers see their failures; here only their end matters.
            }
            await Task.Yield();
        }
    }

    /// <summary>Whether the failure means the upload is gone (deleted or replaced while it waited): nothing left to process.</summary>
    public static bool IsGone(RequestFailedException ex) => ex?.Status is 404 or 412;
}
