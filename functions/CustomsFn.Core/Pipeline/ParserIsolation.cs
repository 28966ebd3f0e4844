using System.Buffers.Binary;
using System.Reflection;
using CustomsFn.Core.Extraction.Pdf;

namespace CustomsFn.Core.Pipeline;

/// <summary>
/// Where PDFs are parsed. PdfPig recurses without a bound on some hostile structures (a stack overflow cannot be caught
/// in .NET: it would take the host and every document in flight with it) and spins for minutes on others without
/// honouring cancellation. With isolation on, every PDF is read by a long-lived PDF worker process (<see cref="PdfWorkerPool"/>):
/// the worker does the whole PdfPig read and returns the words, the embedded invoice and the scan images; the host never
/// runs PdfPig on the upload. A worker that overruns <see cref="Timeout"/> is killed (INPUT-TIMEOUT), one that dies
/// (stack overflow, out of memory under <see cref="MaxMemoryMb"/>) rejects the document (INPUT-CORRUPT-PDF); the next
/// PDF starts a fresh worker. Configuration section <c>Pipeline:Isolation</c>.
/// </summary>
public sealed class IsolationOptions
{
    /// <summary>Read PDFs in the worker process (default true). Off: PDFs are read in-process (trusted sources only).</summary>
    public bool Pdf { get; set; } = true;

    /// <summary>
    /// Every PDF goes to the worker (default true). False: only PDFs with a structure that can make PdfPig recurse
    /// (<see cref="PdfGuard.NeedsIsolation"/>); the others are read in the host, where a slow parse cannot be stopped.
    /// </summary>
    public bool AllPdfs { get; set; } = true;

    /// <summary>Worker processes per host (default 1): at most this many PDFs are read at once; others wait their turn.</summary>
    public int Workers { get; set; } = 1;

    /// <summary>
    /// The worker executable. Empty (default): the running application itself (its apphost, or <c>dotnet</c> with the
    /// entry assembly), which must hand the arguments below to <see cref="IsolationWorker.RunAsync"/> before anything else.
    /// </summary>
    public string? Command { get; set; }

    /// <summary>Arguments before the parser name when <see cref="Command"/> is set (e.g. the path of <c>CustomsFn.Cli.dll</c>).</summary>
    public string? CommandArguments { get; set; }

    /// <summary>
    /// Longest one PDF may take in the worker before the worker is killed and the document rejected (INPUT-TIMEOUT).
    /// Default 30 s. Counted from when a worker takes the PDF (starting a worker and waiting for a free one are not).
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest a new worker may take to start and say it is ready (default 60 s; a busy machine starts .NET slowly).</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The worker's GC heap hard limit in MiB (DOTNET_GCHeapHardLimit): a PDF that needs more is refused. Default 1024.</summary>
    public int MaxMemoryMb { get; set; } = 1024;
}

/// <summary>What a worker process does with its requests (<see cref="IsolationWorker"/> runs the loop).</summary>
public interface IWorkerHandler
{
    /// <summary>Prepares the worker; null when it can serve, else why not (sent to the host instead of the ready frame).</summary>
    string? Initialize();

    /// <summary>The first frame a ready worker sends.</summary>
    ReadOnlyMemory<byte> Ready { get; }

    /// <summary>Largest request frame accepted.</summary>
    int MaxRequestBytes { get; }

    /// <summary>Starts one request: its deadline, and the task that gives the response and whether the worker retires after it.</summary>
    (TimeSpan Deadline, Task<(byte[] Response, bool Retire)> Work) Start(byte[] request);
}

/// <summary>
/// The worker side (<c>APP --customsfn-isolate pdf|ocr</c>): serves requests over stdin/stdout until stdin ends. Frames
/// are a 4-byte little-endian length and that many bytes. The worker first sends its ready frame (or <c>!reason</c> when
/// it cannot serve, e.g. the OCR worker without libtesseract); each request is answered by one response. While a
/// request runs the worker keeps reading stdin, so that when the host goes away (stdin ends) it exits at once even if the
/// work spins; it also gives up by itself well past the request's deadline. Nothing else may write to stdout: console
/// output is sent to stderr.
/// </summary>
public static class IsolationWorker
{
    /// <summary>The first argument that selects worker mode in the hosts' entry points.</summary>
    public const string Argument = "--customsfn-isolate";

