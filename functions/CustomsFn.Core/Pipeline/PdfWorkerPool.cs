using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using CustomsFn.Core.Extraction.Pdf;

namespace CustomsFn.Core.Pipeline;

/// <summary>
/// The host side of the PDF worker: up to <see cref="IsolationOptions.Workers"/> long-lived child processes
/// (<see cref="IsolationWorker"/>), each started on first need and kept for the next PDF. One request per worker at a
/// time; further PDFs wait for a free worker. A worker that overruns the deadline is killed with its process tree and
/// the document rejected INPUT-TIMEOUT; one that dies on a document (stack overflow, out of memory) rejects it
/// INPUT-CORRUPT-PDF; either way the next PDF gets a fresh worker. <see cref="Dispose"/> (also run at process exit)
/// stops every worker; a worker whose host vanishes sees its stdin end and exits by itself.
/// </summary>
public sealed class PdfWorkerPool : IDisposable
{
    private readonly IsolationOptions _options;
    private readonly (string File, string[] Prefix) _command;
    private readonly SemaphoreSlim _slots;
    private readonly ConcurrentBag<WorkerProcess> _idle = [];
    private readonly ConcurrentDictionary<int, WorkerProcess> _live = new();
    private volatile bool _disposed;
    private long _started;

    public PdfWorkerPool(IsolationOptions options, (string File, string[] Prefix) command)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _command = command;
        _slots = new SemaphoreSlim(Math.Max(1, options.Workers));
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
    }

    /// <summary>The pool for these options, or null when no worker command can be found (e.g. a test host without configuration).</summary>
    public static PdfWorkerPool? Create(IsolationOptions options) =>
        PdfWorkerProtocol.ResolveCommand(options) is { } command ? new PdfWorkerPool(options, command) : null;

    /// <summary>Worker processes started so far (a new one after each timeout or crash).</summary>
    public long WorkersStarted => Interlocked.Read(ref _started);

    /// <summary>Process ids of the workers alive now (for tests and diagnostics).</summary>
    public IReadOnlyCollection<int> LiveProcessIds => _live.Keys.ToList();

    /// <summary>
    /// Reads the PDF in a worker within <paramref name="deadline"/> (counted from when a worker takes it). Throws
    /// <see cref="DocumentRejectedException"/> when the PDF is refused, the worker dies on it or the deadline passes.
    /// </summary>
    public async Task<PdfReadout> ReadAsync(ReadOnlyMemory<byte> pdf, PdfReadLimits limits, TimeSpan deadline, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var request = PdfWorkerProtocol.Request(pdf, limits, deadline);
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var response = await RequestAsync(request, deadline, cancellationToken).ConfigureAwait(false);
            return PdfWorkerProtocol.Decode(response);
        }
        finally
        {
            _slots.Release();
        }
    }

    private async Task<byte[]> RequestAsync(byte[] request, TimeSpan deadline, CancellationToken cancellationToken)
    {
        // A worker that died while idle is not the document's fault: one retry with a fresh worker.
        for (var attempt = 0; ; attempt++)
        {
            var worker = await TakeAsync(cancellationToken).ConfigureAwait(false);
            var sent = await worker.TrySendAsync(request).ConfigureAwait(false);
            if (!sent)
            {
                Retire(worker);
                if (attempt == 0) continue;
                throw new InvalidOperationException("The PDF worker process exits as soon as it is given work.");
            }
            var reply = worker.ReadFrameAsync();
            try
            {
                var response = await reply.WaitAsync(deadline, cancellationToken).ConfigureAwait(false);
                if (response.Frame is { } frame && !response.Retire)
                {
                    if (_disposed) Retire(worker);
                    else _idle.Add(worker);
                    return frame;
                }
                if (response.Frame is { } last)
                {
                    Retire(worker);
                    return last; // the worker answered, then retires (it ran out of memory)
                }
                var exit = worker.DescribeExit();
                Retire(worker);
                throw new DocumentRejectedException(InputCodes.CorruptPdf,
                    $"The PDF parser crashed on this document ({exit}); the document was not read. " +
                    "Hostile structures such as page trees or forms nested thousands of levels deep do this.");
            }
            catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
            {
                Retire(worker);
                await ObserveAsync(reply).ConfigureAwait(false);
                if (cancellationToken.IsCancellationRequested) throw;
                throw new DocumentRejectedException(InputCodes.Timeout,
                    $"Reading the PDF did not finish within {deadline.TotalSeconds:0.#} s; the PDF worker was stopped.");
            }
        }
    }

    private static async Task ObserveAsync(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The killed worker's last read ends however it ends; the outcome is already decided.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private async Task<WorkerProcess> TakeAsync(CancellationToken cancellationToken)
    {
        while (_idle.TryTake(out var idle))
        {
            if (idle.IsAlive) return idle;
            Retire(idle);
        }
        ObjectDisposedException.ThrowIf(_disposed, this);
        var worker = WorkerProcess.Start(_command, _options);
        Interlocked.Increment(ref _started);
        _live[worker.Id] = worker;
        try
        {
            await worker.WaitReadyAsync(_options.StartTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Retire(worker);
            throw;
        }
        return worker;
    }

    private void Retire(WorkerProcess worker)
    {
        _live.TryRemove(worker.Id, out _);
        worker.Kill();
    }

    private void OnProcessExit(object? sender, EventArgs e) => Dispose();

    /// <summary>Stops every worker (idle ones are killed at once; requests in flight fail).</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        while (_idle.TryTake(out var idle)) Retire(idle);
        foreach (var worker in _live.Values) Retire(worker);
    }

    /// <summary>One worker process and its pipes.</summary>
    private sealed class WorkerProcess
    {
        private readonly Process _process;
        private readonly Stream _stdin;
        private readonly Stream _stdout;

        private WorkerProcess(Process process)
        {
            _process = process;
            _stdin = process.StandardInput.BaseStream;
            _stdout = process.StandardOutput.BaseStream;
            Id = process.Id;
            _ = DrainAsync(process.StandardError);
        }

        public int Id { get; }

        public bool IsAlive
        {
            get
            {
                try
                {
                    return !_process.HasExited;
                }
                catch (InvalidOperationException)
                {
                    return false;
                }
            }
        }

        public static WorkerProcess Start((string File, string[] Prefix) command, IsolationOptions options)
        {
            var start = new ProcessStartInfo(command.File)
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var a in command.Prefix) start.ArgumentList.Add(a);
            start.ArgumentList.Add(IsolationWorker.Argument);
            start.ArgumentList.Add("pdf");
            start.Environment["DOTNET_GCHeapHardLimit"] = ((long)options.MaxMemoryMb * 1024 * 1024).ToString("X", CultureInfo.InvariantCulture);
            // No crash dumps for an expected crash, and one GC heap: the worker reads one PDF at a time.
            start.Environment["DOTNET_DbgEnableMiniDump"] = "0";
            start.Environment["DOTNET_gcServer"] = "0";
            var process = new Process { StartInfo = start };
            try
            {
                process.Start();
            }
            catch (Win32Exception ex)
            {
                process.Dispose();
                throw new InvalidOperationException($"The PDF worker '{command.File}' cannot be started: {ex.Message}", ex);
            }
            return new WorkerProcess(process);
        }

        public async Task WaitReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
        {
            var ready = ReadFrameAsync();
            (byte[]? Frame, bool Retire) first;
            try
            {
                first = await ready.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException ex)
            {
                throw new InvalidOperationException($"The PDF worker did not start within {timeout.TotalSeconds:0} s.", ex);
            }
            if (first.Frame is not { } frame || !frame.AsSpan().SequenceEqual(PdfWorkerProtocol.Ready))
                throw new InvalidOperationException($"The PDF worker did not start ({DescribeExit()}); check Pipeline:Isolation:Command.");
        }

        public async Task<bool> TrySendAsync(byte[] request)
        {
            try
            {
                await PdfWorkerProtocol.WriteFrameAsync(_stdin, request, CancellationToken.None).ConfigureAwait(false);
                return true;
            }
            catch (IOException)
            {
                return false;
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }

        /// <summary>The next frame, or a null frame when the worker died. Retire: the worker exits after this answer.</summary>
        public async Task<(byte[]? Frame, bool Retire)> ReadFrameAsync()
        {
            try
            {
                var frame = await PdfWorkerProtocol.ReadFrameAsync(_stdout, PdfWorkerProtocol.MaxResponseBytes).ConfigureAwait(false);
                if (frame is null) return (null, true);
                // An answer after running out of memory is followed by the worker's exit.
                return (frame, PdfWorkerProtocol.IsRetiring(frame));
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException or ObjectDisposedException)
            {
                return (null, true);
            }
        }

        public string DescribeExit()
        {
            if (!_process.WaitForExit(TimeSpan.FromSeconds(5))) return "it stopped answering";
            var code = _process.ExitCode;
            return code switch
            {
                134 => "exit code 134: aborted, typically a stack overflow",
                137 => "exit code 137: killed, typically over the memory limit",
                139 => "exit code 139: segmentation fault",
                _ => $"exit code {code.ToString(CultureInfo.InvariantCulture)}",
            };
        }

        public void Kill()
        {
            try
            {
                if (!_process.HasExited)
                {
                    _process.Kill(entireProcessTree: true);
                    _process.WaitForExit(TimeSpan.FromSeconds(5));
                }
            }
            catch (Exception ex) when (ex is InvalidOperationException or Win32Exception or NotSupportedException)
            {
                // Already gone.
            }
            finally
            {
                _process.Dispose();
            }
        }

        private static async Task DrainAsync(StreamReader reader)
        {
            // A stack-overflow trace is megabytes long: read and discard it, so that the worker never blocks on a full pipe.
            var buffer = new char[8192];
            try
            {
                while (await reader.ReadAsync(buffer).ConfigureAwait(false) > 0) { }
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException)
            {
                // The worker is gone.
            }
        }
    }
}
