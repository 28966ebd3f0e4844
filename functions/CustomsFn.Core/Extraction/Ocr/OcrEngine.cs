using System.Diagnostics;
using CustomsFn.Core.Extraction.Layout;
using CustomsFn.Core.Extraction.Ocr.Paddle;
using Microsoft.ML.OnnxRuntime;

namespace CustomsFn.Core.Extraction.Ocr;

/// <summary>
/// Reads scanned pages: header limits (a pixel bomb is refused before decoding), decode to gray (in an OCR worker), skew estimate, a
/// language probe on a small straightened copy of the page top, rotation, dust and table-rule removal, then Tesseract
/// TSV of the prepared page with the model the probe chose. Tesseract runs in the OCR worker processes
/// (<see cref="OcrWorkerPool"/>), which keep their models loaded, so a read costs the recognition only; where no worker
/// can start, as <c>tesseract</c> commands, which are started before their image is ready and load their models while
/// this process decodes and prepares the page (the probe before the decode, the final read as soon as the probe has
/// answered). Either way the images go as they are, no temporary files, and the TSV is the same.
/// Word boxes are pixels of the page as Tesseract saw it: after deskewing, in the rotated page (same size as the scan).
/// A page scanned sideways or upside down (<see cref="PageOrientation"/>) is turned by exact quarter turns before it is
/// deskewed and read; its boxes are pixels of the turned page (width and height swapped after a quarter turn) and
/// <see cref="OcrPage.TurnedDegrees"/> says by how much. The check runs only when the page's quick read is poor (the
/// language probe's, else the final read when the language is given), so an upright page pays nothing more.
/// </summary>
public sealed class OcrEngine(OcrOptions options, OcrWorkerPool? workers = null)
{
    /// <summary>How pages read by the <c>tesseract</c> command are described in <see cref="OcrPage.Recognizer"/>.</summary>
    public const string CommandRecognizer = "tesseract command";

    private readonly OcrOptions _options = options ?? throw new ArgumentNullException(nameof(options));
    private readonly TesseractRunner _tesseract = new(options);
    private readonly OcrWorkerPool? _workers = workers;
    private volatile bool _workersUnavailable;
    private long _decodedInWorkers, _decodedHere;
    private readonly Lazy<PaddleOcr?> _paddle = new(() => LoadPaddle(options));
    private static int _paddleMissingLogged;

    public OcrOptions Options => _options;

    /// <summary>True while pages go to the OCR worker processes (false once they turned out unavailable under Auto).</summary>
    public bool UsesWorkers => _workers is not null && !_workersUnavailable;

    /// <summary>Images this engine had decoded by OCR workers, and decoded in this process (where no worker could).</summary>
    public (long InWorkers, long Here) ImagesDecoded => (Interlocked.Read(ref _decodedInWorkers), Interlocked.Read(ref _decodedHere));

