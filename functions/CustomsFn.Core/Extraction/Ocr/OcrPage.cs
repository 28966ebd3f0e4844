using CustomsFn.Core.Extraction.Layout;

namespace CustomsFn.Core.Extraction.Ocr;

/// <summary>
/// One recognised page: the words, and what was done to read them. <see cref="TurnedDegrees"/>: how far the page was
/// turned clockwise before it was read (0, 90, 180 or 270; 0 for an upright page), so the word boxes are pixels of the
/// turned page.
/// </summary>
public sealed record OcrPage(PageText Text, double SkewDegrees, bool Deskewed, int Dpi, string Languages, string? DetectedLanguage, int SpecksRemoved,
    string Recognizer = OcrEngine.CommandRecognizer, int TurnedDegrees = 0, bool PhotoCorrected = false);
