using CustomsFn.Core.Isolation;

namespace CustomsFn.Core.Extraction.Ocr;

/// <summary>
/// The host side of the OCR worker: up to <see cref="OcrOptions.Workers"/> worker processes that keep libtesseract and
/// their models loaded (<see cref="WorkerPool"/> of kind <c>ocr</c>). A worker that overruns the page timeout is killed
/// and the document rejected INPUT-TIMEOUT, as with the <c>tesseract</c> command; one that crashes fails the page.
/// </summary>
public sealed class OcrWorkerPool : IDisposable
{
    private readonly WorkerPool _pool;
    private readonly OcrOptions _options;
    private readonly IsolationOptions _isolation;

    public OcrWorkerPool(OcrOptions options, IsolationOptions isolation, (string File, string[] Prefix) command)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(isolation);
        _options = options;
        _isolation = isolation;
        var environment = new Dictionary<string, string> { ["OMP_THREAD_LIMIT"] = "1" };
        if (!string.IsNullOrWhiteSpace(options.LibraryPath)) environment[TesseractLibrary.PathVariable] = options.LibraryPath;
        _pool = new WorkerPool(OcrWorkerProtocol.Kind, OcrWorkerProtocol.Ready, options.Workers, isolation, command, environment);
    }

    /// <summary>The pool, or null when the options say to use the <c>tesseract</c> command or no worker command can be found (a test host).</summary>
    public static OcrWorkerPool? Create(OcrOptions options, IsolationOptions isolation)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(isolation);
        if (options.Recognizer == OcrRecognizer.Command) return null;
        return WorkerCommand.Resolve(isolation) is { } command ? new OcrWorkerPool(options, isolation, command) : null;
    }

    /// <summary>Worker processes started so far.</summary>
    public long WorkersStarted => _pool.WorkersStarted;

    /// <summary>Process ids of the workers alive now.</summary>
    public IReadOnlyCollection<int> LiveProcessIds => _pool.LiveProcessIds;

    /// <summary>
    /// The page's TSV, read by a worker with <paramref name="languages"/>, and libtesseract's version. Throws
    /// <see cref="DocumentRejectedException"/> (INPUT-TIMEOUT) past the page timeout, <see cref="TesseractFailedException"/>
    /// when Tesseract fails or the worker dies, <see cref="OcrUnavailableException"/> when no worker can serve.
    /// </summary>
    public async Task<(string Version, string Tsv)> RecognizeAsync(GrayImage page, string languages, int dpi, CancellationToken cancellationToken)
    {
        var request = OcrWorkerProtocol.Request(page, languages, dpi, _options.PageSegmentationMode, _options.MaxModelsPerWorker,
            _isolation.WallClockLimit(_options.PageTimeout));
        var response = await SendAsync(request, "OCR of a page", "the recogniser",
            ex => new TesseractFailedException($"The OCR worker died on this page ({ex.Exit})."), cancellationToken).ConfigureAwait(false);
        return OcrWorkerProtocol.Decode(response);
    }

    /// <summary>
    /// <paramref name="image"/> (PNG, JPEG, TIFF) decoded to gray by a worker, or null when only Tesseract can decode it.
    /// The host checks the header's limits first; the decoder's memory and faults stay in the worker. Throws
    /// <see cref="DocumentRejectedException"/> when the image is refused (the decoder's code), past the page timeout
    /// (INPUT-TIMEOUT) or when the decoder kills the worker (INPUT-CORRUPT-IMAGE); <see cref="OcrUnavailableException"/>
    /// when no worker can serve.
    /// </summary>
    public async Task<GrayImage?> DecodeAsync(ReadOnlyMemory<byte> image, CancellationToken cancellationToken)
    {
        var request = OcrWorkerProtocol.DecodeRequest(image.Span, _isolation.WallClockLimit(_options.PageTimeout));
        var response = await SendAsync(request, "Decoding the image", "the decoder",
            ex => new DocumentRejectedException(InputCodes.CorruptImage, $"The image decoder died on this image ({ex.Exit})."), cancellationToken).ConfigureAwait(false);
        return OcrWorkerProtocol.DecodeImageResponse(response);
    }

    /// <summary>One request under the page timeout: past it INPUT-TIMEOUT naming <paramref name="what"/>; a dead worker as <paramref name="died"/> says; no worker <see cref="OcrUnavailableException"/>.</summary>
    private async Task<byte[]> SendAsync(byte[] request, string what, string stopped, Func<WorkerCrashedException, Exception> died, CancellationToken cancellationToken)
    {
        try
        {
            return await _pool.RequestAsync(request, _options.PageTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (WorkerDeadlineException ex)
        {
            throw new DocumentRejectedException(InputCodes.Timeout, $"{what} did not finish within {ex.LimitText}; {stopped} was stopped.");
        }
        catch (WorkerCrashedException ex)
        {
            throw died(ex);
        }
        catch (WorkerUnavailableException ex)
        {
            throw new OcrUnavailableException("The OCR worker cannot serve: " + ex.Message, ex);
        }
    }

    public void Dispose() => _pool.Dispose();
}
