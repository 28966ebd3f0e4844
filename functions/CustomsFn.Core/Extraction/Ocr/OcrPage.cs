using CustomsFn.Core.Extraction.Layout;

namespace CustomsFn.Core.Extraction.Ocr;

/// <summary>One recognised page: the words, and what was done to read them.</summary>
public sealed record OcrPage(PageText Text, double SkewDegrees, bool Deskewed, int Dpi, string Languages, string? DetectedLanguage, int SpecksRemoved,
    string Recognizer = OcrEngine.CommandRecognizer);
