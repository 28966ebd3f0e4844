using UglyToad.PdfPig;
using UglyToad.PdfPig.Exceptions;
using UglyToad.PdfPig.Tokens;

namespace CustomsFn.Core.Extraction.Ocr;

/// <summary>Finds PDFs without a text layer and takes each page's scan image (the largest image on the page).</summary>
public static class PdfScanPages
{
    /// <summary>A page with at least this many letters has a text layer.</summary>
    public const int MinLettersForText = 10;

    /// <summary>The page images of an image-only PDF, or null when the PDF has a text layer (the text-PDF extractor reads it).</summary>
    public static IReadOnlyList<PdfScanImage>? Read(ReadOnlyMemory<byte> content, OcrOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        PdfDocument doc;
        try
        {
            doc = PdfDocument.Open(content.ToArray(), new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
        }
        catch (PdfDocumentEncryptedException ex)
        {
            throw new DocumentRejectedException(InputCodes.EncryptedPdf, "The PDF is encrypted and cannot be opened without a password.", ex);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            throw new DocumentRejectedException(InputCodes.CorruptPdf, $"The PDF cannot be parsed ({ex.GetType().Name}).", ex);
        }

        using (doc)
        {
            try
            {
                var result = new List<PdfScanImage>();
                var withText = 0;
                var pageCount = Math.Min(doc.NumberOfPages, options.MaxPages);
                for (var n = 1; n <= pageCount; n++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var page = doc.GetPage(n);
                    if (page.Letters.Count >= MinLettersForText) { withText++; continue; }
                    var image = page.GetImages().OrderByDescending(i => (long)i.WidthInSamples * i.HeightInSamples).FirstOrDefault();
                    if (image is null || image.WidthInSamples < 16 || image.HeightInSamples < 16) continue;
                    if (image.WidthInSamples > options.MaxSide || image.HeightInSamples > options.MaxSide
                        || (long)image.WidthInSamples * image.HeightInSamples > options.MaxPixels)
                        throw new DocumentRejectedException(InputCodes.ImageLimits,
                            $"Page {n}'s image claims {image.WidthInSamples} x {image.HeightInSamples} pixels, over the limit.");
                    var filter = image.ImageDictionary.TryGet(NameToken.Filter, out var f) ? f.ToString() : null;
                    byte[]? encoded = null;
                    if (filter is not null && filter.Contains("DCTDecode", StringComparison.Ordinal) && !filter.Contains('['))
                        encoded = image.RawBytes.ToArray();
                    else if (image.TryGetPng(out var png))
                        encoded = png;
                    if (encoded is null) continue;
                    var widthPt = image.BoundingBox.Width;
                    double? dpi = widthPt > 1 ? image.WidthInSamples / (widthPt / 72.0) : null;
                    result.Add(new PdfScanImage(n, encoded, dpi));
                }
                // Mostly text: the text-PDF extractor's document.
                if (withText > 0 && withText * 2 >= pageCount) return null;
                return result;
            }
            catch (Exception ex) when (ex is not DocumentRejectedException and not OperationCanceledException and not OutOfMemoryException)
            {
                throw new DocumentRejectedException(InputCodes.CorruptPdf, $"The PDF cannot be parsed ({ex.GetType().Name}).", ex);
            }
        }
    }
}
