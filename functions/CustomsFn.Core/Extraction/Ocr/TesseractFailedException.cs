namespace CustomsFn.Core.Extraction.Ocr;

/// <summary>Tesseract ran but failed on this input (it could not read the image).</summary>
public sealed class TesseractFailedException : Exception
{
    public TesseractFailedException(string message) : base(message) { }
    public TesseractFailedException() { }
    public TesseractFailedException(string message, Exception inner) : base(message, inner) { }
}
