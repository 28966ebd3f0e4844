using CustomsFn.Core.Extraction.Layout;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Exceptions;

namespace CustomsFn.Core.Extraction.Pdf;

/// <summary>
/// Opens a PDF with PdfPig and turns its pages into <see cref="PdfPageContent"/>. This is the shared entry point of
/// the text-PDF and the OCR extractors: the text extractor reads <see cref="PdfPageContent.Text"/>; pages for which
/// <see cref="PdfPageContent.HasTextLayer"/> is false are left to OCR, which reads <see cref="PdfPageContent.Images"/>.
/// Throws <see cref="DocumentRejectedException"/> with INPUT-ENCRYPTED-PDF or INPUT-CORRUPT-PDF.
/// </summary>
public static class PdfPages
{
    /// <summary>A page with fewer words than this in its text layer counts as image-only (a scan with a stray stamp).</summary>
    public const int MinWordsForTextLayer = 5;

    /// <summary>Largest number of pages read from one upload.</summary>
    public const int MaxPages = 500;

    /// <summary>
    /// Most words read from one upload (INPUT-TOO-LARGE past it, counted page by page as they are read): about 10,000 rows
    /// of a goods table, the limit XML documents have too (<see cref="Xml.XmlLimits.MaxGoodsLines"/>), or 200-1,000
    /// ordinary invoice pages. A 499-page PDF of 400 rows a page took 1.7 GB to read whole.
    /// </summary>
    public const int MaxWords = 120_000;

    /// <summary>Adds a page's words to <paramref name="total"/>; throws INPUT-TOO-LARGE past <see cref="MaxWords"/>.</summary>
    internal static void CountWords(ref int total, int pageWords, int pageNumber)
    {
        total += pageWords;
        if (total > MaxWords)
            throw new DocumentRejectedException(InputCodes.TooLarge,
                $"The PDF has more than {MaxWords:N0} words by page {pageNumber}; at most {MaxWords:N0} are read (about 10,000 goods lines). Split the document.");
    }

    public static IReadOnlyList<PdfPageContent> Read(ReadOnlyMemory<byte> content, bool includeImages, CancellationToken cancellationToken)
    {
        var pages = new List<PdfPageContent>();
        using var document = Open(content);
        try
        {
            var count = document.NumberOfPages;
            if (count > MaxPages)
                throw new DocumentRejectedException(InputCodes.TooLarge, $"The PDF has {count:N0} pages; at most {MaxPages} are read.");
            var words = 0;
            for (var i = 1; i <= count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var page = document.GetPage(i);
                var text = ToPageText(page);
                CountWords(ref words, text.Words.Count, i);
                IReadOnlyList<PdfPageImage> images = includeImages && text.Words.Count < MinWordsForTextLayer ? ImagesOf(page) : [];
                pages.Add(new PdfPageContent(i, text, images));
            }
        }
        catch (Exception ex) when (ex is not DocumentRejectedException and not OperationCanceledException and not OutOfMemoryException)
        {
            throw Corrupt(ex);
        }
        return pages;
    }

