using System.Diagnostics;
using CustomsFn.Core.Extraction.Layout;

namespace CustomsFn.Core.Extraction.Ocr;

/// <summary>One recognised page: the words, and what was done to read them.</summary>
public sealed record OcrPage(PageText Text, double SkewDegrees, bool Deskewed, int Dpi, string Languages, string? DetectedLanguage, int SpecksRemoved);

/// <summary>
/// Reads scanned pages: header limits (a pixel bomb is refused before decoding), decode to gray, skew estimate and
/// rotation, dust removal, script detection (Tesseract OSD) to pick the language model, then Tesseract TSV.
/// Word boxes are pixels of the page as Tesseract saw it: after deskewing, in the rotated page (same size as the scan).
/// </summary>
public sealed class OcrEngine(OcrOptions options)
{
    private readonly OcrOptions _options = options ?? throw new ArgumentNullException(nameof(options));
    private readonly TesseractRunner _tesseract = new(options);

    public OcrOptions Options => _options;

    /// <summary>
    /// Reads one image file (PNG, JPEG, TIFF; a multi-page TIFF gives several pages). <paramref name="languages"/> reuses
    /// the choice made for an earlier page of the same document; null detects the script.
    /// </summary>
    public async Task<IReadOnlyList<OcrPage>> ReadImageAsync(ReadOnlyMemory<byte> image, int firstPageNumber, string? languages,
        CancellationToken cancellationToken, double? dpiHint = null)
    {
        var header = ImageHeader.Read(image.Span);
        header.CheckLimits(_options);
        var gray = GrayImage.Decode(image.Span, header);
        if (gray is not null && dpiHint is not null && gray.Dpi is null) gray = new GrayImage(gray.Width, gray.Height, gray.Pixels, dpiHint);

        var dir = Directory.CreateTempSubdirectory("customsfn-ocr-");
        try
        {
            string path;
            double skew = 0;
            var deskewed = false;
            var specks = 0;
            int dpi;
            if (gray is null)
            {
                // Not decodable here (e.g. a CCITT G4 or multi-page TIFF): Tesseract reads the file as it is.
                path = Path.Combine(dir.FullName, "page.tif");
                await File.WriteAllBytesAsync(path, image, cancellationToken).ConfigureAwait(false);
                dpi = (int)Math.Round(Math.Clamp(header.DpiX ?? header.Width / 8.3, 70, 600));
            }
            else
            {
                dpi = gray.EffectiveDpi;
                skew = Deskew.EstimateDegrees(gray, _options.MaxSkewDegrees);
                if (Math.Abs(skew) >= _options.MinSkewDegrees && Math.Abs(skew) < _options.MaxSkewDegrees)
                {
                    gray = gray.Rotate(-skew);
                    deskewed = true;
                }
                if (_options.Despeckle) specks = Despeckle.Clean(gray, gray.OtsuThreshold());
                // Table rules and box borders go before OCR: Tesseract drops or garbles the text of ruled cells.
                RuleRemoval.Clean(gray, gray.OtsuThreshold());
                path = Path.Combine(dir.FullName, "page.pgm");
                var fs = File.Create(path);
                await using (fs.ConfigureAwait(false)) gray.WritePgm(fs);
            }

            string? detected = null;
            if (languages is null)
            {
                if (_options.FixedLanguages is { Length: > 0 } fixedSet) languages = fixedSet;
                else
                {
                    // A quick read of the page's top (titles, labels) at about 150 dpi tells the language.
                    var probePath = path;
                    var probeDpi = dpi;
                    if (gray is not null)
                    {
                        var step = dpi >= 250 ? 2 : 1;
                        var crop = gray.Crop(0, (int)(gray.Height * _options.ScriptDetectionShare), step);
                        probePath = Path.Combine(dir.FullName, "probe.pgm");
                        probeDpi = Math.Max(70, dpi / step);
                        var os = File.Create(probePath);
                        await using (os.ConfigureAwait(false)) crop.WritePgm(os);
                    }
                    var probe = TesseractTsv.Parse(await _tesseract.RecognizeTsvAsync(probePath, LanguageProbe.LatinProbe, probeDpi, cancellationToken)
                        .ConfigureAwait(false)).SelectMany(p => p.Words).ToList();
                    if (LanguageProbe.LooksLatin(probe)) detected = LanguageProbe.Detect(probe);
                    else
                    {
                        var cjk = TesseractTsv.Parse(await _tesseract.RecognizeTsvAsync(probePath, LanguageProbe.CjkProbe, probeDpi, cancellationToken)
                            .ConfigureAwait(false)).SelectMany(p => p.Words);
                        detected = LanguageProbe.CjkLanguage(cjk);
                    }
                    languages = detected is not null && LanguageProbe.TesseractModel.TryGetValue(detected, out var model) ? model : _options.LatinLanguages;
                }
            }

            var tsv = await _tesseract.RecognizeTsvAsync(path, languages, dpi, cancellationToken).ConfigureAwait(false);
            var pages = TesseractTsv.Parse(tsv, firstPageNumber);
            if (pages.Count > _options.MaxPages) pages = pages.Take(_options.MaxPages).ToList();
            return pages.Select(p => new OcrPage(p, skew, deskewed, dpi, languages, detected, specks)).ToList();
        }
        finally
        {
            try { dir.Delete(recursive: true); }
            catch (IOException) { Debug.WriteLine("OCR temp directory left behind: " + dir.FullName); }
        }
    }
}
