using CustomsFn.Core.Extraction.Layout;
using CustomsFn.Core.Pipeline;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Exceptions;

namespace CustomsFn.Core.Extraction.Pdf;

/// <summary>
/// One page of a PDF as the layout extractors see it: its text layer as <see cref="PageText"/> (reading space, points,
/// top-left origin) and, for pages without a usable text layer, the raster images drawn on it (the scan), so that an
/// OCR extractor can read them.
/// </summary>
public sealed record PdfPageContent(int Number, PageText Text, IReadOnlyList<PdfPageImage> Images)
{
    /// <summary>True when the page carries enough text in its text layer to be read without OCR.</summary>
    public bool HasTextLayer => Text.Words.Count >= PdfPages.MinWordsForTextLayer;
}

/// <summary>
/// A raster image drawn on a PDF page. <see cref="Png"/> is the image re-encoded as PNG when PdfPig can decode it
/// (Flate, raw samples); <see cref="RawBytes"/> is the stream as stored, which for <see cref="Filter"/> "DCTDecode" is a
/// complete JPEG file and for "JPXDecode" a JPEG 2000 file. <see cref="Bounds"/> is where it sits on the page in reading
/// space (points, top-left origin), so that OCR pixel boxes can be mapped back to page points.
/// </summary>
public sealed record PdfPageImage(int WidthPx, int HeightPx, string? Filter, byte[] RawBytes, byte[]? Png,
    double X0, double Top, double X1, double Bottom)
{
    /// <summary>A file an OCR engine can read (PNG, or JPEG for DCTDecode streams), or null when neither is available.</summary>
    public byte[]? EncodedImage => Png ?? (Filter is "DCTDecode" or "DCT" ? RawBytes : null);
}

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

    public static IReadOnlyList<PdfPageContent> Read(ReadOnlyMemory<byte> content, bool includeImages, CancellationToken cancellationToken)
    {
        var pages = new List<PdfPageContent>();
        using var document = Open(content);
        try
        {
            var count = document.NumberOfPages;
            if (count > MaxPages)
                throw new DocumentRejectedException(InputCodes.TooLarge, $"The PDF has {count:N0} pages; at most {MaxPages} are read.");
            for (var i = 1; i <= count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var page = document.GetPage(i);
                var text = ToPageText(page);
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
        foreach (var w in page.GetWords())
        {
            var text = w.Text;
            if (string.IsNullOrWhiteSpace(text)) continue;
            var b = w.BoundingBox;
            // Rotated glyph runs (stamps, vertical margins) carry no fields; keep only horizontal text.
            if (w.TextOrientation is not TextOrientation.Horizontal) continue;
            words.Add(new TextWord(text.Trim(), b.Left - left, top - b.Top, b.Right - left, top - b.Bottom));
        }
        return new PageText(page.Number, width, height, PageText.Points, words);
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
