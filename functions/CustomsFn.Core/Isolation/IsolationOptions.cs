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
