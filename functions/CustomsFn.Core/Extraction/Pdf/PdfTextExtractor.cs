using CustomsFn.Core.Extraction.Layout;
using CustomsFn.Core.Sniffing;

namespace CustomsFn.Core.Extraction.Pdf;

/// <summary>
/// Reads PDFs that have a text layer: PdfPig words with boxes -> <see cref="PageText"/> (points, top-left origin) ->
/// <see cref="LayoutFieldExtractor"/>. Declines (returns null) PDFs whose pages are images only, and PDFs with a scanned
/// page among text pages, so that the OCR extractor registered after it reads them (the text pages from their text layer). Factur-X PDFs are taken by the e-invoice
/// extractor registered before it. Encrypted and corrupt PDFs are rejected (INPUT-ENCRYPTED-PDF, INPUT-CORRUPT-PDF).
/// </summary>
public sealed class PdfTextExtractor : IDocumentExtractor
{
    public const string Name = "local-pdf-text";
    public const string Version = "1.0.0";

    private readonly LayoutFieldExtractor _layout = new();

    public bool CanExtract(SniffResult sniff) => sniff.IsPdf;

    public async Task<ExtractionResult?> ExtractAsync(ReadOnlyMemory<byte> content, SniffResult sniff, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sniff);
        // In the pipeline the PDF was read once for all PDF extractors (by the PDF worker when isolation is on).
        if (sniff.Pdf is not { } pdf) return Extract(PdfPages.Read(content, includeImages: false, cancellationToken));
        var readout = await pdf.ReadAsync(cancellationToken).ConfigureAwait(false);
        var pages = readout.TextPages();
        // A page without a text layer but with a scanned page image: the OCR extractor reads the PDF page by page.
        return readout.HasScannedPages ? null : Extract(pages);
    }

    /// <summary>
    /// The layout extraction of already-read pages, or null when most pages have no text layer (a scan: OCR's job).
    /// Image-only pages inside a mostly-text PDF are skipped here.
    /// </summary>
    public ExtractionResult? Extract(IReadOnlyList<PdfPageContent> pages)
    {
        ArgumentNullException.ThrowIfNull(pages);
        var text = pages.Where(p => p.HasTextLayer).Select(p => p.Text).ToList();
        if (text.Count == 0 || text.Count * 2 < pages.Count) return null;
        return _layout.Extract(text, DocumentFormat.PdfText, new ExtractorInfo(Name, Version));
    }
}
