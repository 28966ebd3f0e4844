namespace CustomsFn.Core.Extraction.Layout;

/// <summary>
/// The positioned words of one page, from a PDF text layer (unit "pt") or OCR of an image (unit "px").
/// Every layout-based extractor (text PDF, OCR) produces these, and one field/table extractor reads them.
/// </summary>
public sealed record PageText(int Number, double Width, double Height, string Unit, IReadOnlyList<TextWord> Words)
{
    public const string Points = "pt";
    public const string Pixels = "px";

    /// <summary>
    /// The result's source for a box in reading space: PDF boxes are converted to PDF points with the origin at the
    /// bottom-left (as PDF readers and pdf.js expect); image boxes stay in pixels from the top-left.
    /// </summary>
    public FieldSource SourceOf(double x0, double top, double x1, double bottom) => Unit == Points
        ? FieldSource.PdfBox(Number, x0, Height - bottom, x1, Height - top)
        : FieldSource.ImageBox(Number, x0, top, x1, bottom);

    public FieldSource SourceOf(IEnumerable<TextWord> words)
    {
        double x0 = double.MaxValue, top = double.MaxValue, x1 = double.MinValue, bottom = double.MinValue;
        foreach (var w in words)
        {
            x0 = Math.Min(x0, w.X0); top = Math.Min(top, w.Top); x1 = Math.Max(x1, w.X1); bottom = Math.Max(bottom, w.Bottom);
        }
        if (x0 == double.MaxValue) throw new ArgumentException("No words to locate.", nameof(words));
        return SourceOf(x0, top, x1, bottom);
    }
}