    /// <summary>
    /// Reads one image file (PNG, JPEG, TIFF; a multi-page TIFF gives several pages). <paramref name="languages"/> reuses
    /// the choice made for an earlier page of the same document; null detects the language.
    /// </summary>
    public async Task<IReadOnlyList<OcrPage>> ReadImageAsync(ReadOnlyMemory<byte> image, int firstPageNumber, string? languages,
        CancellationToken cancellationToken, double? dpiHint = null)
    {
        var header = ImageHeader.Read(image.Span);
        header.CheckLimits(_options, image.Span);
        if (languages is null && _options.FixedLanguages is { Length: > 0 } fixedSet) languages = fixedSet;

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var jobs = new Jobs(this, stop.Token);
        Task<(string? Detected, IPageRead Final, bool Poor)>? choice = null;
        try
        {
            // A file without its resolution is taken as A4/Letter wide: a page turned a quarter is guessed again from its new width.
            (int Dpi, int ProbeStep, int ProbeDpi) Resolution(int width)
            {
                var d = GrayImage.EffectiveDpiFor(header.DpiX ?? dpiHint, width);
                var step = Math.Max(1, (int)Math.Round(d / (double)_options.ProbeDpi));
                return (d, step, Math.Max(70, d / step));
            }
            var (dpi, probeStep, probeDpi) = Resolution(header.Width);
            IPageRead? probe = null, final = null;
            void StartEarly()
            {
                if (languages is null) probe = jobs.Start(LanguageProbe.LatinProbe, probeDpi);
                else final = jobs.Start(languages, dpi);
            }
            // PNG and JPEG always decode here (or are rejected as corrupt): their children start before the decode.
            var early = header.Kind != "TIFF";
            if (early) StartEarly();
            var gray = await DecodeAsync(image, header, stop.Token).ConfigureAwait(false);
            if (gray is null)
            {
                // Not decodable here (e.g. a CCITT G4 or multi-page TIFF): Tesseract reads the file as it is.
                return await ReadFileAsync(image, header, firstPageNumber, languages, cancellationToken).ConfigureAwait(false);
            }
            if (dpiHint is not null && gray.Dpi is null) gray = new GrayImage(gray.Width, gray.Height, gray.Pixels, dpiHint);
            if (!early) StartEarly();

            // The page as decoded (cleaned in place when it is not deskewed: the cleaning does not depend on the
            // orientation), which a turn starts from.
            var source = gray;
            var turns = 0;
            // A phone photo: the page straightened and evenly lit first (a scan is left as it is).
            var photo = false;
            if (_options.CorrectPhotos && PhotoCorrection.Correct(source) is { } straightened)
            {
                (source, photo) = (straightened, true);
                (dpi, probeStep, probeDpi) = Resolution(source.Width);
            }
            var (skew, deskewed) = EstimateSkew(source);
            if (probe is not null) choice = ChooseAsync(probe, ProbeTops(source, skew, deskewed, probeStep), probeDpi, dpi, jobs);
            var (page, specks) = Prepare(source, skew, deskewed);

            string? detected = null;
            if (choice is not null)
            {
                bool poor;
                (detected, final, poor) = await choice.ConfigureAwait(false);
                choice = null;
                if (poor && _options.DetectOrientation && (turns = await QuarterTurnsAsync(source, header.DpiX ?? dpiHint, jobs, TurnModel(detected)).ConfigureAwait(false)) != 0)
                {
                    // Turned: the probe read turned text, so the language is probed again on the upright page.
                    var carried = deskewed ? 0 : specks;
                    source = source.RotateQuarterTurns(turns);
                    (dpi, probeStep, probeDpi) = Resolution(source.Width);
                    (skew, deskewed) = EstimateSkew(source);
                    choice = ChooseAsync(jobs.Start(LanguageProbe.LatinProbe, probeDpi), ProbeTops(source, skew, deskewed, probeStep), probeDpi, dpi, jobs);
                    (page, specks) = Prepare(source, skew, deskewed);
                    specks += carried;
                    (detected, final, _) = await choice.ConfigureAwait(false);
                    choice = null;
                }
            }
            var (pages, recognizer) = await FinalReadAsync(final ?? throw new InvalidOperationException("No final read was started."), page, firstPageNumber, stop.Token).ConfigureAwait(false);
            // Without a probe (the language given), the final read is the quick read that tells a turned page.
            if (probe is null && _options.DetectOrientation && pages.Count == 1
                && PageOrientation.IsPoorRead(pages[0].Words, page.Width, page.Height, dpi, _options)
                && (turns = await QuarterTurnsAsync(source, header.DpiX ?? dpiHint, jobs, TurnModel(final.Languages)).ConfigureAwait(false)) != 0)
            {
                var carried = deskewed ? 0 : specks;
                source = source.RotateQuarterTurns(turns);
                dpi = Resolution(source.Width).Dpi;
                (skew, deskewed) = EstimateSkew(source);
                (page, specks) = Prepare(source, skew, deskewed);
                specks += carried;
                final = jobs.Start(final.Languages, dpi);
                (pages, recognizer) = await FinalReadAsync(final, page, firstPageNumber, stop.Token).ConfigureAwait(false);
            }
            if (pages.Count > _options.MaxPages) pages = pages.Take(_options.MaxPages).ToList();
            return pages.Select(p => new OcrPage(p, skew, deskewed, dpi, final.Languages, detected, specks, recognizer, turns * 90, photo)).ToList();
        }
        finally
        {
            if (choice is not null)
            {
                // The page failed while the probe ran: stop it and wait, so that no child outlives the read.
                await stop.CancelAsync().ConfigureAwait(false);
                try
                {
                    await choice.ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is OperationCanceledException or DocumentRejectedException or TesseractFailedException or OcrUnavailableException)
                {
                    Debug.WriteLine("Language probe stopped: " + ex.GetType().Name);
                }
            }
            jobs.Dispose();
        }
    }

