using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using CustomsFn.Core.Extraction.Pdf;

namespace CustomsFn.Core.Isolation;

/// <summary>
/// Long-lived child processes of one kind (<c>APP --customsfn-isolate KIND</c>, see <see cref="IsolationWorker"/>),
/// each started on first need and kept for the next request. Up to <c>workers</c> of them; one request per worker at a
/// time, further requests wait for a free one. A worker that overruns a request's deadline is killed with its process
/// tree (<see cref="WorkerDeadlineException"/>); one that dies on a request raises <see cref="WorkerCrashedException"/>;
/// either way the next request gets a fresh worker. A worker that cannot serve at all answers its start with
/// <c>!message</c> instead of its ready frame (<see cref="WorkerUnavailableException"/>). <see cref="Dispose"/> (also run
/// at process exit) stops every worker; a worker whose host vanishes sees its stdin end and exits by itself.
/// </summary>
public sealed class WorkerPool : IDisposable
{
    /// <summary>The first byte of a response after which the worker exits (it ran out of memory).</summary>
    public const byte RetiringStatus = 2;

    private readonly string _kind;
    private readonly byte[] _ready;
    private readonly IsolationOptions _options;
    private readonly (string File, string[] Prefix) _command;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly SemaphoreSlim _slots;
    private readonly ConcurrentBag<WorkerProcess> _idle = [];
    private readonly ConcurrentDictionary<int, WorkerProcess> _live = new();
    private volatile bool _disposed;
    private long _started;

    public WorkerPool(string kind, ReadOnlyMemory<byte> ready, int workers, IsolationOptions options, (string File, string[] Prefix) command,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(options);
        _kind = kind;
        _ready = ready.ToArray();
        _options = options;
        _command = command;
        _environment = environment ?? new Dictionary<string, string>();
        _slots = new SemaphoreSlim(Math.Max(1, workers));
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
    }

    /// <summary>Worker processes started so far (a new one after each timeout or crash).</summary>
    public long WorkersStarted => Interlocked.Read(ref _started);

    /// <summary>Process ids of the workers alive now (for tests, diagnostics and the benchmark's CPU accounting).</summary>
    public IReadOnlyCollection<int> LiveProcessIds => _live.Keys.ToList();

    /// <summary>
    /// Sends <paramref name="request"/> to a free worker and returns its answer, within <paramref name="deadline"/>
    /// (counted from when a worker takes the request; waiting for a free worker and starting one do not count).
    /// </summary>
    public async Task<byte[]> RequestAsync(byte[] request, TimeSpan deadline, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await SendAsync(request, deadline, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _slots.Release();
        }
    }

    private async Task<byte[]> SendAsync(byte[] request, TimeSpan deadline, CancellationToken cancellationToken)
    {
        // A worker that died while idle is not the request's fault: one retry with a fresh worker.
        for (var attempt = 0; ; attempt++)
        {
            var worker = await TakeAsync(cancellationToken).ConfigureAwait(false);
            var sent = await worker.TrySendAsync(request).ConfigureAwait(false);
            if (!sent)
            {
                Retire(worker);
                if (attempt == 0) continue;
                throw new WorkerUnavailableException($"The {_kind} worker process exits as soon as it is given work.");
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
                throw new WorkerCrashedException(exit);
            }
            catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
            {
                // Cancelled or late: the worker is still busy with the request, so it cannot serve another. It goes.
                Retire(worker);
                await ObserveAsync(reply).ConfigureAwait(false);
                if (cancellationToken.IsCancellationRequested) throw;
                throw new WorkerDeadlineException(deadline);
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
        var worker = WorkerProcess.Start(_kind, _command, _options, _environment);
        Interlocked.Increment(ref _started);
        _live[worker.Id] = worker;
        try
        {
            await worker.WaitReadyAsync(_ready, _options.StartTimeout, cancellationToken).ConfigureAwait(false);
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
        private readonly string _kind;

        private WorkerProcess(Process process, string kind)
        {
            _process = process;
            _kind = kind;
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

        public static WorkerProcess Start(string kind, (string File, string[] Prefix) command, IsolationOptions options, IReadOnlyDictionary<string, string> environment)
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
            start.ArgumentList.Add(kind);
            start.Environment["DOTNET_GCHeapHardLimit"] = ((long)options.MaxMemoryMb * 1024 * 1024).ToString("X", CultureInfo.InvariantCulture);
            // No crash dumps for an expected crash, and one GC heap: a worker serves one request at a time.
            start.Environment["DOTNET_DbgEnableMiniDump"] = "0";
            start.Environment["DOTNET_gcServer"] = "0";
            foreach (var (name, value) in environment) start.Environment[name] = value;
            var process = new Process { StartInfo = start };
            try
            {
                process.Start();
            }
            catch (Win32Exception ex)
            {
                process.Dispose();
                throw new WorkerUnavailableException($"The {kind} worker '{command.File}' cannot be started: {ex.Message}", ex);
            }
            return new WorkerProcess(process, kind);
        }

        public async Task WaitReadyAsync(byte[] ready, TimeSpan timeout, CancellationToken cancellationToken)
        {
            var first = ReadFrameAsync();
            (byte[]? Frame, bool Retire) answer;
            try
            {
                answer = await first.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException ex)
            {
                throw new WorkerUnavailableException($"The {_kind} worker did not start within {timeout.TotalSeconds:0} s.", ex);
            }
            if (answer.Frame is [(byte)'!', ..] refusal)
                throw new WorkerUnavailableException(Encoding.UTF8.GetString(refusal, 1, refusal.Length - 1));
            if (answer.Frame is not { } frame || !frame.AsSpan().SequenceEqual(ready))
                throw new WorkerUnavailableException($"The {_kind} worker did not start ({DescribeExit()}); check Pipeline:Isolation:Command.");
        }

        public async Task<bool> TrySendAsync(byte[] request)
        {
            try
            {
                await WorkerFrames.WriteAsync(_stdin, request, CancellationToken.None).ConfigureAwait(false);
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
                var frame = await WorkerFrames.ReadAsync(_stdout, PdfWorkerProtocol.MaxResponseBytes).ConfigureAwait(false);
                if (frame is null) return (null, true);
                // An answer after running out of memory is followed by the worker's exit.
                return (frame, frame is [RetiringStatus, ..]);
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
