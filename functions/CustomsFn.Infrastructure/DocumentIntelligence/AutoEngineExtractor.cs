using CustomsFn.Core.Contract;
using CustomsFn.Core.Extraction;
using CustomsFn.Core.Foundation;
using CustomsFn.Core.Sniffing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CustomsFn.Infrastructure.DocumentIntelligence;

/// <summary>
/// The <c>auto</c> engine: wraps the local extractor chain (whatever extractors it holds) and sends scans (images, PDFs
/// without a text layer) to Document Intelligence first. Structured and text-layer documents go to the local chain.
/// When the service fails (outage, throttling beyond retries, timeout, malformed answer) the local chain reads the
/// document instead and the result carries the warning <see cref="FallbackRule"/> saying so.
/// </summary>
public sealed partial class AutoEngineExtractor : IDocumentExtractor, IDisposable
{
    /// <summary>Finding rule id: Document Intelligence failed, the local engine was used.</summary>
    public const string FallbackRule = "ENGINE-001";

    private readonly IReadOnlyList<IDocumentExtractor> _local;
    private readonly DocumentIntelligenceExtractor? _cloud;
    private readonly IScanDetector _scans;
    private readonly ILogger _logger;

    public AutoEngineExtractor(IEnumerable<IDocumentExtractor> local, DocumentIntelligenceExtractor? cloud, IScanDetector? scans = null, ILogger<AutoEngineExtractor>? logger = null)
    {
        _local = local.ToList();
        _cloud = cloud;
        _scans = scans ?? new TextLayerScanDetector();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    public bool CanExtract(SniffResult sniff) => (_cloud?.CanExtract(sniff) ?? false) || _local.Any(e => e.CanExtract(sniff));

    public async Task<ExtractionResult?> ExtractAsync(ReadOnlyMemory<byte> content, SniffResult sniff, CancellationToken cancellationToken)
    {
        Finding? fallback = null;
        if (_cloud is not null && _cloud.CanExtract(sniff) && await _scans.IsScanAsync(content, sniff, cancellationToken).ConfigureAwait(false))
        {
            try
            {
                return await _cloud.AnalyzeAsync(content, sniff, cancellationToken).ConfigureAwait(false);
            }
            catch (DocumentIntelligenceException ex) when (!cancellationToken.IsCancellationRequested)
            {
                LogFallback(_logger, sniff.Format, ex.Status, ex.ErrorCode ?? ex.GetType().Name);
                fallback = new Finding
                {
                    Rule = FallbackRule,
                    Severity = Severity.Warning,
                    Path = "document",
                    Message = $"Document Intelligence gave no result ({ex.Message}); the local engine read this document instead, so check the values.",
                    Reference = "CustomsFn engine policy: auto falls back to the local engine",
                };
            }
        }

        foreach (var extractor in _local)
        {
            if (!extractor.CanExtract(sniff)) continue;
            var result = await extractor.ExtractAsync(content, sniff, cancellationToken).ConfigureAwait(false);
            if (result is null) continue;
            return fallback is null ? result : result with { Findings = [fallback, .. result.Findings] };
        }

        if (fallback is not null)
            throw new DocumentRejectedException(InputCodes.Unprocessable,
                $"{fallback.Message.Split("; the local engine", StringSplitOptions.None)[0]}; no local extractor reads {sniff.Format} documents in this installation.");
        return null;
    }

    /// <summary>Disposes the local extractors it wraps (the OCR extractor's worker processes).</summary>
    public void Dispose()
    {
        foreach (var extractor in _local.OfType<IDisposable>()) extractor.Dispose();
    }

    [LoggerMessage(EventId = 801, Level = LogLevel.Warning, Message = "Document Intelligence failed on a {Format} document (HTTP {Status}, {Code}); falling back to the local engine")]
    private static partial void LogFallback(ILogger logger, string format, int status, string code);
}