    /// <summary>Opens the document, mapping PdfPig's failures to rejection codes.</summary>
    public static PdfDocument Open(ReadOnlyMemory<byte> content)
    {
        try
        {
            return PdfDocument.Open(content.ToArray(), new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
        }
        catch (PdfDocumentEncryptedException ex)
        {
            throw new DocumentRejectedException(InputCodes.EncryptedPdf,
                "The PDF is encrypted and cannot be opened without a password; upload an unprotected copy.", ex);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            throw Corrupt(ex);
        }
    }

    /// <summary>The words of a page in reading space (x right, y down from the top-left of the crop box), in points.</summary>
    public static PageText ToPageText(Page page)
    {
        var crop = page.CropBox.Bounds;
        var width = crop.Width > 0 ? crop.Width : page.Width;
        var height = crop.Height > 0 ? crop.Height : page.Height;
        var left = crop.Left;
        var top = crop.Top > 0 ? crop.Top : height;
        var words = new List<TextWord>();
        foreach (var (text, x0, yTop, x1, yBottom) in Words(page.Letters))
            words.Add(new TextWord(text, x0 - left, top - yTop, x1 - left, top - yBottom));
        return new PageText(page.Number, width, height, PageText.Points, words);
    }

    /// <summary>
    /// Words from letters in content-stream order: a word ends at a space, a jump of the baseline, a step backwards or a
    /// gap wider than a fifth of the font size. Following the drawing order keeps apart two labels a generator drew so
    /// that they overlap (where sorting letters by position would interleave them).
    /// </summary>
    public static List<(string Text, double X0, double Top, double X1, double Bottom)> Words(IReadOnlyList<Letter> letters)
    {
        var words = new List<(string, double, double, double, double)>();
        var sb = new System.Text.StringBuilder();
        double x0 = 0, x1 = 0, top = 0, bottom = 0, baseline = 0, size = 0;
        void Flush()
        {
            if (sb.Length > 0)
            {
                var t = sb.ToString().Trim();
                if (t.Length > 0) words.Add((t, x0, top, x1, bottom));
                sb.Clear();
            }
        }
        foreach (var l in letters)
        {
            if (l.TextOrientation is not TextOrientation.Horizontal) { Flush(); continue; }
            var value = l.Value;
            if (string.IsNullOrWhiteSpace(value)) { Flush(); continue; }
            var fontSize = l.PointSize > 0 ? l.PointSize : Math.Max(l.BoundingBox.Height, 1);
            // Advance positions (origin to origin), not ink boxes: side bearings of "1" or "l" must not look like gaps.
            var lx0 = Math.Min(l.StartBaseLine.X, l.EndBaseLine.X);
            var lx1 = Math.Max(l.StartBaseLine.X, l.EndBaseLine.X);
            if (lx1 - lx0 < 0.01) { lx0 = l.BoundingBox.Left; lx1 = l.BoundingBox.Right; }
            var y = l.StartBaseLine.Y;
            // Boxes from the baseline and font size: glyph boxes differ per letter ("a" vs "T"), lines should not.
            var lTop = y + 0.78 * fontSize;
            var lBottom = y - 0.22 * fontSize;
            if (sb.Length > 0)
            {
                var sameLine = Math.Abs(y - baseline) <= 0.3 * Math.Max(size, fontSize);
                var gap = lx0 - x1;
                if (!sameLine || gap > 0.2 * Math.Max(size, fontSize) || gap < -0.5 * Math.Max(size, fontSize)) Flush();
            }
            if (sb.Length == 0) { x0 = lx0; x1 = lx1; top = lTop; bottom = lBottom; baseline = y; size = fontSize; }
            sb.Append(value);
            x0 = Math.Min(x0, lx0); x1 = Math.Max(x1, lx1); top = Math.Max(top, lTop); bottom = Math.Min(bottom, lBottom);
        }
        Flush();
        return words;
    }

    private static List<PdfPageImage> ImagesOf(Page page)
    {
        var crop = page.CropBox.Bounds;
        var list = new List<PdfPageImage>();
        foreach (var image in page.GetImages())
        {
            if (image.WidthInSamples < 16 || image.HeightInSamples < 16) continue;
            byte[]? png = null;
            try
            {
                if (image.TryGetPng(out var bytes)) png = bytes;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                png = null; // an undecodable filter: RawBytes remain for the caller
            }
            var filter = image.ImageDictionary.TryGet(UglyToad.PdfPig.Tokens.NameToken.Filter, out var f) ? f.ToString()?.TrimStart('/') : null;
            var b = image.BoundingBox;
            list.Add(new PdfPageImage(image.WidthInSamples, image.HeightInSamples, filter, image.RawBytes.ToArray(), png,
                b.Left - crop.Left, crop.Top - b.Top, b.Right - crop.Left, crop.Top - b.Bottom));
        }
        return list;
    }

    private static DocumentRejectedException Corrupt(Exception ex) =>
        new(InputCodes.CorruptPdf, $"The PDF cannot be parsed ({ex.GetType().Name}); it may be damaged or truncated.", ex);
}
