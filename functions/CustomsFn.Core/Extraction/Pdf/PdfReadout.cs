using System.Text;
using CustomsFn.Core.Extraction.FacturX;
using CustomsFn.Core.Extraction.Layout;
using CustomsFn.Core.Extraction.Ocr;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Tokens;

namespace CustomsFn.Core.Extraction.Pdf;

/// <summary>
/// Everything the PDF extractors need from one PDF, read in one pass by PdfPig: the embedded e-invoice (Factur-X), the
/// words of every page, and the scan image of pages without text. The PDF worker process builds it
/// (<see cref="Read"/>) and sends it to the host (<see cref="Write"/>/<see cref="Parse"/>), so the host never runs PdfPig
/// on untrusted bytes. A failure reading the pages is kept (<see cref="PagesError"/>) rather than thrown, because an
/// embedded invoice may still be readable; the page readers throw it when they need the pages.
/// </summary>
public sealed class PdfReadout
{
    public required int PageCount { get; init; }

    /// <summary>The embedded invoice XML (<see cref="FacturXExtractor.FindEmbeddedInvoice(ReadOnlyMemory{byte})"/>'s choice), or null.</summary>
    public (string FileName, byte[] Bytes)? EmbeddedInvoice { get; init; }

    /// <summary>Why that embedded file was chosen when the PDF embeds several (XMP metadata, standard name), or null.</summary>
    public string? EmbeddedInvoiceChoice { get; init; }

    /// <summary>Pages in order; empty when <see cref="PageCount"/> exceeds <see cref="PdfPages.MaxPages"/> or the pages failed.</summary>
    public required IReadOnlyList<PdfReadoutPage> Pages { get; init; }

    /// <summary>Why the pages could not be read (an INPUT-* code and message), or null.</summary>
    public (string Code, string Message)? PagesError { get; init; }

