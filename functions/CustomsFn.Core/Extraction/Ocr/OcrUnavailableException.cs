namespace CustomsFn.Core.Extraction.Ocr;

/// <summary>Tesseract is not installed or cannot be started: a deployment problem, not a property of the document.</summary>
public sealed class OcrUnavailableException : InvalidOperationException
{
    public OcrUnavailableException(string message, Exception inner) : base(message, inner) { }
    public OcrUnavailableException(string message) : base(message) { }
    public OcrUnavailableException() : this("Tesseract OCR is not available.") { }
}
