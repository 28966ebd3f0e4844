using CustomsFn.Core.Extraction.Layout;

namespace CustomsFn.Core.Extraction.Pdf;

/// <summary>
/// One page of a PDF as the layout extractors see it: its text layer as <see cref="PageText"/> (reading space, points,
/// top-left origin) and, for pages without a usable text layer, the raster images drawn on it (the scan), so that an
/// OCR extractor can read them.
/// </summary>
public sealed record PdfPageContent(int Number, PageText Text, IReadOnlyList<PdfPageImage> Images)
{
    /// <summary>True when the page carries enough text in its text layer to be read without OCR.</summary>
    public bool HasTextLayer => Text.Words.Count >= PdfPages.MinWordsForTextLayer;
}
