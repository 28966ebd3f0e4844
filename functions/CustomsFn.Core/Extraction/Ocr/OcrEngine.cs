using System.Diagnostics;
using CustomsFn.Core.Extraction.Layout;
using CustomsFn.Core.Pipeline;

namespace CustomsFn.Core.Extraction.Ocr;

/// <summary>One recognised page: the words, and what was done to read them.</summary>
public sealed record OcrPage(PageText Text, double SkewDegrees, bool Deskewed, int Dpi, string Languages, string? DetectedLanguage, int SpecksRemoved);

/// <summary>
/// Reads scanned pages: header limits (a pixel bomb is refused before decoding), decode to gray, skew estimate, a
/// language probe on a small straightened copy of the page top (a tesseract child that runs while this process
/// rotates, removes dust and table rules), then Tesseract TSV of the prepared page with the model the probe chose.
/// Word boxes are pixels of the page as Tesseract saw it: after deskewing, in the rotated page (same size as the scan).
/// </summary>
public sealed class OcrEngine(OcrOptions options)
{
    private readonly OcrOptions _options = options ?? throw new ArgumentNullException(nameof(options));
    private readonly TesseractRunner _tesseract = new(options);

    public OcrOptions Options => _options;

    /// <summary>
    /// Reads one image file (PNG, JPEG, TIFF; a multi-page TIFF gives several pages). <paramref name="languages"/> reuses
    /// the choice made for an earlier page of the same document; null detects the language.
    /// </summary>
    public async Task<IReadOnlyList<OcrPage>> ReadImageAsync(ReadOnlyMemory<byte> image, int firstPageNumber, string? languages,
        CancellationToken cancellationToken, double? dpiHint = null)
    {
        var header = ImageHeader.Read(image.Span);
        header.CheckLimits(_options);
        var gray = GrayImage.Decode(image.Span, header);
        if (gray is not null && dpiHint is not null && gray.Dpi is null) gray = new GrayImage(gray.Width, gray.Height, gray.Pixels, dpiHint);
        if (languages is null && _options.FixedLanguages is { Length: > 0 } fixedSet) languages = fixedSet;

        var dir = Directory.CreateTempSubdirectory("customsfn-ocr-");
        // The probe's child process, while it runs; stopped if preparing the page fails.
        using var probeStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task<string?>? probe = null;
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
                if (languages is null) probe = ProbeAsync(path, dpi, probeStop.Token);
            }
            else
            {
                dpi = gray.EffectiveDpi;
                skew = Deskew.EstimateDegrees(gray, _options.MaxSkewDegrees);
                deskewed = Math.Abs(skew) >= _options.MinSkewDegrees && Math.Abs(skew) < _options.MaxSkewDegrees;
                if (languages is null)
                {
                    // The page top, straightened, at about ProbeDpi: titles and labels tell the language.
                    var step = Math.Max(1, (int)Math.Round(dpi / (double)_options.ProbeDpi));
                    var top = gray.RotatedCrop(deskewed ? -skew : 0, 0, (int)(gray.Height * _options.ScriptDetectionShare), step);
                    var probePath = Path.Combine(dir.FullName, "probe.tif");
                    WriteTiff(top, probePath);
                    probe = ProbeAsync(probePath, Math.Max(70, dpi / step), probeStop.Token);
                }
                if (deskewed) gray = gray.Rotate(-skew);
                if (_options.Despeckle) specks = Despeckle.Clean(gray, gray.OtsuThreshold());
                // Table rules and box borders go before OCR: Tesseract drops or garbles the text of ruled cells.
                RuleRemoval.Clean(gray, gray.OtsuThreshold());
                path = Path.Combine(dir.FullName, "page.tif");
                WriteTiff(gray, path);
            }

            string? detected = null;
            if (probe is not null)
            {
                detected = await probe.ConfigureAwait(false);
                probe = null;
                languages = detected is not null && LanguageProbe.TesseractModel.TryGetValue(detected, out var model) ? model : _options.LatinLanguages;
            }
            languages ??= _options.LatinLanguages;

            var tsv = await _tesseract.RecognizeTsvAsync(path, languages, dpi, cancellationToken).ConfigureAwait(false);
            var pages = TesseractTsv.Parse(tsv, firstPageNumber);
            if (pages.Count > _options.MaxPages) pages = pages.Take(_options.MaxPages).ToList();
            return pages.Select(p => new OcrPage(p, skew, deskewed, dpi, languages, detected, specks)).ToList();
        }
        finally
        {
            if (probe is not null) await StopAsync(probe, probeStop).ConfigureAwait(false);
            try { dir.Delete(recursive: true); }
            catch (IOException) { Debug.WriteLine("OCR temp directory left behind: " + dir.FullName); }
        }
    }

    /// <summary>Starts the language probe on an image file (its first tesseract child starts before this returns).</summary>
    private Task<string?> ProbeAsync(string path, int dpi, CancellationToken cancellationToken) =>
        LanguageProbe.DetectAsync(async model =>
            TesseractTsv.Parse(await _tesseract.RecognizeTsvAsync(path, model, dpi, cancellationToken).ConfigureAwait(false)).SelectMany(p => p.Words).ToList());

    private static void WriteTiff(GrayImage image, string path)
    {
        using var fs = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0);
        image.WriteTiff(fs);
    }

    /// <summary>Kills a probe whose answer is no longer wanted (the page failed) and waits for it, so no child outlives the read.</summary>
    private static async Task StopAsync(Task<string?> probe, CancellationTokenSource stop)
    {
        await stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await probe.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or DocumentRejectedException or TesseractFailedException or OcrUnavailableException)
        {
            Debug.WriteLine("Language probe stopped: " + ex.GetType().Name);
        }
    }
}
