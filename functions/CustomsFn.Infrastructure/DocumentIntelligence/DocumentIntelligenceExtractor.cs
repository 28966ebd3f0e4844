using CustomsFn.Core.Extraction;
using CustomsFn.Core.Foundation;
using CustomsFn.Core.Model;
using CustomsFn.Core.Sniffing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CustomsFn.Infrastructure.DocumentIntelligence;

/// <summary>
/// Reads PDFs and images with Azure AI Document Intelligence (extractor name "document-intelligence"): the invoice model
/// first (<see cref="DocumentIntelligenceOptions.ModelId"/>, default prebuilt-invoice); when it finds no invoice and custom
/// models are configured, the declaration model, then the packing-list model. As an <see cref="IDocumentExtractor"/> a
/// service failure rejects the document (INPUT-TIMEOUT or INPUT-UNPROCESSABLE with the service's reason); the
/// <see cref="AutoEngineExtractor"/> instead falls back to the local engine.
/// </summary>
public sealed partial class DocumentIntelligenceExtractor : IDocumentExtractor
{
    public const string Name = "document-intelligence";

    private readonly DocumentIntelligenceClient _client;
    private readonly IScanDetector _scans;
    private readonly ILogger _logger;

    public DocumentIntelligenceExtractor(DocumentIntelligenceClient client, IScanDetector? scans = null, ILogger<DocumentIntelligenceExtractor>? logger = null)
    {
        _client = client;
        _scans = scans ?? new TextLayerScanDetector();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    public DocumentIntelligenceClient Client => _client;

    public bool CanExtract(SniffResult sniff) =>
        sniff.Format is DocumentFormat.Pdf or DocumentFormat.PdfScan or DocumentFormat.PdfText or DocumentFormat.Image;

    public async Task<ExtractionResult?> ExtractAsync(ReadOnlyMemory<byte> content, SniffResult sniff, CancellationToken cancellationToken)
    {
        try
        {
            return await AnalyzeAsync(content, sniff, cancellationToken).ConfigureAwait(false);
        }
        catch (DocumentIntelligenceTimeoutException ex)
        {
            throw new DocumentRejectedException(InputCodes.Timeout, ex.Message, ex);
        }
        catch (DocumentIntelligenceException ex)
        {
            throw new DocumentRejectedException(InputCodes.Unprocessable,
                ex.IsContentError ? $"Document Intelligence could not read the document: {ex.Message}" : $"Document Intelligence gave no result: {ex.Message}", ex);
        }
    }

    /// <summary>Analyzes and maps; throws <see cref="DocumentIntelligenceException"/> when the service gives no result.</summary>
    public async Task<ExtractionResult> AnalyzeAsync(ReadOnlyMemory<byte> content, SniffResult sniff, CancellationToken cancellationToken)
    {
        var options = _client.Options;
        var format = sniff.Format switch
        {
            DocumentFormat.Image => DocumentFormat.Image,
            DocumentFormat.PdfText => DocumentFormat.PdfText,
            DocumentFormat.PdfScan => DocumentFormat.PdfScan,
            _ => await _scans.IsScanAsync(content, sniff, cancellationToken).ConfigureAwait(false) ? DocumentFormat.PdfScan : DocumentFormat.PdfText,
        };
        var started = TimeProvider.System.GetTimestamp();
        var doc = await AnalyzeWithAsync(options.ModelId, null, content, sniff, format, cancellationToken).ConfigureAwait(false);
        if (!AnalyzeResultMapper.LooksLikeInvoice(doc))
        {
            foreach (var (modelId, type) in (IEnumerable<(string?, string)>)[(options.DeclarationModelId, DocumentType.CustomsDeclaration), (options.PackingListModelId, DocumentType.PackingList)])
            {
                if (string.IsNullOrWhiteSpace(modelId)) continue;
                var custom = await AnalyzeWithAsync(modelId, type, content, sniff, format, cancellationToken).ConfigureAwait(false);
                if (custom.Fields.Count > 0 || custom.Lines.Count > 0)
                {
                    doc = custom;
                    break;
                }
            }
        }
        LogAnalyzed(_logger, doc.Extractor.Version, doc.Fields.Count, doc.Lines.Count, TimeProvider.System.GetElapsedTime(started).TotalMilliseconds);
        return new ExtractionResult(doc);
    }

    private async Task<ExtractedDocument> AnalyzeWithAsync(string modelId, string? documentType, ReadOnlyMemory<byte> content, SniffResult sniff, string format, CancellationToken cancellationToken)
    {
        var outcome = await _client.AnalyzeDocumentAsync(modelId, content, sniff.MediaType, cancellationToken).ConfigureAwait(false);
        return AnalyzeResultMapper.Map(outcome.Body, format, new ExtractorInfo(Name, $"{outcome.ApiVersion}/{outcome.ModelId}"), documentType);
    }

    [LoggerMessage(EventId = 800, Level = LogLevel.Information, Message = "Document Intelligence {Model}: {FieldCount} fields, {LineCount} lines in {ElapsedMs:0} ms")]
    private static partial void LogAnalyzed(ILogger logger, string model, int fieldCount, int lineCount, double elapsedMs);
}
