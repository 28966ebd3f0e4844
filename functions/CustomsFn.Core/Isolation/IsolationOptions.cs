using CustomsFn.Core.Extraction.Pdf;

namespace CustomsFn.Core.Isolation;

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

    /// <summary>
    /// PDFs read at once, one per worker process (default: the processor count, at most 4); others wait their turn. A
    /// PDF still being read after <see cref="SlowAfter"/> gives up its place (see there).
    /// </summary>
    public int Workers { get; set; } = DefaultWorkers;

    /// <summary>The processor count, at least 1 and at most 4 (each worker may grow to <see cref="MaxMemoryMb"/>).</summary>
    public static int DefaultWorkers => Math.Clamp(Environment.ProcessorCount, 1, 4);

    /// <summary>
    /// A request still running in its worker after this long (default 100 ms; an invoice takes 10-50 ms) while another
    /// request waits for a place gives up its place among the <see cref="Workers"/>: the worker goes on at the lowest CPU
    /// priority (nice 19), so the waiting documents get a worker and the processor first, and a slow document delays
    /// only itself. Its deadline is processor time, so the lower priority does not change its verdict. A long read that
    /// delays nobody is left as it is.
    /// </summary>
    public TimeSpan SlowAfter { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Requests that may run in the slow lane at once, beyond <see cref="Workers"/> (default 4); more stay in their place.</summary>
    public int MaxSlowWorkers { get; set; } = 4;

    /// <summary>
    /// The wall-clock backstop as a multiple of a request's deadline (default 4): a worker that stops using the
    /// processor (blocked, or starved on a saturated machine) is killed when this much real time has passed.
    /// </summary>
    public int WallClockFactor { get; set; } = 4;

    /// <summary>The wall-clock backstop for a request with this processor-time <paramref name="deadline"/> (the worker's own watchdog uses it too).</summary>
    public TimeSpan WallClockLimit(TimeSpan deadline) => deadline * Math.Max(1, WallClockFactor);

    /// <summary>
    /// The worker executable. Empty (default): the running application itself (its apphost, or <c>dotnet</c> with the
    /// entry assembly), which must hand the arguments below to <see cref="IsolationWorker.RunAsync"/> before anything else.
    /// </summary>
    public string? Command { get; set; }

    /// <summary>Arguments before the parser name when <see cref="Command"/> is set (e.g. the path of <c>CustomsFn.Cli.dll</c>).</summary>
    public string? CommandArguments { get; set; }

    /// <summary>
    /// The processor time one PDF may use in its worker before the worker is killed and the document rejected
    /// (INPUT-TIMEOUT). Default 30 s. Counted from when a worker takes the PDF (starting a worker and waiting for a free
    /// one are not); processor time, not wall time, so the verdict does not depend on load (see <see cref="WallClockFactor"/>).
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest a new worker may take to start and say it is ready (default 60 s; a busy machine starts .NET slowly).</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The worker's GC heap hard limit in MiB (DOTNET_GCHeapHardLimit): a PDF that needs more is refused. Default 1024.</summary>
    public int MaxMemoryMb { get; set; } = 1024;
}
