using CustomsFn.Core.Extraction;
using CustomsFn.Core.Extraction.Pdf;
using CustomsFn.Core.Rules;
using CustomsFn.Core.Sniffing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CustomsFn.Core.Pipeline;

/// <summary>
/// sniff -> extract -> validate -> decide for one upload. Pure: no storage, no queues; the same for every host.
/// Never throws for bad input: every upload gets a result, unreadable ones a rejected result with an INPUT-* finding.
/// </summary>
public sealed partial class DocumentProcessor : IDisposable
{
    private readonly IReadOnlyList<IDocumentExtractor> _extractors;
    private readonly RuleEngine _rules;
    private readonly PipelineOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly PdfWorkerPool? _pdfWorkers;

    public DocumentProcessor(IEnumerable<IDocumentExtractor> extractors, RuleEngine rules, PipelineOptions? options = null,
        TimeProvider? time = null, ILogger<DocumentProcessor>? logger = null)
    {
        _extractors = extractors.ToList();
        _rules = rules;
        _options = options ?? new PipelineOptions();
        _time = time ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        if (_options.Isolation.Pdf) _pdfWorkers = PdfWorkerPool.Create(_options.Isolation);
    }

    /// <summary>True when PDFs are read by the PDF worker process, not in this one (see <see cref="IsolationOptions"/>).</summary>
    public bool IsolatesPdf => _pdfWorkers is not null;

    /// <summary>The PDF worker processes, when <see cref="IsolatesPdf"/>.</summary>
    public PdfWorkerPool? PdfWorkers => _pdfWorkers;

    /// <summary>Stops the PDF worker processes and those of the extractors (the OCR workers).</summary>
    public void Dispose()
    {
        _pdfWorkers?.Dispose();
        foreach (var extractor in _extractors.OfType<IDisposable>()) extractor.Dispose();
    }

    /// <summary>The extractors, in the order they are tried.</summary>
    public IReadOnlyList<IDocumentExtractor> Extractors => _extractors;

    public PipelineOptions Options => _options;
    public RuleEngine Rules => _rules;

    public async Task<CustomsResult> ProcessAsync(Stream stream, DocumentRef document, CancellationToken cancellationToken)
    {
        var upload = await UploadContent.ReadAsync(stream, _options.MaxUploadBytes, document, cancellationToken).ConfigureAwait(false);
        return await ProcessAsync(upload, document, cancellationToken).ConfigureAwait(false);
    }

