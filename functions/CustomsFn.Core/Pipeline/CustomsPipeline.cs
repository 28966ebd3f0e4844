using CustomsFn.Core.Contract;
using CustomsFn.Core.Shipments;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CustomsFn.Core.Pipeline;

public enum OutcomeKind
{
    /// <summary>First processing of this content: result stored, messages published, audit written.</summary>
    Processed,
    /// <summary>The same content was processed before and its messages went out: nothing new was published.</summary>
    Duplicate,
    /// <summary>The result existed but its messages had not been confirmed (a crash between steps): they were published now.</summary>
    Republished,
}

public sealed record PipelineOutcome(CustomsResult Result, OutcomeKind Kind);

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

    public async Task<PipelineOutcome> ProcessAsync(Stream content, DocumentRef document, CancellationToken cancellationToken)
    {
        var outcome = await ProcessDocumentAsync(content, document, cancellationToken).ConfigureAwait(false);
        // After the document's own result is stored and published: its shipment (if any) is brought up to date. This
        // also runs for duplicates and redeliveries, so a shipment update lost to a crash is made on the retry.
        if (_shipments is not null) await _shipments.TrackAsync(outcome.Result, document, cancellationToken).ConfigureAwait(false);
        return outcome;
    }

    private async Task<PipelineOutcome> ProcessDocumentAsync(Stream content, DocumentRef document, CancellationToken cancellationToken)
    {
        var upload = await UploadContent.ReadAsync(content, _processor.Options.MaxUploadBytes, cancellationToken).ConfigureAwait(false);
        var existing = await _store.GetAsync(upload.DocumentId, cancellationToken).ConfigureAwait(false);
        if (existing is null)
        {
            var result = await _processor.ProcessAsync(upload, document, cancellationToken).ConfigureAwait(false);
            if (await _store.TryCreateAsync(result, cancellationToken).ConfigureAwait(false))
            {
                await PublishAsync(result, cancellationToken).ConfigureAwait(false);
                await _audit.AppendAsync(Audit(AuditKinds.Processed, result, document.Name), cancellationToken).ConfigureAwait(false);
                return new PipelineOutcome(result, OutcomeKind.Processed);
            }
            // Another instance stored it first: continue as for any existing result.
            existing = await _store.GetAsync(upload.DocumentId, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Result {upload.DocumentId} was reported as existing but cannot be read.");
        }

        if (!existing.Published)
        {
            LogRepublish(_logger, upload.DocumentId);
            await PublishAsync(existing.Result, cancellationToken).ConfigureAwait(false);
            await _audit.AppendAsync(Audit(AuditKinds.Processed, existing.Result, document.Name), cancellationToken).ConfigureAwait(false);
            return new PipelineOutcome(existing.Result, OutcomeKind.Republished);
        }

        LogDuplicate(_logger, upload.DocumentId);
        await _audit.AppendAsync(Audit(AuditKinds.Duplicate, existing.Result, document.Name) with
        {
            Reason = $"Same content as already processed '{existing.Result.Source.Name}'; no new result or message.",
        }, cancellationToken).ConfigureAwait(false);
        return new PipelineOutcome(existing.Result, OutcomeKind.Duplicate);
    }

    private async Task PublishAsync(CustomsResult result, CancellationToken cancellationToken)
    {
        var message = ResultMessage.For(result);
        await _publisher.PublishAsync(message, result.Status != ResultStatus.Accepted, cancellationToken).ConfigureAwait(false);
        await _store.MarkPublishedAsync(result.DocumentId, cancellationToken).ConfigureAwait(false);
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
        Status = result.Status,
        FindingCounts = FindingCounts.Of(result.Findings),
        RuleIds = result.Findings.Select(f => f.Rule).Distinct().Order(StringComparer.Ordinal).ToList(),
    };

    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "Duplicate content {DocumentId}: already processed and published")]
    private static partial void LogDuplicate(ILogger logger, string documentId);

    [LoggerMessage(EventId = 201, Level = LogLevel.Warning, Message = "Result {DocumentId} existed without confirmed messages; publishing them now")]
    private static partial void LogRepublish(ILogger logger, string documentId);
}
