namespace CustomsFn.Core.Extraction.Layout;

/// <summary>
/// One word on a page, in reading space: x grows rightwards, y grows downwards from the page's top-left corner, in the
/// page's unit. <see cref="Confidence"/> is the recogniser's own score (Tesseract) or null for a PDF text layer.
/// </summary>
public sealed record TextWord(string Text, double X0, double Top, double X1, double Bottom, double? Confidence = null)
{
    public double Width => X1 - X0;
    public double Height => Bottom - Top;
    public double CenterY => (Top + Bottom) / 2;
}