    /// <summary>The parse thread's stack in the worker: below the host's thread-pool stack, so the check is conservative.</summary>
    public const int WorkerStackBytes = 1024 * 1024;

    /// <summary>How long past a request's deadline the worker waits for itself before exiting (the host kills it first).</summary>
    public static readonly TimeSpan SelfDeadlineGrace = TimeSpan.FromSeconds(10);

    /// <summary>The entry points' call: serves on this process's stdin/stdout, with console output moved to stderr.</summary>
    public static Task<int> RunAsync(string parser)
    {
        Console.SetOut(Console.Error);
        return RunAsync(parser, Console.OpenStandardInput(), Console.OpenStandardOutput());
    }

    /// <summary>Runs one request's work on a background thread of its own, with the given stack.</summary>
    public static Task<(byte[] Response, bool Retire)> OnThread(Func<(byte[] Response, bool Retire)> work, int stackBytes, string name)
    {
        ArgumentNullException.ThrowIfNull(work);
        var done = new TaskCompletionSource<(byte[], bool)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() => done.SetResult(work()), stackBytes) { IsBackground = true, Name = name };
        thread.Start();
        return done.Task;
    }

    /// <summary>The handler for a worker kind, or null when there is no such kind.</summary>
    public static IWorkerHandler? Handler(string parser) => parser switch
    {
        "pdf" => new PdfWorkerHandler(),
        Extraction.Ocr.OcrWorkerProtocol.Kind => new Extraction.Ocr.OcrWorkerHandler(),
        _ => null,
    };

    /// <summary>Exit codes: 0 stdin ended; 2 bad usage; 3 retired after running out of memory; 4 past its own deadline; 5 protocol error; 6 cannot serve.</summary>
    public static async Task<int> RunAsync(string parser, Stream input, Stream output)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        if (Handler(parser) is not { } handler)
        {
            await Console.Error.WriteLineAsync($"unknown parser {parser}").ConfigureAwait(false);
            return 2;
        }
        if (handler.Initialize() is { } refusal)
        {
            await PdfWorkerProtocol.WriteFrameAsync(output, System.Text.Encoding.UTF8.GetBytes("!" + refusal), CancellationToken.None).ConfigureAwait(false);
            return 6;
        }
        await PdfWorkerProtocol.WriteFrameAsync(output, handler.Ready, CancellationToken.None).ConfigureAwait(false);
        var pending = PdfWorkerProtocol.ReadFrameAsync(input, handler.MaxRequestBytes);
        while (true)
        {
            byte[]? request;
            try
            {
                request = await pending.ConfigureAwait(false);
            }
            catch (InvalidDataException)
            {
                return 5;
            }
            if (request is null) return 0;
            // Watch stdin during the work: it ends when the host is gone (or has killed us, which ends things anyway).
            pending = PdfWorkerProtocol.ReadFrameAsync(input, handler.MaxRequestBytes);
            var (deadline, work) = handler.Start(request);
            var watchdog = Task.Delay(deadline + SelfDeadlineGrace);
            var first = await Task.WhenAny(work, pending, watchdog).ConfigureAwait(false);
            if (first == watchdog) return 4;
            if (first == pending && (pending.IsFaulted || pending.Result is null)) return 0;
            // A frame arrived before the answer: not the protocol (the host waits). Finish this one, then serve that.
            var done = await Task.WhenAny(work, watchdog).ConfigureAwait(false);
            if (done == watchdog) return 4;
            var (response, retire) = await work.ConfigureAwait(false);
            await PdfWorkerProtocol.WriteFrameAsync(output, response, CancellationToken.None).ConfigureAwait(false);
            if (retire) return 3;
        }
    }

    /// <summary>The PDF worker: PdfPig reads of whole PDFs (<see cref="PdfWorkerProtocol"/>).</summary>
    private sealed class PdfWorkerHandler : IWorkerHandler
    {
        public string? Initialize() => null;
        public ReadOnlyMemory<byte> Ready => PdfWorkerProtocol.Ready;
        public int MaxRequestBytes => PdfWorkerProtocol.MaxRequestBytes;
        public (TimeSpan Deadline, Task<(byte[] Response, bool Retire)> Work) Start(byte[] request) => PdfWorkerProtocol.Start(request);
    }
}

