using System.Buffers.Binary;
using System.Text;
using CustomsFn.Core.Pipeline;

namespace CustomsFn.Core.Extraction.Ocr;

/// <summary>
/// The frames between the host and the OCR worker (<c>APP --customsfn-isolate ocr</c>). Request: deadline (ms), page
/// segmentation mode, dpi, width, height, most models to keep loaded, the Tesseract languages, then the page's 8-bit
/// gray pixels row by row. Response: status 0, libtesseract's version and the TSV rows; status 1 (or 2: the worker exits
/// after it), an error code and message.
/// </summary>
public static class OcrWorkerProtocol
{
    public const string Kind = "ocr";

    /// <summary>The first frame an OCR worker sends once libtesseract is loaded.</summary>
    public static readonly byte[] Ready = "customsfn-ocr-worker/1"u8.ToArray();

    private const int HeaderBytes = 24;
    private const byte StatusOk = 0, StatusFailed = 1, StatusFailedRetiring = WorkerPool.RetiringStatus;

    /// <summary>Error codes of a failed response.</summary>
    public const string Failed = "failed", Unavailable = "unavailable";

    public static byte[] Request(GrayImage page, string languages, int dpi, int pageSegmentationMode, int maxModels, TimeSpan deadline)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentException.ThrowIfNullOrWhiteSpace(languages);
        var language = Encoding.UTF8.GetBytes(languages);
        var buffer = new byte[HeaderBytes + 4 + language.Length + page.Pixels.Length];
        var span = buffer.AsSpan();
        BinaryPrimitives.WriteInt32LittleEndian(span, (int)Math.Clamp(deadline.TotalMilliseconds, 1, int.MaxValue));
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], pageSegmentationMode);
        BinaryPrimitives.WriteInt32LittleEndian(span[8..], dpi);
        BinaryPrimitives.WriteInt32LittleEndian(span[12..], page.Width);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], page.Height);
        BinaryPrimitives.WriteInt32LittleEndian(span[20..], maxModels);
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], language.Length);
        language.CopyTo(span[28..]);
        page.Pixels.CopyTo(span[(28 + language.Length)..]);
        return buffer;
    }

    /// <summary>A decoded request; null when the frame is malformed.</summary>
    internal static (TimeSpan Deadline, int Psm, int Dpi, int Width, int Height, int MaxModels, string Languages, ReadOnlyMemory<byte> Pixels)? Parse(byte[] request)
    {
        if (request.Length < HeaderBytes + 4) return null;
        var span = request.AsSpan();
        var deadline = TimeSpan.FromMilliseconds(BinaryPrimitives.ReadInt32LittleEndian(span));
        var psm = BinaryPrimitives.ReadInt32LittleEndian(span[4..]);
        var dpi = BinaryPrimitives.ReadInt32LittleEndian(span[8..]);
        var width = BinaryPrimitives.ReadInt32LittleEndian(span[12..]);
        var height = BinaryPrimitives.ReadInt32LittleEndian(span[16..]);
        var maxModels = BinaryPrimitives.ReadInt32LittleEndian(span[20..]);
        var languageLength = BinaryPrimitives.ReadInt32LittleEndian(span[24..]);
        if (languageLength is <= 0 or > 256 || 28 + languageLength > request.Length) return null;
        var languages = Encoding.UTF8.GetString(span.Slice(28, languageLength));
        var pixels = new ReadOnlyMemory<byte>(request, 28 + languageLength, request.Length - 28 - languageLength);
        if (width <= 0 || height <= 0 || (long)width * height != pixels.Length || psm is < 0 or > 13 || dpi is < 1 or > 2400) return null;
        return (deadline, psm, dpi, width, height, Math.Max(1, maxModels), languages, pixels);
    }

    internal static byte[] Ok(string version, string tsv)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(StatusOk);
            writer.Write(version);
            writer.Write(tsv);
        }
        return buffer.ToArray();
    }

    internal static byte[] Failure(string code, string message, bool retiring = false)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(retiring ? StatusFailedRetiring : StatusFailed);
            writer.Write(code);
            writer.Write(message);
        }
        return buffer.ToArray();
    }

    /// <summary>Decodes a response: libtesseract's version and the TSV, or throws <see cref="TesseractFailedException"/> with the worker's message.</summary>
    public static (string Version, string Tsv) Decode(byte[] response)
    {
        ArgumentNullException.ThrowIfNull(response);
        using var reader = new BinaryReader(new MemoryStream(response, writable: false), Encoding.UTF8);
        var status = reader.ReadByte();
        if (status == StatusOk) return (reader.ReadString(), reader.ReadString());
        if (status is not StatusFailed and not StatusFailedRetiring) throw new InvalidDataException("Unknown OCR worker response.");
        var code = reader.ReadString();
        var message = reader.ReadString();
        if (code == Unavailable) throw new OcrUnavailableException(message);
        throw new TesseractFailedException(message);
    }
}

