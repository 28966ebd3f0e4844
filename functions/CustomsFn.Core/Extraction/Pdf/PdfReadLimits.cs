using CustomsFn.Core.Extraction.Ocr;

namespace CustomsFn.Core.Extraction.Pdf;

/// <summary>What the PDF read needs to know besides the bytes: limits on page images (from <c>Pipeline:Ocr</c>).</summary>
public sealed record PdfReadLimits(long MaxImagePixels, int MaxImageSide, int MaxImagePages)
{
    public static PdfReadLimits From(OcrOptions ocr)
    {
        ArgumentNullException.ThrowIfNull(ocr);
        return new PdfReadLimits(ocr.MaxPixels, ocr.MaxSide, ocr.MaxPages);
    }
}
