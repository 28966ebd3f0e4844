namespace CustomsFn.Core.Evaluation;

/// <summary>What was wrong in one document (for the detail table).</summary>
public sealed record DocumentOutcome(string Name, string Set, string Format, string? Language, int FieldsExpected, int FieldsCorrect,
    int LinesExpected, int LinesCorrect, bool KeyFieldsCorrect, IReadOnlyList<string> Errors, string Status, string? DocumentType, string? ExpectedDocumentType)
{
    /// <summary>The Tesseract models the document's pages were read with, when it was read by OCR (from its EXTRACT-OCR finding).</summary>
    public string? OcrModels { get; init; }
}
