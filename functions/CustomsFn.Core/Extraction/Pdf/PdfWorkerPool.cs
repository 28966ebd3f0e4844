using CustomsFn.Core.Isolation;

namespace CustomsFn.Core.Extraction.Pdf;

/// <summary>
/// The host side of the PDF worker: up to <see cref="IsolationOptions.Workers"/> long-lived child processes
/// (<see cref="WorkerPool"/> of kind <c>pdf</c>), each started on first need and kept for the next PDF. A worker that
/// overruns the deadline is killed with its process tree and the document rejected INPUT-TIMEOUT; one that dies on a
/// document (stack overflow, out of memory) rejects it INPUT-CORRUPT-PDF; either way the next PDF gets a fresh worker.
/// </summary>
public sealed class PdfWorkerPool : IDisposable
{
    private readonly WorkerPool _pool;
    private readonly IsolationOptions _options;

    public PdfWorkerPool(IsolationOptions options, (string File, string[] Prefix) command)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _pool = new WorkerPool(PdfWorkerProtocol.Kind, PdfWorkerProtocol.Ready, options.Workers, options, command, slowLane: true);
    }

    /// <summary>The pool for these options, or null when no worker command can be found (e.g. a test host without configuration).</summary>
    public static PdfWorkerPool? Create(IsolationOptions options) =>
        WorkerCommand.Resolve(options) is { } command ? new PdfWorkerPool(options, command) : null;

    /// <summary>Worker processes started so far (a new one after each timeout or crash).</summary>
    public long WorkersStarted => _pool.WorkersStarted;

    /// <summary>PDFs that outlasted <see cref="IsolationOptions.SlowAfter"/> and were read on at low priority.</summary>
    public long SlowRequests => _pool.SlowRequests;

    /// <summary>Process ids of the workers alive now (for tests and diagnostics).</summary>
    public IReadOnlyCollection<int> LiveProcessIds => _pool.LiveProcessIds;

    /// <summary>
    /// Reads the PDF in a worker within <paramref name="deadline"/> (counted from when a worker takes it). Throws
    /// <see cref="DocumentRejectedException"/> when the PDF is refused, the worker dies on it or the deadline passes.
    /// </summary>
    public async Task<PdfReadout> ReadAsync(ReadOnlyMemory<byte> pdf, PdfReadLimits limits, TimeSpan deadline, CancellationToken cancellationToken)
    {
        // The worker's own watchdog (it exits when its host has vanished) waits for the wall-clock backstop, not the deadline.
        var request = PdfWorkerProtocol.Request(pdf, limits, _options.WallClockLimit(deadline));
        byte[] response;
        try
        {
            response = await _pool.RequestAsync(request, deadline, cancellationToken).ConfigureAwait(false);
        }
        catch (WorkerCrashedException ex)
        {
            throw new DocumentRejectedException(InputCodes.CorruptPdf,
                $"The PDF parser crashed on this document ({ex.Exit}); the document was not read. " +
                "Hostile structures such as page trees or forms nested thousands of levels deep do this.");
        }
        catch (WorkerDeadlineException ex)
        {
            throw new DocumentRejectedException(InputCodes.Timeout,
                $"Reading the PDF did not finish within {ex.LimitText}; the PDF worker was stopped.");
        }
        return PdfWorkerProtocol.Decode(response);
    }

    /// <summary>Stops every worker (idle ones are killed at once; requests in flight fail).</summary>
    public void Dispose() => _pool.Dispose();
}