    public async Task<CustomsResult> ProcessAsync(UploadContent upload, DocumentRef document, CancellationToken cancellationToken)
    {
        using var activity = CustomsTelemetry.ActivitySource.StartActivity("customsfn.process_document");
        var started = _time.GetTimestamp();
        string format = DocumentFormat.Unknown;
        var mediaType = "application/octet-stream";
        CustomsResult result;
        try
        {
            if (upload.TooLarge)
                throw new DocumentRejectedException(InputCodes.TooLarge,
                    upload.SizeBytes > _options.MaxUploadBytes + 1
                        ? $"The upload is {upload.SizeBytes:N0} bytes; the limit is {_options.MaxUploadBytes:N0} bytes."
                        : $"The upload is larger than the limit of {_options.MaxUploadBytes:N0} bytes (reading stopped there).");

            var sniff = DocumentSniffer.Sniff(upload.Bytes, _options.Xml);
            format = sniff.Format;
            mediaType = sniff.MediaType;
            if (sniff.IsPdf) sniff = await GuardPdfAsync(upload.Bytes, sniff, cancellationToken).ConfigureAwait(false);
            ExtractionResult? extraction = null;
            foreach (var extractor in _extractors)
            {
                if (!extractor.CanExtract(sniff)) continue;
                extraction = await ExtractWithTimeoutAsync(extractor, upload.Bytes, sniff, cancellationToken).ConfigureAwait(false);
                if (extraction is not null) break;
            }
            if (extraction is null)
                throw new DocumentRejectedException(
                    sniff.XmlRoot is null ? InputCodes.UnsupportedFormat : InputCodes.UnsupportedDocument,
                    sniff.XmlRoot is null
                        ? $"No extractor reads {sniff.Format} documents in this installation."
                        : $"'{sniff.XmlRoot}' documents are not supported yet (format {sniff.Format}).");

            var doc = extraction.Document;
            format = doc.Format;
            var formatTag = new KeyValuePair<string, object?>(CustomsTelemetry.FormatTag, format);
            CustomsTelemetry.ExtractionDuration.Record(_time.GetElapsedTime(started).TotalSeconds, formatTag);
            var findings = new List<Finding>(extraction.Findings);
            var rulesStarted = _time.GetTimestamp();
            var outcome = _rules.Run(doc, DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime), document.DestinationOverride, upload.DocumentId);
            CustomsTelemetry.RulesDuration.Record(_time.GetElapsedTime(rulesStarted).TotalSeconds, formatTag);
            findings.AddRange(outcome.Findings);
            result = Build(upload, document, mediaType, doc, findings) with { Duties = outcome.Duties };
        }
        catch (DocumentRejectedException ex)
        {
            result = Rejected(upload, document, format, mediaType, ex.Code, ex.Message);
        }
        catch (Extraction.Ocr.OcrUnavailableException ex)
        {
            // A host without an OCR engine (e.g. a Functions image without tesseract): the scan still gets its result,
            // which says what is missing rather than blaming the document.
            result = Rejected(upload, document, format, mediaType, InputCodes.Unprocessable,
                $"This installation cannot read scans: {ex.Message} Alternatively configure the cloud engine (DocumentIntelligence__Engine=auto).");
        }
        catch (Exception ex) when (ex is TimeoutException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            result = Rejected(upload, document, format, mediaType, InputCodes.Timeout,
                $"Extraction did not finish within {_options.ExtractionTimeout.TotalSeconds:0.#} s.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException && ex is not OutOfMemoryException)
        {
            // A parser bug must not lose the upload: it gets a result that says what happened, without the content.
            LogExtractorFailure(_logger, upload.DocumentId, ex.GetType().Name);
            result = Rejected(upload, document, format, mediaType, InputCodes.Unprocessable,
                $"The document could not be processed ({ex.GetType().Name}); it has been kept for investigation.");
        }

        var counts = FindingCounts.Of(result.Findings);
        CustomsTelemetry.RecordProcessed(activity, result.DocumentId, result.Format, result.Status,
            result.Status == ResultStatus.Rejected ? result.Findings.FirstOrDefault(f => f.Severity == Severity.Error)?.Rule : null);
        LogProcessed(_logger, result.DocumentId, result.Format, result.Status, counts.Error, counts.Warning, counts.Info,
            _time.GetElapsedTime(started).TotalMilliseconds);
        return result;
    }

    /// <summary>
    /// Before any PDF parser: the raw-byte checks (decompression bombs, polyglots, font character maps that would make
    /// PdfPig spin), then one read of the PDF shared by the PDF extractors. With isolation on, the PDF worker process
    /// reads it here, before extraction, under its own deadline (<see cref="IsolationOptions.Timeout"/>; starting a worker
    /// and waiting for a free one do not count against the document): a PDF that would crash PdfPig or make it spin ends
    /// the worker, not the host. Without isolation the extractors read it in-process on first use.
    /// </summary>
    private async Task<SniffResult> GuardPdfAsync(ReadOnlyMemory<byte> bytes, SniffResult sniff, CancellationToken cancellationToken)
    {
        PdfGuard.Check(bytes.Span, _options.Pdf);
        var limits = PdfReadLimits.From(_options.Ocr);
        if (_pdfWorkers is null || !(_options.Isolation.AllPdfs || PdfGuard.NeedsIsolation(bytes.Span)))
            return sniff with { Pdf = new PdfReadoutSource(ct => Task.FromResult(PdfReadout.Read(bytes, limits, ct))) };
        var started = _time.GetTimestamp();
        var readout = await _pdfWorkers.ReadAsync(bytes, limits, _options.Isolation.Timeout, cancellationToken).ConfigureAwait(false);
        LogIsolated(_logger, "pdf", _time.GetElapsedTime(started).TotalMilliseconds);
        return sniff with { Pdf = new PdfReadoutSource(_ => Task.FromResult(readout)) };
    }

    private async Task<ExtractionResult?> ExtractWithTimeoutAsync(IDocumentExtractor extractor, ReadOnlyMemory<byte> bytes, SniffResult sniff, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(_options.ExtractionTimeout);
        // Run on the pool so that a parser that ignores cancellation still cannot hold the caller past the timeout.
        var task = Task.Run(() => extractor.ExtractAsync(bytes, sniff, cts.Token), cts.Token);
        return await task.WaitAsync(_options.ExtractionTimeout, _time, cancellationToken).ConfigureAwait(false);
    }

    private CustomsResult Build(UploadContent upload, DocumentRef document, string mediaType, ExtractedDocument doc, List<Finding> findings) => new()
    {
        DocumentId = upload.DocumentId,
        Source = new SourceInfo(document.Name, upload.SizeBytes, mediaType) { Shipment = Shipments.ShipmentGrouper.MetadataShipment(document) },
        Format = doc.Format,
        DocumentType = doc.DocumentType,
        Language = doc.Language,
        Extractor = doc.Extractor,
        Fields = doc.Fields,
        Lines = doc.Lines,
        Status = StatusDecider.Decide(findings),
        Findings = findings,
        Versions = new VersionInfo(_rules.Version, _rules.TariffVersions) { Screening = _rules.ScreeningEditions },
        ProcessedAt = Now(),
    };

    /// <summary>A rejected result for an upload that could not be read.</summary>
    public CustomsResult Rejected(UploadContent upload, DocumentRef document, string format, string mediaType, string code, string message) => new()
    {
        DocumentId = upload.DocumentId,
        Source = new SourceInfo(document.Name, upload.SizeBytes, mediaType) { Shipment = Shipments.ShipmentGrouper.MetadataShipment(document) },
        Format = format,
        DocumentType = DocumentType.Unknown,
        Status = ResultStatus.Rejected,
        Findings =
        [
            new Finding
            {
                Rule = code, Severity = Severity.Error, Path = "document", Message = message,
                Reference = InputCodes.Descriptions.GetValueOrDefault(code),
            },
        ],
        Versions = new VersionInfo(_rules.Version, _rules.TariffVersions),
        ProcessedAt = Now(),
    };

    private DateTimeOffset Now()
    {
        var now = _time.GetUtcNow();
        return new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Processed {DocumentId}: format {Format}, status {Status}, findings {Errors}/{Warnings}/{Infos} (error/warning/info), {ElapsedMs:0} ms")]
    private static partial void LogProcessed(ILogger logger, string documentId, string format, ResultStatus status, int errors, int warnings, int infos, double elapsedMs);

    [LoggerMessage(EventId = 102, Level = LogLevel.Debug, Message = "{Parser} read by the worker process in {ElapsedMs:0} ms")]
    private static partial void LogIsolated(ILogger logger, string parser, double elapsedMs);

    [LoggerMessage(EventId = 101, Level = LogLevel.Error, Message = "Extractor failed on {DocumentId} with {ExceptionType}")]
    private static partial void LogExtractorFailure(ILogger logger, string documentId, string exceptionType);
}
