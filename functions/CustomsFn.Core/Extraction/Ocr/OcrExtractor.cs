using System.Globalization;
using CustomsFn.Core.Extraction.Layout;
using CustomsFn.Core.Extraction.Pdf;
using CustomsFn.Core.Sniffing;

namespace CustomsFn.Core.Extraction.Ocr;

/// <summary>Turns positioned words into fields and lines (the shared layout extractor).</summary>
public delegate ExtractionResult LayoutReader(IReadOnlyList<PageText> pages, string format, ExtractorInfo extractor);

/// <summary>
/// Reads scans: images (PNG, JPEG, TIFF) and PDFs with pages that have no text layer (format <c>pdf-scan</c>), page by
/// page: a scanned page is OCRed, a page with a text layer is read from it (an e-mail with a scanned invoice attached).
/// A PDF without a scanned page is declined, so the text-PDF extractor reads it. Pages are OCRed by <see cref="OcrEngine"/> and handed to the
/// layout reader.
/// </summary>
public sealed class OcrExtractor : IDocumentExtractor, IDisposable
{
    public const string Name = "local-ocr";
    public const string Version = "1.0.0";
    public const string OcrRule = "EXTRACT-OCR";

    private readonly OcrEngine _engine;
    private readonly LayoutReader _layout;
    private readonly OcrWorkerPool? _workers;

    /// <summary>An extractor that reads with <paramref name="workers"/> (owned: disposed with it), or with the <c>tesseract</c> command when null.</summary>
    public OcrExtractor(OcrOptions options, LayoutReader? layout = null, OcrWorkerPool? workers = null)
    {
        _workers = workers;
        _engine = new OcrEngine(options, workers);
        _layout = layout ?? WordsOnly;
    }

    /// <summary>The OCR worker processes, when pages go to them.</summary>
    public OcrWorkerPool? Workers => _workers;

    /// <summary>Stops the OCR worker processes.</summary>
    public void Dispose() => _workers?.Dispose();

    public bool CanExtract(SniffResult sniff)
    {
        ArgumentNullException.ThrowIfNull(sniff);
        return sniff.Format == DocumentFormat.Image || sniff.IsPdf;
    }

    public async Task<ExtractionResult?> ExtractAsync(ReadOnlyMemory<byte> content, SniffResult sniff, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sniff);
        var pages = new List<OcrPage>();
        IReadOnlyList<PageText> textLayer = [];
        string format;
        if (sniff.IsPdf)
        {
            var readout = sniff.Pdf is { } pdf
                ? await pdf.ReadAsync(cancellationToken).ConfigureAwait(false)
                : PdfReadout.Read(content, PdfReadLimits.From(_engine.Options), cancellationToken);
            var images = readout.ScanImages(_engine.Options);
            if (images is null) return null;
            // Every text page (the text-PDF extractor's reach), not only the first MaxPages, which bounds the OCR.
            textLayer = readout.TextLayerPages(readout.Pages.Count);
            if (images.Count == 0 && textLayer.Count == 0)
                throw new DocumentRejectedException(InputCodes.NoContent, "The PDF has neither a text layer nor page images to read.");
            format = DocumentFormat.PdfScan;
            string? languages = null;
            foreach (var image in images)
            {
                var read = await _engine.ReadImageAsync(image.Encoded, image.PageNumber, languages, cancellationToken, image.Dpi).ConfigureAwait(false);
                pages.AddRange(read);
                languages ??= read.FirstOrDefault()?.Languages;
            }
        }
        else
        {
            format = DocumentFormat.Image;
            pages.AddRange(await _engine.ReadImageAsync(content, 1, null, cancellationToken).ConfigureAwait(false));
        }

