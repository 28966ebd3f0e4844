using CustomsFn.Core.Shipments;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CustomsFn.Core.Pipeline;

/// <summary>
/// The whole flow for one upload: process, store write-once, publish, audit. Idempotent on the content hash:
/// a redelivered trigger or a re-upload of the same bytes publishes no second message.
/// </summary>
public sealed partial class CustomsPipeline
{
    private readonly DocumentProcessor _processor;
    private readonly IResultStore _store;
    private readonly IResultPublisher _publisher;
    private readonly IAuditLog _audit;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IShipmentTracker? _shipments;

    public CustomsPipeline(DocumentProcessor processor, IResultStore store, IResultPublisher publisher, IAuditLog audit,
        TimeProvider? time = null, ILogger<CustomsPipeline>? logger = null, IShipmentTracker? shipments = null)
    {
        _shipments = shipments;
        _processor = processor;
        _store = store;
        _publisher = publisher;
        _audit = audit;
        _time = time ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    public DocumentProcessor Processor => _processor;

    /// <summary>
    /// How long a result stored by another instance, not yet marked as published, is given to be published before this
    /// instance publishes it itself (the other instance is then assumed to have crashed between the two steps).
    /// </summary>
    public TimeSpan PublishGrace { get; init; } = TimeSpan.FromSeconds(30);

    public Task<PipelineOutcome> ProcessAsync(Stream content, DocumentRef document, CancellationToken cancellationToken) =>
        RunAsync(content, document, AuditKinds.Processed,
            (upload, ct) => _processor.ProcessAsync(upload, document, ct), cancellationToken);

    /// <summary>
    /// For an upload whose processing failed repeatedly (the blob trigger gave up on it): a rejected result with
    /// INPUT-UNPROCESSABLE (with <paramref name="reason"/> as its message when given), stored, published to both queues and
    /// audited as "poison". Idempotent like
    /// <see cref="ProcessAsync"/>: when the content already has a result, nothing new is published.
    /// </summary>
    public Task<PipelineOutcome> ProcessPoisonAsync(Stream content, DocumentRef document, CancellationToken cancellationToken, string? reason = null) =>
        RunAsync(content, document, AuditKinds.Poison,
            (upload, _) => Task.FromResult(_processor.Rejected(upload, document, Model.DocumentFormat.Unknown, "application/octet-stream",
                InputCodes.Unprocessable, reason ?? "Processing failed repeatedly; the document was set aside for investigation.")),
            cancellationToken);

    /// <summary>
    /// For the reconciliation sweep: publishes a stored result whose messages never went out. The instance that stored it
    /// failed before publishing, and when its upload was deleted or replaced since (or was marked processed in error), no
    /// redelivery will come to do it. Nothing happens (null) when the result is missing, already published, or stored less
    /// than <see cref="PublishGrace"/> ago (its writer may still be publishing it). Its shipment is brought up to date as
    /// for any delivery, from the upload's name and shipment kept in the result (<see cref="SourceInfo.Shipment"/>).
    /// </summary>
    public async Task<PipelineOutcome?> CompletePublicationAsync(string documentId, CancellationToken cancellationToken)
    {
        var existing = await _store.GetAsync(documentId, cancellationToken).ConfigureAwait(false);
        if (existing is null || existing.Published || !PastGrace(existing)) return null;
        existing = await ClaimAsync(existing, cancellationToken).ConfigureAwait(false);
        if (existing is null || existing.Published) return null; // another instance is publishing it, or has
        LogRepublish(_logger, documentId);
        await PublishAsync(existing.Result, cancellationToken).ConfigureAwait(false);
        await AuditSentAsync(Audit(AuditKinds.Processed, existing.Result, existing.Result.Source.Name)).ConfigureAwait(false);
        // Its shipment too: the result keeps the upload's name and the shipment its metadata named.
        if (_shipments is not null)
            await _shipments.TrackAsync(existing.Result, Shipments.ShipmentGrouper.UploadOf(existing.Result), cancellationToken).ConfigureAwait(false);
        return new PipelineOutcome(existing.Result, OutcomeKind.Republished);
    }

    private async Task<PipelineOutcome> RunAsync(Stream content, DocumentRef document, string auditKind,
        Func<UploadContent, CancellationToken, Task<CustomsResult>> produce, CancellationToken cancellationToken)
    {
        var outcome = await ProcessDocumentAsync(content, document, auditKind, produce, cancellationToken).ConfigureAwait(false);
        // After the document's own result is stored and published: its shipment (if any) is brought up to date. This
        // also runs for duplicates and redeliveries, so a shipment update lost to a crash is made on the retry.
        if (_shipments is not null) await _shipments.TrackAsync(outcome.Result, document, cancellationToken).ConfigureAwait(false);
        return outcome;
    }

    private async Task<PipelineOutcome> ProcessDocumentAsync(Stream content, DocumentRef document, string auditKind,
        Func<UploadContent, CancellationToken, Task<CustomsResult>> produce, CancellationToken cancellationToken)
    {
        var upload = await UploadContent.ReadAsync(content, _processor.Options.MaxUploadBytes, document, cancellationToken).ConfigureAwait(false);
        var existing = await _store.GetAsync(upload.DocumentId, cancellationToken).ConfigureAwait(false);
        if (existing is null)
        {
            var result = await produce(upload, cancellationToken).ConfigureAwait(false);
            if (await _store.TryCreateAsync(result, cancellationToken).ConfigureAwait(false))
            {
                await PublishAsync(result, cancellationToken).ConfigureAwait(false);
                await AuditSentAsync(Audit(auditKind, result, document.Name)).ConfigureAwait(false);
                return new PipelineOutcome(result, OutcomeKind.Processed);
            }
            // Another instance stored it first: continue as for any existing result.
            existing = await _store.GetAsync(upload.DocumentId, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Result {upload.DocumentId} was reported as existing but cannot be read.");
        }

        existing = await AwaitPublicationAsync(existing, cancellationToken).ConfigureAwait(false);
        if (!existing.Published)
        {
            LogRepublish(_logger, upload.DocumentId);
            await PublishAsync(existing.Result, cancellationToken).ConfigureAwait(false);
            await AuditSentAsync(Audit(auditKind, existing.Result, document.Name)).ConfigureAwait(false);
            return new PipelineOutcome(existing.Result, OutcomeKind.Republished);
        }

        if (string.Equals(existing.Result.Source.Name, document.Name, StringComparison.Ordinal))
        {
            // The same upload delivered again (at-least-once triggers, the watcher, the reconciliation sweep and the
            // poison handler can all meet on one blob): nothing new happened, so there is nothing to audit.
            LogRedelivery(_logger, upload.DocumentId);
            return new PipelineOutcome(existing.Result, OutcomeKind.Duplicate);
        }

        LogDuplicate(_logger, upload.DocumentId);
        await _audit.AppendAsync(Audit(AuditKinds.Duplicate, existing.Result, document.Name) with
        {
            Reason = $"Same content as already processed '{existing.Result.Source.Name}'; no new result or message.",
        }, cancellationToken).ConfigureAwait(false);
        return new PipelineOutcome(existing.Result, OutcomeKind.Duplicate);
    }

    /// <summary>
    /// A result stored moments ago without its published marker is most likely being published by a concurrent
    /// instance (the trigger and the reconciliation sweep can meet): wait for the marker instead of sending a second message.
    /// Past the grace period the writer is taken to have failed, and one waiting instance, the one that claims the
    /// publication, gets the result back unpublished to publish it; the others keep waiting for its marker.
    /// </summary>
    private async Task<StoredResult> AwaitPublicationAsync(StoredResult existing, CancellationToken cancellationToken)
    {
        while (!existing.Published)
        {
            if (PastGrace(existing) && await ClaimAsync(existing, cancellationToken).ConfigureAwait(false) is { } claimed) return claimed;
            await Task.Delay(TimeSpan.FromMilliseconds(250), _time, cancellationToken).ConfigureAwait(false);
            existing = await _store.GetAsync(existing.Result.DocumentId, cancellationToken).ConfigureAwait(false) ?? existing;
        }
        return existing;
    }

    private bool PastGrace(StoredResult stored) => stored.StoredAt is not { } storedAt || _time.GetUtcNow() - storedAt >= PublishGrace;

    /// <summary>The result as it is once the claim is held (read again: the previous holder may have published meanwhile), or null when another instance holds the claim.</summary>
    private async Task<StoredResult?> ClaimAsync(StoredResult stored, CancellationToken cancellationToken)
    {
        if (!await _store.TryClaimPublicationAsync(stored.Result.DocumentId, cancellationToken).ConfigureAwait(false)) return null;
        return await _store.GetAsync(stored.Result.DocumentId, cancellationToken).ConfigureAwait(false) ?? stored;
    }

    private async Task PublishAsync(CustomsResult result, CancellationToken cancellationToken)
    {
        var message = ResultMessage.For(result);
        await _publisher.PublishAsync(message, result.Status != ResultStatus.Accepted, cancellationToken).ConfigureAwait(false);
        // The messages are out: failing now would make a retry send them again. So the marker is retried until storage
        // takes it (an outage of storage right after the send is the common case).
        await AfterSendAsync(result.DocumentId, "published marker", () => _store.MarkPublishedAsync(result.DocumentId, CancellationToken.None)).ConfigureAwait(false);
    }

    /// <summary>
    /// The audit record of a result whose messages went out. A redelivery finds the result published and records
    /// nothing, so this is the record's only chance: it is retried like the published marker, and appending it twice
    /// (a try whose answer was lost) stores it once (<see cref="AuditRecord.Id"/>).
    /// </summary>
    private Task AuditSentAsync(AuditRecord record) =>
        AfterSendAsync(record.DocumentId, "audit record", () => _audit.AppendAsync(record, CancellationToken.None));

    /// <summary>
    /// A write that must follow a send: retried for up to four grace periods, even when the host is stopping (not
    /// cancellable: a host that stops now must still record what it already sent). Short pauses first: while the
    /// published marker is missing, a concurrent delivery past the grace period would send again.
    /// </summary>
    private async Task AfterSendAsync(string documentId, string what, Func<Task> write)
    {
        var giveUp = _time.GetUtcNow() + (PublishGrace * 4);
        var pause = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            try
            {
                await write().ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException && _time.GetUtcNow() < giveUp)
            {
                LogAfterSendRetry(_logger, documentId, what, ex.GetType().Name);
                await Task.Delay(pause, _time, CancellationToken.None).ConfigureAwait(false);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.TicksPerSecond));
            }
        }
    }

    private AuditRecord Audit(string kind, CustomsResult result, string sourceName) => new()
    {
        Kind = kind,
        DocumentId = result.DocumentId,
        SourceName = sourceName,
        At = _time.GetUtcNow(),
        Format = result.Format,
        Extractor = result.Extractor is { } e ? $"{e.Name}/{e.Version}" : null,
        Ruleset = result.Versions.Ruleset,
        Tariffs = result.Versions.Tariffs,
        Screening = result.Versions.Screening ?? [],
        Status = result.Status,
        FindingCounts = FindingCounts.Of(result.Findings),
        RuleIds = result.Findings.Select(f => f.Rule).Distinct().Order(StringComparer.Ordinal).ToList(),
        SellerKey = AuditKeys.SellerKey(result.Fields.GetText(Model.FieldNames.SellerName)),
        HsCodes = AuditKeys.HsCodes(result),
    };

    [LoggerMessage(EventId = 203, Level = LogLevel.Debug, Message = "Upload of {DocumentId} delivered again; already processed and published")]
    private static partial void LogRedelivery(ILogger logger, string documentId);

    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "Duplicate content {DocumentId}: already processed and published")]
    private static partial void LogDuplicate(ILogger logger, string documentId);

    [LoggerMessage(EventId = 202, Level = LogLevel.Warning, Message = "Messages for {DocumentId} were sent but the {What} could not be written ({ExceptionType}); retrying")]
    private static partial void LogAfterSendRetry(ILogger logger, string documentId, string what, string exceptionType);

    [LoggerMessage(EventId = 201, Level = LogLevel.Warning, Message = "Result {DocumentId} existed without confirmed messages; publishing them now")]
    private static partial void LogRepublish(ILogger logger, string documentId);
}