    /// <summary>Reads the PDF with PdfPig in this process (the worker's job). Throws <see cref="DocumentRejectedException"/>.</summary>
    public static PdfReadout Read(ReadOnlyMemory<byte> pdf, PdfReadLimits limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(limits);
        using var document = PdfPages.Open(pdf);
        var embedded = FacturXExtractor.FindEmbeddedInvoice(document, out var choice);
        int count;
        try
        {
            count = document.NumberOfPages;
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            throw new DocumentRejectedException(InputCodes.CorruptPdf, $"The PDF cannot be parsed ({ex.GetType().Name}); it may be damaged or truncated.", ex);
        }
        var pages = new List<PdfReadoutPage>();
        (string, string)? error = null;
        if (count <= PdfPages.MaxPages)
        {
            try
            {
                var words = 0;
                for (var i = 1; i <= count; i++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var page = document.GetPage(i);
                    var text = PdfPages.ToPageText(page);
                    PdfPages.CountWords(ref words, text.Words.Count, i);
                    var letters = page.Letters.Count;
                    var image = i <= limits.MaxImagePages && (text.Words.Count < PdfPages.MinWordsForTextLayer || letters < PdfScanPages.MinLettersForText)
                        ? LargestImage(page, limits)
                        : null;
                    pages.Add(new PdfReadoutPage(text, letters, image));
                }
            }
            catch (DocumentRejectedException ex)
            {
                error = (ex.Code, ex.Message);
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
            {
                error = (InputCodes.CorruptPdf, $"The PDF cannot be parsed ({ex.GetType().Name}); it may be damaged or truncated.");
            }
            if (error is not null) pages.Clear();
        }
        return new PdfReadout { PageCount = count, EmbeddedInvoice = embedded is { } e ? (e.FileName, e.Bytes.ToArray()) : null, EmbeddedInvoiceChoice = choice, Pages = pages, PagesError = error };
    }

    private static PdfReadoutImage? LargestImage(Page page, PdfReadLimits limits)
    {
        var image = page.GetImages().OrderByDescending(i => (long)i.WidthInSamples * i.HeightInSamples).FirstOrDefault();
        if (image is null || image.WidthInSamples < 16 || image.HeightInSamples < 16) return null;
        byte[]? encoded = null;
        // Never decode past the OCR limits: the host refuses such a page from its size (INPUT-CORRUPT-IMAGE).
        if (image.WidthInSamples <= limits.MaxImageSide && image.HeightInSamples <= limits.MaxImageSide
            && (long)image.WidthInSamples * image.HeightInSamples <= limits.MaxImagePixels)
        {
            var filter = image.ImageDictionary.TryGet(NameToken.Filter, out var f) ? f.ToString() : null;
            if (filter is not null && filter.Contains("DCTDecode", StringComparison.Ordinal) && !filter.Contains('[', StringComparison.Ordinal))
                encoded = image.RawBytes.ToArray();
            else if (image.TryGetPng(out var png))
                encoded = png;
        }
        return new PdfReadoutImage(image.WidthInSamples, image.HeightInSamples, image.BoundingBox.Width, encoded);
    }

    /// <summary>The pages as the text-PDF extractor reads them. Throws the page error, or INPUT-TOO-LARGE past <see cref="PdfPages.MaxPages"/>.</summary>
    public IReadOnlyList<PdfPageContent> TextPages()
    {
        ThrowPagesError();
        if (PageCount > PdfPages.MaxPages)
            throw new DocumentRejectedException(InputCodes.TooLarge, $"The PDF has {PageCount:N0} pages; at most {PdfPages.MaxPages} are read.");
        return Pages.Select((p, i) => new PdfPageContent(i + 1, p.Text, [])).ToList();
    }

    /// <summary>
    /// In a PDF whose pages mostly carry a text layer, a page without one is read by OCR when its largest image is at
    /// least this share of the page's width (a scanned page: an e-mail with the scanned invoice attached), not a logo.
    /// </summary>
    public const double ScannedPageWidthShare = 0.5;

    /// <summary>
    /// The scan images OCR reads, page by page: every page without a text layer whose image can be read (in a PDF whose
    /// pages mostly have a text layer, only pages whose image spans at least <see cref="ScannedPageWidthShare"/> of the
    /// page's width); null when there is none such in a PDF that has a text layer (the text-PDF extractor's document).
    /// Pages with a text layer are read from it (<see cref="TextLayerPages"/>), whatever the other pages are.
    /// </summary>
    public IReadOnlyList<PdfScanImage>? ScanImages(OcrOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ThrowPagesError();
        if (PageCount > PdfPages.MaxPages)
            throw new DocumentRejectedException(InputCodes.TooLarge, $"The PDF has {PageCount:N0} pages; at most {PdfPages.MaxPages} are read.");
        var result = new List<PdfScanImage>();
        var pageCount = Math.Min(PageCount, options.MaxPages);
        var withText = TextLayerPages(pageCount).Count;
        var mostlyText = withText > 0 && withText * 2 >= pageCount;
        foreach (var (n, page, image) in PagesWithoutTextLayer(pageCount, mostlyText))
        {
            if (image.WidthPx > options.MaxSide || image.HeightPx > options.MaxSide || (long)image.WidthPx * image.HeightPx > options.MaxPixels)
                throw new DocumentRejectedException(InputCodes.ImageLimits,
                    $"Page {n}'s image claims {image.WidthPx} x {image.HeightPx} pixels, over the limit.");
            if (image.Encoded is null) continue;
            double? dpi = image.WidthPt > 1 ? image.WidthPx / (image.WidthPt / 72.0) : null;
            result.Add(new PdfScanImage(n, image.Encoded, dpi));
        }
        if (mostlyText && result.Count == 0) return null;
        return result;
    }

    /// <summary>True when some page has no text layer but a scanned page image: OCR reads the PDF (its text pages from the text layer).</summary>
    public bool HasScannedPages
    {
        get
        {
            if (PagesError is not null || PageCount > PdfPages.MaxPages) return false;
            var withText = TextLayerPages(Pages.Count).Count;
            return PagesWithoutTextLayer(Pages.Count, withText > 0 && withText * 2 >= Pages.Count).Any(p => p.Image.Encoded is not null);
        }
    }

    /// <summary>The pages (of the first <paramref name="pageCount"/>) that carry a text layer, as read from it.</summary>
    public IReadOnlyList<PageText> TextLayerPages(int pageCount) =>
        Pages.Take(pageCount).Where(p => p.LetterCount >= PdfScanPages.MinLettersForText).Select(p => p.Text).ToList();

    private IEnumerable<(int Number, PdfReadoutPage Page, PdfReadoutImage Image)> PagesWithoutTextLayer(int pageCount, bool fullPageImagesOnly)
    {
        for (var n = 1; n <= pageCount && n <= Pages.Count; n++)
        {
            var page = Pages[n - 1];
            if (page.LetterCount >= PdfScanPages.MinLettersForText || page.Image is not { } image) continue;
            if (fullPageImagesOnly && !(page.Text.Width > 0 && image.WidthPt >= ScannedPageWidthShare * page.Text.Width)) continue;
            yield return (n, page, image);
        }
    }

    private void ThrowPagesError()
    {
        if (PagesError is { } e) throw new DocumentRejectedException(e.Code, e.Message);
    }

    private const byte FormatVersion = 2;

    /// <summary>Serialises the readout (binary, little-endian; the worker protocol's answer).</summary>
    public void Write(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(FormatVersion);
        writer.Write(PageCount);
        writer.Write(EmbeddedInvoice is not null);
        if (EmbeddedInvoice is { } e)
        {
            writer.Write(e.FileName);
            writer.Write(e.Bytes.Length);
            writer.Write(e.Bytes);
            writer.Write(EmbeddedInvoiceChoice ?? string.Empty);
        }
        writer.Write(PagesError is not null);
        if (PagesError is { } error)
        {
            writer.Write(error.Code);
            writer.Write(error.Message);
        }
        writer.Write(Pages.Count);
        foreach (var page in Pages)
        {
            var t = page.Text;
            writer.Write(t.Number);
            writer.Write(t.Width);
            writer.Write(t.Height);
            writer.Write(t.Unit);
            writer.Write(t.Words.Count);
            foreach (var w in t.Words)
            {
                writer.Write(w.Text);
                writer.Write(w.X0);
                writer.Write(w.Top);
                writer.Write(w.X1);
                writer.Write(w.Bottom);
            }
            writer.Write(page.LetterCount);
            writer.Write(page.Image is not null);
            if (page.Image is { } image)
            {
                writer.Write(image.WidthPx);
                writer.Write(image.HeightPx);
                writer.Write(image.WidthPt);
                writer.Write(image.Encoded is not null);
                if (image.Encoded is not null)
                {
                    writer.Write(image.Encoded.Length);
                    writer.Write(image.Encoded);
                }
            }
        }
    }

    /// <summary>Reads what <see cref="Write"/> wrote. Throws <see cref="InvalidDataException"/> on anything else.</summary>
    public static PdfReadout Parse(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (reader.ReadByte() != FormatVersion) throw new InvalidDataException("Unknown PDF readout format.");
        var pageCount = reader.ReadInt32();
        (string, byte[])? embedded = reader.ReadBoolean() ? (reader.ReadString(), ReadBytes(reader)) : null;
        var choice = embedded is null ? null : reader.ReadString() is { Length: > 0 } c ? c : null;
        (string, string)? error = reader.ReadBoolean() ? (reader.ReadString(), reader.ReadString()) : null;
        var n = Count(reader);
        var pages = new List<PdfReadoutPage>(n);
        for (var p = 0; p < n; p++)
        {
            var number = reader.ReadInt32();
            var width = reader.ReadDouble();
            var height = reader.ReadDouble();
            var unit = reader.ReadString();
            var wordCount = Count(reader);
            var words = new List<TextWord>(wordCount);
            for (var w = 0; w < wordCount; w++)
                words.Add(new TextWord(reader.ReadString(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble()));
            var letters = reader.ReadInt32();
            PdfReadoutImage? image = null;
            if (reader.ReadBoolean())
                image = new PdfReadoutImage(reader.ReadInt32(), reader.ReadInt32(), reader.ReadDouble(), reader.ReadBoolean() ? ReadBytes(reader) : null);
            pages.Add(new PdfReadoutPage(new PageText(number, width, height, unit, words), letters, image));
        }
        return new PdfReadout { PageCount = pageCount, EmbeddedInvoice = embedded, EmbeddedInvoiceChoice = choice, PagesError = error, Pages = pages };
    }

    private static int Count(BinaryReader reader)
    {
        var n = reader.ReadInt32();
        if (n < 0 || n > reader.BaseStream.Length) throw new InvalidDataException("Corrupt PDF readout (count).");
        return n;
    }

    private static byte[] ReadBytes(BinaryReader reader)
    {
        var n = Count(reader);
        var bytes = reader.ReadBytes(n);
        if (bytes.Length != n) throw new InvalidDataException("Corrupt PDF readout (truncated).");
        return bytes;
    }

    /// <summary>UTF-8 without a byte-order mark, as <see cref="BinaryWriter"/> and <see cref="BinaryReader"/> use it.</summary>
    internal static readonly Encoding Utf8 = new UTF8Encoding(false, throwOnInvalidBytes: false);
}
