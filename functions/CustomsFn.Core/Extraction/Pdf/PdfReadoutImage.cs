namespace CustomsFn.Core.Extraction.Pdf;

/// <summary>The largest image drawn on a page without a text layer (the scan), encoded as JPEG or PNG when it could be.</summary>
public sealed record PdfReadoutImage(int WidthPx, int HeightPx, double WidthPt, byte[]? Encoded);