    /// <summary>
    /// The prepared page read by the engine its language goes to (<see cref="OcrOptions.Engine"/>): PaddleOCR in this
    /// process, or <paramref name="final"/>'s Tesseract read; and what read it.
    /// </summary>
    private async Task<(IReadOnlyList<PageText> Pages, string Recognizer)> FinalReadAsync(IPageRead final, GrayImage page, int firstPageNumber, CancellationToken cancellationToken)
    {
        if (ReadsWithPaddle(final.Languages) && _paddle.Value is { } paddle)
        {
            var text = await Task.Run(() => paddle.Read(page, firstPageNumber), cancellationToken).ConfigureAwait(false);
            return ([text], PaddleOcr.RecognizerName);
        }
        var tsv = await final.RecognizeAsync(page).ConfigureAwait(false);
        return (TesseractTsv.Parse(tsv, firstPageNumber), final.Recognizer);
    }

    /// <summary>Whether a page the probe gave <paramref name="languages"/> goes to PaddleOCR (when its models are there).</summary>
    public bool ReadsWithPaddle(string languages) => _options.Engine switch
    {
        OcrEngineKind.Paddle => true,
        OcrEngineKind.Tesseract => false,
        _ => _options.PaddleFor.Split('+', ',', ' ').Contains(languages, StringComparer.Ordinal),
    };

    /// <summary>True when the PaddleOCR models are loaded (loads them on first use); false when they are missing or cannot load.</summary>
    public bool PaddleAvailable => _paddle.Value is not null;

    private static PaddleOcr? LoadPaddle(OcrOptions options)
    {
        if (options.Engine == OcrEngineKind.Tesseract) return null;
        string? reason;
        var folder = PaddleOcr.FindModels(options.PaddleModels);
        if (folder is null) reason = $"the models are not installed ({(string.IsNullOrWhiteSpace(options.PaddleModels) ? PaddleOcr.NpmAssets : options.PaddleModels)}: scripts/bootstrap.sh --ocr)";
        else
        {
            try
            {
                return PaddleOcr.Load(folder, Math.Max(1, options.PaddleThreads), options.PaddleDetectionSide);
            }
            catch (Exception ex) when (ex is OnnxRuntimeException or DllNotFoundException or IOException or BadImageFormatException or TypeInitializationException or ArgumentException)
            {
                reason = $"the models in {folder} cannot be loaded ({ex.GetType().Name}: {ex.Message})";
            }
        }
        if (Interlocked.Exchange(ref _paddleMissingLogged, 1) == 0)
            Console.Error.WriteLine($"customsfn: PaddleOCR unavailable, pages it would read are read by Tesseract: {reason}.");
        return null;
    }

    private (double Skew, bool Deskewed) EstimateSkew(GrayImage page)
    {
        var skew = Deskew.EstimateDegrees(page, _options.MaxSkewDegrees);
        return (skew, Math.Abs(skew) >= _options.MinSkewDegrees && Math.Abs(skew) < _options.MaxSkewDegrees);
    }

    /// <summary>
    /// The page top, straightened, at about ProbeDpi: titles and labels tell the language. The probe runs while the
    /// page is prepared (in a worker, or a child whose answer starts the final read's child, which then loads its
    /// model meanwhile). The Latin probe's top and the larger CJK probe's top.
    /// </summary>
    private (GrayImage Latin, GrayImage Cjk) ProbeTops(GrayImage page, double skew, bool deskewed, int probeStep)
    {
        var share = Math.Max(_options.ScriptDetectionShare, _options.CjkProbeShare);
        var top = page.RotatedCrop(deskewed ? -skew : 0, 0, (int)(page.Height * share), probeStep);
        return (top.Crop(0, (int)(top.Height * _options.ScriptDetectionShare / share), 1), top.Crop(0, (int)(top.Height * _options.CjkProbeShare / share), 1));
    }

    /// <summary>
    /// Straightens the page (a new image) when it is skewed, then removes dust and table rules in place: of
    /// <paramref name="page"/> itself when it is not deskewed.
    /// </summary>
    private (GrayImage Page, int Specks) Prepare(GrayImage page, double skew, bool deskewed)
    {
        var specks = 0;
        if (deskewed) page = page.Rotate(-skew);
        // One threshold for both cleanings: removing specks whitens a few hundred pixels, which does not move it.
        var ink = page.OtsuThreshold();
        if (_options.Despeckle) specks = Despeckle.Clean(page, ink);
        // Table rules and box borders go before OCR: Tesseract drops or garbles the text of ruled cells.
        RuleRemoval.Clean(page, ink);
        return (page, specks);
    }

