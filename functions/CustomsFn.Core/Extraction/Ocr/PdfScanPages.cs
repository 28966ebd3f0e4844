namespace CustomsFn.Core.Extraction.Ocr;

/// <summary>
/// What makes a PDF page a scan for OCR. The pages themselves are taken from the one read of the PDF
/// (<see cref="Pdf.PdfReadout.ScanImages"/>, in the PDF worker or in process).
/// </summary>
public static class PdfScanPages
{
    /// <summary>A page with at least this many letters has a text layer.</summary>
    public const int MinLettersForText = 10;
}
