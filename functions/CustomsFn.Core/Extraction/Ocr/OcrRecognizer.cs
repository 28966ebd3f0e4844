namespace CustomsFn.Core.Extraction.Ocr;

/// <summary>What runs Tesseract (<see cref="OcrOptions.Recognizer"/>).</summary>
public enum OcrRecognizer
{
    /// <summary>The OCR worker when it can start (libtesseract found, a worker command known), else the <c>tesseract</c> command.</summary>
    Auto,

    /// <summary>Always the OCR worker: long-lived processes with libtesseract and their models loaded.</summary>
    Worker,

    /// <summary>Always the <c>tesseract</c> command: one child process per read.</summary>
    Command,
}