    /// <summary>
    /// The model the turned copies of a page are read with: the Japanese probe's for a page in Chinese or Japanese (the
    /// English model reads an upright CJK page as few confident words, and its upside-down digits and Latin names as more),
    /// else the Latin probe's.
    /// </summary>
    internal static string TurnModel(string? languageOrModels) =>
        languageOrModels is { } l && (l is "ja" or "zh" || l.Contains("jpn", StringComparison.Ordinal) || l.Contains("chi_", StringComparison.Ordinal))
            ? LanguageProbe.CjkProbe : LanguageProbe.LatinProbe;

    /// <summary>
    /// The quarter turns (clockwise) that make a poorly read page upright (<see cref="PageOrientation"/>), 0 when none
    /// is clearly better: the whole page at about <see cref="OcrOptions.OrientationDpi"/>, read with
    /// <paramref name="model"/> (<see cref="TurnModel"/>) turned by 0, 1, 2 and 3 quarters, the four reads at once.
    /// </summary>
    private async Task<int> QuarterTurnsAsync(GrayImage page, double? fileDpi, Jobs jobs, string model)
    {
        // Without the file's resolution, the page's shorter side is taken as its width: a sideways page's width is its height.
        var dpi = GrayImage.EffectiveDpiFor(fileDpi, Math.Min(page.Width, page.Height));
        var step = Math.Max(1, (int)Math.Round(dpi / (double)_options.OrientationDpi));
        var smallDpi = Math.Max(70, dpi / step);
        var small = page.Crop(0, page.Height, step);
        var reads = Enumerable.Range(0, 4).Select(async turns =>
        {
            var job = jobs.Start(model, smallDpi);
            var words = TesseractTsv.Parse(await job.RecognizeAsync(small.RotateQuarterTurns(turns)).ConfigureAwait(false)).SelectMany(p => p.Words);
            return PageOrientation.ConfidentWords(words, _options.OrientationWordConfidence);
        }).ToList();
        return PageOrientation.ChooseQuarterTurns(await Task.WhenAll(reads).ConfigureAwait(false), _options);
    }

    /// <summary>
    /// The image decoded to gray by an OCR worker (the decoders never run in this process while workers serve); in
    /// this process only where no worker can (the <c>tesseract</c> command fallback, or a test host).
    /// </summary>
    private async Task<GrayImage?> DecodeAsync(ReadOnlyMemory<byte> image, ImageHeader header, CancellationToken cancellationToken)
    {
        if (UsesWorkers)
        {
            try
            {
                var decoded = await _workers!.DecodeAsync(image, cancellationToken).ConfigureAwait(false);
                Interlocked.Increment(ref _decodedInWorkers);
                return decoded;
            }
            catch (OcrUnavailableException ex) when (_options.Recognizer == OcrRecognizer.Auto)
            {
                _workersUnavailable = true;
                Debug.WriteLine("OCR worker unavailable, decoding here and using the tesseract command: " + ex.Message);
            }
        }
        Interlocked.Increment(ref _decodedHere);
        return GrayImage.Decode(image.Span, header);
    }

    /// <summary>
    /// The probe's answer (English model on the page top, then the Japanese model on a larger top when the page is not
    /// Latin), the final read's child, started with that model, and whether the probe's read (of the model that
    /// answered) was poor for its area (<see cref="PageOrientation.IsPoorRead"/>): the page may be turned.
    /// </summary>
    private async Task<(string? Detected, IPageRead Final, bool Poor)> ChooseAsync(IPageRead latinProbe, (GrayImage Latin, GrayImage Cjk) tops, int probeDpi, int dpi, Jobs jobs)
    {
        IReadOnlyList<TextWord> latinWords = [], cjkWords = [];
        var detected = await LanguageProbe.DetectAsync(async model =>
        {
            var latin = model == latinProbe.Languages;
            var job = latin ? latinProbe : jobs.Start(model, probeDpi);
            var words = TesseractTsv.Parse(await job.RecognizeAsync(latin ? tops.Latin : tops.Cjk).ConfigureAwait(false)).SelectMany(p => p.Words).ToList();
            if (latin) latinWords = words;
            else cjkWords = words;
            return words;
        }).ConfigureAwait(false);
        var languages = detected is not null && LanguageProbe.TesseractModel.TryGetValue(detected, out var model) ? model : _options.LatinLanguages;
        var poor = detected is "ja" or "zh"
            ? PageOrientation.IsPoorRead(cjkWords, tops.Cjk.Width, tops.Cjk.Height, probeDpi, _options)
            : PageOrientation.IsPoorRead(latinWords, tops.Latin.Width, tops.Latin.Height, probeDpi, _options);
        return (detected, jobs.Start(languages, dpi), poor);
    }