        var words = pages.Sum(p => p.Text.Words.Count);
        if (words == 0 && textLayer.Count == 0) throw new DocumentRejectedException(InputCodes.NoContent, "OCR found no text on the scanned pages.");
        // Page by page: pages with a text layer as read from it, the others as OCR read them, in page order.
        var inOrder = pages.Select(p => p.Text).Concat(textLayer).OrderBy(p => p.Number).ToList();
        var result = _layout(inOrder, format, new ExtractorInfo(Name, Version));
        var findings = new List<Finding>(result.Findings) { Summary(pages, textLayer.Select(p => p.Number).ToList()) };
        var doc = result.Document;
        // The language probe's answer, where the layout reader did not detect one itself.
        if (doc.Language is null && pages.Select(p => p.DetectedLanguage).FirstOrDefault(l => l is not null) is { } detected)
        {
            doc = new ExtractedDocument
            {
                Format = doc.Format, DocumentType = doc.DocumentType, Language = detected, Extractor = doc.Extractor,
                Fields = doc.Fields, Lines = doc.Lines,
            };
        }
        return new ExtractionResult(doc, findings);
    }

    /// <summary>
    /// An info finding that records how the scan was read (no document content): the pages OCR read, those turned
    /// upright first (sideways or upside-down scans) and by how much, and those read from a text layer.
    /// </summary>
    public static Finding Summary(IReadOnlyList<OcrPage> pages, IReadOnlyList<int>? textLayerPages = null)
    {
        ArgumentNullException.ThrowIfNull(pages);
        var confidences = pages.SelectMany(p => p.Text.Words).Where(w => w.Confidence is not null).Select(w => w.Confidence!.Value).ToList();
        var mean = confidences.Count == 0 ? "n/a" : confidences.Average().ToString("0.00", CultureInfo.InvariantCulture);
        var skews = string.Join(", ", pages.Select(p => p.SkewDegrees.ToString("0.0", CultureInfo.InvariantCulture) + (p.Deskewed ? "" : " (kept)")));
        var first = pages.Count > 0 ? pages[0] : null;
        return new Finding
        {
            Rule = OcrRule,
            Severity = Severity.Info,
            Path = "document",
            Message = $"Read by OCR: {pages.Count} page(s), {pages.Sum(p => p.Text.Words.Count)} words, mean word confidence {mean}, " +
                      $"OCR languages {first?.Languages ?? "-"} ({first?.Recognizer ?? "-"}), {first?.Dpi ?? 0} dpi, skew degrees {skews}." +
                      (pages.Select(p => p.Recognizer).Distinct().Count() > 1
                          ? " Engines per page: " + string.Join("; ", pages.Select(p => $"page {p.Text.Number} {p.Recognizer} ({p.Languages})")) + "."
                          : "") +
                      (pages.Any(p => p.PhotoCorrected)
                          ? " Photographed: page found, straightened and its light flattened before reading: " +
                            string.Join(", ", pages.Where(p => p.PhotoCorrected).Select(p => $"page {p.Text.Number}")) + "."
                          : "") +
                      (pages.Any(p => p.TurnedDegrees != 0)
                          ? " Turned upright before reading (clockwise): " +
                            string.Join(", ", pages.Where(p => p.TurnedDegrees != 0).Select(p => $"page {p.Text.Number} by {p.TurnedDegrees} degrees")) + "."
                          : "") +
                      (textLayerPages is { Count: > 0 }
                          ? $" Pages read by OCR: {PageList(pages.Select(p => p.Text.Number))}; from their text layer: {PageList(textLayerPages)}."
                          : ""),
        };
    }

    private static string PageList(IEnumerable<int> numbers)
    {
        var list = string.Join(", ", numbers.Order());
        return list.Length == 0 ? "none" : list;
    }

    /// <summary>Until a layout reader is given: the document with its format and no fields (nothing is guessed).</summary>
    public static ExtractionResult WordsOnly(IReadOnlyList<PageText> pages, string format, ExtractorInfo extractor) =>
        new(new ExtractedDocument { Format = format, Extractor = extractor });
}
