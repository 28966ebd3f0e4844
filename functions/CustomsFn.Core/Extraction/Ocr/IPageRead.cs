namespace CustomsFn.Core.Extraction.Ocr;

/// <summary>One Tesseract read of one page image with one model (a worker request or a tesseract child).</summary>
internal interface IPageRead : IDisposable
{
    string Languages { get; }

    /// <summary>What read the page, for the OCR summary (e.g. "libtesseract 5.3.0 worker").</summary>
    string Recognizer { get; }

    Task<string> RecognizeAsync(GrayImage image);
}
