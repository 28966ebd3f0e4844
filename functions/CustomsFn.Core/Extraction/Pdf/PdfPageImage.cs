namespace CustomsFn.Core.Extraction.Pdf;

/// <summary>
/// A raster image drawn on a PDF page. <see cref="Png"/> is the image re-encoded as PNG when PdfPig can decode it
/// (Flate, raw samples); <see cref="RawBytes"/> is the stream as stored, which for <see cref="Filter"/> "DCTDecode" is a
/// complete JPEG file and for "JPXDecode" a JPEG 2000 file. <see cref="Bounds"/> is where it sits on the page in reading
/// space (points, top-left origin), so that OCR pixel boxes can be mapped back to page points.
/// </summary>
public sealed record PdfPageImage(int WidthPx, int HeightPx, string? Filter, byte[] RawBytes, byte[]? Png,
    double X0, double Top, double X1, double Bottom)
{
    /// <summary>A file an OCR engine can read (PNG, or JPEG for DCTDecode streams), or null when neither is available.</summary>
    public byte[]? EncodedImage => Png ?? (Filter is "DCTDecode" or "DCT" ? RawBytes : null);
}
