using CustomsFn.Core.Extraction.Layout;

namespace CustomsFn.Core.Extraction.Pdf;

/// <summary>One page: its words (reading space, points), how many letters its text layer has, and its scan image if any.</summary>
public sealed record PdfReadoutPage(PageText Text, int LetterCount, PdfReadoutImage? Image);