/// <summary>The frames between host and PDF worker, and the worker's handling of one request.</summary>
public static class PdfWorkerProtocol
{
    /// <summary>The first frame a worker sends.</summary>
    public static readonly byte[] Ready = "customsfn-pdf-worker/1"u8.ToArray();

    /// <summary>Largest request frame (an upload is at most <c>Pipeline:MaxUploadBytes</c>, 50 MiB by default).</summary>
    public const int MaxRequestBytes = int.MaxValue - 64;

    /// <summary>Largest response frame (words and scan images of up to 500 pages).</summary>
    public const int MaxResponseBytes = 1024 * 1024 * 1024;

    private const byte StatusOk = 0, StatusRejected = 1, StatusRejectedRetiring = WorkerPool.RetiringStatus;

    /// <summary>Request: deadline (ms), image limits, then the PDF bytes.</summary>
    public static byte[] Request(ReadOnlyMemory<byte> pdf, PdfReadLimits limits, TimeSpan deadline)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var buffer = new byte[24 + pdf.Length];
        BinaryPrimitives.WriteInt32LittleEndian(buffer, (int)Math.Clamp(deadline.TotalMilliseconds, 1, int.MaxValue));
        BinaryPrimitives.WriteInt64LittleEndian(buffer.AsSpan(4), limits.MaxImagePixels);
        BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(12), limits.MaxImageSide);
        BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(16), limits.MaxImagePages);
        pdf.Span.CopyTo(buffer.AsSpan(24));
        return buffer;
    }

    /// <summary>
    /// Starts reading the request's PDF on a thread with <see cref="IsolationWorker.WorkerStackBytes"/> of stack; the task
    /// gives the response frame and whether the worker should retire afterwards (it ran out of memory).
    /// </summary>
    public static (TimeSpan Deadline, Task<(byte[] Response, bool Retire)> Work) Start(byte[] request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Length < 24) return (TimeSpan.Zero, Task.FromResult((Rejected(InputCodes.Unprocessable, "Malformed request to the PDF worker."), false)));
        var deadline = TimeSpan.FromMilliseconds(BinaryPrimitives.ReadInt32LittleEndian(request));
        var limits = new PdfReadLimits(BinaryPrimitives.ReadInt64LittleEndian(request.AsSpan(4)),
            BinaryPrimitives.ReadInt32LittleEndian(request.AsSpan(12)), BinaryPrimitives.ReadInt32LittleEndian(request.AsSpan(16)));
        var pdf = new ReadOnlyMemory<byte>(request, 24, request.Length - 24);
        return (deadline, IsolationWorker.OnThread(() => Handle(pdf, limits), IsolationWorker.WorkerStackBytes, "pdf-read"));
    }

    /// <summary>Reads one PDF and encodes the answer (the worker's whole job for one request, on the calling thread).</summary>
    public static (byte[] Response, bool Retire) Handle(ReadOnlyMemory<byte> pdf, PdfReadLimits limits)
    {
        try
        {
            var readout = PdfReadout.Read(pdf, limits, CancellationToken.None);
            using var buffer = new MemoryStream();
            using (var writer = new BinaryWriter(buffer, PdfReadout.Utf8, leaveOpen: true))
            {
                writer.Write(StatusOk);
                readout.Write(writer);
            }
            return (buffer.ToArray(), false);
        }
        catch (DocumentRejectedException ex)
        {
            return (Rejected(ex.Code, ex.Message), false);
        }
        catch (OutOfMemoryException)
        {
            return (Rejected(InputCodes.PdfLimits, "Reading the PDF needed more memory than the PDF worker's limit; it was refused.", StatusRejectedRetiring), true);
        }
#pragma warning disable CA1031 // The worker answers every request: an unexpected parser exception is a rejection, not a dead worker.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return (Rejected(InputCodes.CorruptPdf, $"The PDF cannot be parsed ({ex.GetType().Name}); it may be damaged or truncated."), false);
        }
    }

    private static byte[] Rejected(string code, string message, byte status = StatusRejected)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, PdfReadout.Utf8, leaveOpen: true))
        {
            writer.Write(status);
            writer.Write(code);
            writer.Write(message);
        }
        return buffer.ToArray();
    }

    /// <summary>Decodes a response: the readout, or throws the rejection it carries.</summary>
    public static PdfReadout Decode(byte[] response)
    {
        ArgumentNullException.ThrowIfNull(response);
        using var reader = new BinaryReader(new MemoryStream(response, writable: false), PdfReadout.Utf8);
        var status = reader.ReadByte();
        if (status == StatusOk) return PdfReadout.Parse(reader);
        if (status is not StatusRejected and not StatusRejectedRetiring) throw new InvalidDataException("Unknown PDF worker response.");
        var code = reader.ReadString();
        var message = reader.ReadString();
        throw new DocumentRejectedException(code.StartsWith("INPUT-", StringComparison.Ordinal) ? code : InputCodes.Unprocessable, message);
    }

    /// <summary>True for the answer a worker sends just before it exits (it ran out of memory).</summary>
    public static bool IsRetiring(byte[] response) => response is [StatusRejectedRetiring, ..];

    public static async Task WriteFrameAsync(Stream stream, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var header = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(header, payload.Length);
        await stream.WriteAsync(header, cancellationToken).ConfigureAwait(false);
        await stream.WriteAsync(payload, cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The next frame, or null when the stream ends cleanly before one. Throws <see cref="InvalidDataException"/> on a cut or oversized frame.</summary>
    public static async Task<byte[]?> ReadFrameAsync(Stream stream, int maxBytes)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var header = new byte[4];
        var got = await stream.ReadAtLeastAsync(header, 4, throwOnEndOfStream: false).ConfigureAwait(false);
        if (got == 0) return null;
        if (got < 4) throw new InvalidDataException("The stream ended inside a frame header.");
        var length = BinaryPrimitives.ReadInt32LittleEndian(header);
        if (length < 0 || length > maxBytes) throw new InvalidDataException($"Frame of {length} bytes refused.");
        var payload = new byte[length];
        if (await stream.ReadAtLeastAsync(payload, length, throwOnEndOfStream: false).ConfigureAwait(false) < length)
            throw new InvalidDataException("The stream ended inside a frame.");
        return payload;
    }

    /// <summary>
    /// The worker command: <see cref="IsolationOptions.Command"/>, else this application itself (its apphost, or
    /// <c>dotnet</c> with the entry assembly). Null when there is none (a test host cannot serve as a worker).
    /// </summary>
    public static (string File, string[] Prefix)? ResolveCommand(IsolationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrWhiteSpace(options.Command))
            return (options.Command, string.IsNullOrWhiteSpace(options.CommandArguments)
                ? []
                : options.CommandArguments.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        var processPath = Environment.ProcessPath;
        var entry = Assembly.GetEntryAssembly()?.Location;
        if (string.IsNullOrEmpty(processPath) || string.IsNullOrEmpty(entry)) return null;
        var name = Path.GetFileNameWithoutExtension(entry);
        if (name.StartsWith("testhost", StringComparison.OrdinalIgnoreCase) || name.StartsWith("ReSharper", StringComparison.OrdinalIgnoreCase)) return null;
        var muxer = Path.GetFileNameWithoutExtension(processPath).Equals("dotnet", StringComparison.OrdinalIgnoreCase);
        return muxer ? (processPath, [entry]) : (processPath, []);
    }
}
