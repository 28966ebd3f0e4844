namespace CustomsFn.Core.Extraction.Ocr;

/// <summary>The image of one scanned PDF page, encoded (JPEG or PNG), with the resolution its placement on the page implies.</summary>
public sealed record PdfScanImage(int PageNumber, byte[] Encoded, double? Dpi);