    /// <summary>An image only Tesseract decodes (multi-page or CCITT TIFF): written to a temporary file and read from it, probe included.</summary>
    private async Task<IReadOnlyList<OcrPage>> ReadFileAsync(ReadOnlyMemory<byte> image, ImageHeader header, int firstPageNumber, string? languages,
        CancellationToken cancellationToken)
    {
        var dir = Directory.CreateTempSubdirectory("customsfn-ocr-");
        try
        {
            var path = Path.Combine(dir.FullName, "page.tif");
            await File.WriteAllBytesAsync(path, image, cancellationToken).ConfigureAwait(false);
            var dpi = GrayImage.EffectiveDpiFor(header.DpiX, header.Width);
            string? detected = null;
            if (languages is null)
            {
                detected = await LanguageProbe.DetectAsync(async model =>
                    TesseractTsv.Parse(await _tesseract.RecognizeTsvAsync(path, model, dpi, cancellationToken).ConfigureAwait(false)).SelectMany(p => p.Words).ToList()).ConfigureAwait(false);
                languages = detected is not null && LanguageProbe.TesseractModel.TryGetValue(detected, out var model) ? model : _options.LatinLanguages;
            }
            var tsv = await _tesseract.RecognizeTsvAsync(path, languages, dpi, cancellationToken).ConfigureAwait(false);
            var pages = TesseractTsv.Parse(tsv, firstPageNumber);
            if (pages.Count > _options.MaxPages) pages = pages.Take(_options.MaxPages).ToList();
            return pages.Select(p => new OcrPage(p, 0, false, dpi, languages, detected, 0)).ToList();
        }
        finally
        {
            try { dir.Delete(recursive: true); }
            catch (IOException) { Debug.WriteLine("OCR temp directory left behind: " + dir.FullName); }
        }
    }

    /// <summary>
    /// The Tesseract reads of one page, started on demand (from the probe's continuation too): requests to the OCR
    /// workers, or tesseract children, which are all killed at the page's end.
    /// </summary>
    private sealed class Jobs(OcrEngine engine, CancellationToken stop) : IDisposable
    {
        private readonly List<IPageRead> _started = [];
        private readonly Lock _lock = new();

        public IPageRead Start(string languages, int dpi)
        {
            stop.ThrowIfCancellationRequested();
            IPageRead job = engine.UsesWorkers ? new WorkerRead(engine, languages, dpi, stop) : engine._tesseract.StartTsv(languages, dpi, stop);
            lock (_lock) _started.Add(job);
            return job;
        }

        public void Dispose()
        {
            lock (_lock)
            {
                foreach (var job in _started) job.Dispose();
                _started.Clear();
            }
        }
    }

    /// <summary>
    /// A read by an OCR worker. Under <see cref="OcrRecognizer.Auto"/> a worker that cannot start (no libtesseract, no
    /// worker command) sends this and every later read to the <c>tesseract</c> command.
    /// </summary>
    private sealed class WorkerRead(OcrEngine engine, string languages, int dpi, CancellationToken stop) : IPageRead
    {
        public string Languages => languages;

        public string Recognizer { get; private set; } = CommandRecognizer;

        public async Task<string> RecognizeAsync(GrayImage image)
        {
            if (engine.UsesWorkers)
            {
                try
                {
                    var (version, tsv) = await engine._workers!.RecognizeAsync(image, languages, dpi, stop).ConfigureAwait(false);
                    Recognizer = "libtesseract " + version + " worker";
                    return tsv;
                }
                catch (OcrUnavailableException ex) when (engine._options.Recognizer == OcrRecognizer.Auto)
                {
                    engine._workersUnavailable = true;
                    Debug.WriteLine("OCR worker unavailable, using the tesseract command: " + ex.Message);
                }
            }
            using var job = engine._tesseract.StartTsv(languages, dpi, stop);
            return await job.RecognizeAsync(image.ToPackBitsTiff()).ConfigureAwait(false);
        }

        public void Dispose()
        {
            // Nothing to stop: a worker request ends with the page's cancellation token.
        }
    }
}
