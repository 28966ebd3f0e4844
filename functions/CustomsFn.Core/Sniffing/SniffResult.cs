namespace CustomsFn.Core.Sniffing;

/// <summary>What the content is, judged by its bytes (magic numbers, XML root element and namespace), never by the file name.</summary>
public sealed record SniffResult(string Format, string MediaType, string? XmlRoot = null, string? XmlNamespace = null)
{
    /// <summary>True for every PDF, whether sniffed as plain <c>pdf</c> or as a <c>factur-x</c> hybrid (PDF extractors accept both).</summary>
    public bool IsPdf => MediaType == "application/pdf";

    /// <summary>
    /// For a PDF in the pipeline: its one shared read (by the PDF worker process when isolation is on), which the PDF
    /// extractors use instead of parsing the bytes themselves. Null outside the pipeline (extractors then read in-process).
    /// </summary>
    public Extraction.Pdf.PdfReadoutSource? Pdf { get; init; }
}