/// <summary>
/// The OCR worker's side: libtesseract loaded once, and up to the request's number of models kept loaded (least
/// recently used first out), so a page costs its recognition only, not the start of a process and the loading of a
/// model (which the <c>tesseract</c> command pays on every page). One page at a time, on a thread with an 8 MiB stack
/// (the stack Tesseract has as a command).
/// </summary>
public sealed class OcrWorkerHandler : IWorkerHandler
{
    private const int StackBytes = 8 * 1024 * 1024;
    private readonly LinkedList<TesseractLibrary.Model> _models = [];
    private TesseractLibrary? _library;

    public ReadOnlyMemory<byte> Ready => OcrWorkerProtocol.Ready;

    /// <summary>A page of at most the default pixel limit (60 megapixels) and its header.</summary>
    public int MaxRequestBytes => 256 * 1024 * 1024;

    /// <summary>Loads libtesseract. The pool starts workers with OMP_THREAD_LIMIT=1 in their environment (Tesseract's OpenMP threads make it several times slower on shared cores).</summary>
    public string? Initialize()
    {
        try
        {
            _library = TesseractLibrary.Load();
            return null;
        }
        catch (OcrUnavailableException ex)
        {
            return ex.Message;
        }
    }

    public (TimeSpan Deadline, Task<(byte[] Response, bool Retire)> Work) Start(byte[] request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (OcrWorkerProtocol.Parse(request) is not { } r)
            return (TimeSpan.Zero, Task.FromResult((OcrWorkerProtocol.Failure(OcrWorkerProtocol.Failed, "Malformed request to the OCR worker."), false)));
        return (r.Deadline, IsolationWorker.OnThread(() => Handle(r.Languages, r.MaxModels, r.Pixels.Span, r.Width, r.Height, r.Dpi, r.Psm), StackBytes, "ocr-page"));
    }

    private (byte[] Response, bool Retire) Handle(string languages, int maxModels, ReadOnlySpan<byte> pixels, int width, int height, int dpi, int psm)
    {
        if (_library is null) return (OcrWorkerProtocol.Failure(OcrWorkerProtocol.Unavailable, "The OCR worker was not initialised."), false);
        try
        {
            var model = Model(languages, maxModels);
            return (OcrWorkerProtocol.Ok(_library.Version, model.RecognizeTsv(pixels, width, height, dpi, psm)), false);
        }
        catch (TesseractFailedException ex)
        {
            return (OcrWorkerProtocol.Failure(OcrWorkerProtocol.Failed, ex.Message), false);
        }
        catch (OutOfMemoryException)
        {
            return (OcrWorkerProtocol.Failure(OcrWorkerProtocol.Failed, "The OCR worker ran out of memory on this page.", retiring: true), true);
        }
    }

    /// <summary>The loaded model for these languages, loading it (and unloading the least recently used beyond <paramref name="maxModels"/>).</summary>
    private TesseractLibrary.Model Model(string languages, int maxModels)
    {
        for (var node = _models.First; node is not null; node = node.Next)
        {
            if (node.Value.Languages != languages) continue;
            _models.Remove(node);
            _models.AddFirst(node);
            return node.Value;
        }
        var model = _library!.CreateModel(languages);
        _models.AddFirst(model);
        while (_models.Count > maxModels)
        {
            var last = _models.Last!.Value;
            _models.RemoveLast();
            last.Dispose();
        }
        return model;
    }
}

/// <summary>
/// The host side of the OCR worker: up to <see cref="OcrOptions.Workers"/> worker processes that keep libtesseract and
/// their models loaded (<see cref="WorkerPool"/> of kind <c>ocr</c>). A worker that overruns the page timeout is killed
/// and the document rejected INPUT-TIMEOUT, as with the <c>tesseract</c> command; one that crashes fails the page.
/// </summary>
public sealed class OcrWorkerPool : IDisposable
{
    private readonly WorkerPool _pool;
    private readonly OcrOptions _options;

    public OcrWorkerPool(OcrOptions options, IsolationOptions isolation, (string File, string[] Prefix) command)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(isolation);
        _options = options;
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
        return PdfWorkerProtocol.ResolveCommand(isolation) is { } command ? new OcrWorkerPool(options, isolation, command) : null;
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
        var request = OcrWorkerProtocol.Request(page, languages, dpi, _options.PageSegmentationMode, _options.MaxModelsPerWorker, _options.PageTimeout);
        byte[] response;
        try
        {
            response = await _pool.RequestAsync(request, _options.PageTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (WorkerDeadlineException)
        {
            throw new DocumentRejectedException(InputCodes.Timeout,
                $"OCR of a page did not finish within {_options.PageTimeout.TotalSeconds:0.#} s; the recogniser was stopped.");
        }
        catch (WorkerCrashedException ex)
        {
            throw new TesseractFailedException($"The OCR worker died on this page ({ex.Exit}).");
        }
        catch (WorkerUnavailableException ex)
        {
            throw new OcrUnavailableException("The OCR worker cannot serve: " + ex.Message, ex);
        }
        return OcrWorkerProtocol.Decode(response);
    }

    public void Dispose() => _pool.Dispose();
}
