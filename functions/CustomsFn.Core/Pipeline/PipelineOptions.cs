using CustomsFn.Core.Isolation;
using CustomsFn.Core.Xml;

namespace CustomsFn.Core.Pipeline;

/// <summary>Limits and defaults of the pipeline (configuration section "Pipeline").</summary>
public sealed class PipelineOptions
{
    public const string SectionName = "Pipeline";

    /// <summary>Largest accepted upload in bytes (default 50 MiB). Larger uploads get a rejected result (INPUT-TOO-LARGE).</summary>
    public long MaxUploadBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>Longest time one document may spend in extraction before it is rejected (INPUT-TIMEOUT).</summary>
    public TimeSpan ExtractionTimeout { get; set; } = TimeSpan.FromSeconds(60);

    public XmlLimits Xml { get; set; } = XmlLimits.Default;

    /// <summary>Scans and photos: the Tesseract child process, languages, limits (section "Pipeline:Ocr").</summary>
    public Extraction.Ocr.OcrOptions Ocr { get; set; } = new();

    /// <summary>Checks on raw PDF bytes before parsing: decompression limits (section "Pipeline:Pdf").</summary>
    public Extraction.Pdf.PdfLimits Pdf { get; set; } = new();

    /// <summary>Parsers that can crash the process run in a child first (section "Pipeline:Isolation").</summary>
    public IsolationOptions Isolation { get; set; } = new();
}
