using CustomsFn.Core.Extraction;
using CustomsFn.Core.Extraction.Cii;
using CustomsFn.Core.Extraction.Edifact;
using CustomsFn.Core.Extraction.FacturX;
using CustomsFn.Core.Extraction.Layout;
using CustomsFn.Core.Extraction.Ocr;
using CustomsFn.Core.Extraction.Pdf;
using CustomsFn.Core.Extraction.Ubl;
using CustomsFn.Core.Extraction.Wco;
using CustomsFn.Core.Pipeline;
using CustomsFn.Core.Rules;
using Microsoft.Extensions.Logging;

namespace CustomsFn.Core;

/// <summary>Builds the default embedded (local) processor: every extractor and rule that ships with the core.</summary>
public static class CustomsDefaults
{
    public static IReadOnlyList<IDocumentExtractor> Extractors(PipelineOptions options) =>
    [
        new UblExtractor(options.Xml),
        new UblTradeDocumentExtractor(options.Xml),
        new CiiExtractor(options.Xml),
        new WcoDeclarationExtractor(options.Xml),
        new EdifactInvoicExtractor(),
        // Before any generic PDF extractor: it declines (null) PDFs without an embedded invoice.
        new FacturXExtractor(options.Xml),
        new UblDespatchAdviceExtractor(options.Xml),
        new UblCertificateOfOriginExtractor(options.Xml),
        // Text-layer PDFs; declines (null) image-only PDFs, which the OCR extractor after it reads.
        new PdfTextExtractor(),
        // After the text-PDF extractor: it reads PDFs without a text layer, and images, with the same layout reader.
        // Its OCR worker processes start on the first scan (none under a test host without a worker command).
        new OcrExtractor(options.Ocr, new LayoutFieldExtractor().Extract, OcrWorkerPool.Create(options.Ocr, options.Isolation)),
    ];

    public static DocumentProcessor CreateProcessor(PipelineOptions? options = null, TimeProvider? time = null, ILoggerFactory? loggers = null)
    {
        options ??= new PipelineOptions();
        return new DocumentProcessor(Extractors(options), RuleEngine.CreateDefault(), options, time, loggers?.CreateLogger<DocumentProcessor>());
    }
}
