using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using CustomsFn.Core.Extraction.Pdf;

namespace CustomsFn.Core.Isolation;

/// <summary>
/// Long-lived child processes of one kind (<c>APP --customsfn-isolate KIND</c>, see <see cref="IsolationWorker"/>),
/// each started on first need and kept for the next request. Up to <c>workers</c> requests run at once, one per worker;
/// further requests wait for a free place. A request's deadline is the worker's processor time on it, so a document's
/// verdict does not depend on how busy the machine is; a wall-clock backstop (<see cref="IsolationOptions.WallClockFactor"/>
/// times the deadline) catches a worker that stops using the processor. A request still running after
/// <see cref="IsolationOptions.SlowAfter"/> while another waits gives up its place: its worker goes on at the lowest CPU priority, outside
/// the count (up to <see cref="IsolationOptions.MaxSlowWorkers"/> such; pools built with <c>slowLane</c>), so one slow
/// document delays only itself. A worker
/// past its deadline is killed with its process tree (<see cref="WorkerDeadlineException"/>); one that dies on a
/// request raises <see cref="WorkerCrashedException"/>; either way the next request gets a fresh worker. A worker that
/// cannot serve at all answers its start with <c>!message</c> instead of its ready frame
/// (<see cref="WorkerUnavailableException"/>). <see cref="Dispose"/> (also run at process exit) stops every worker; a
/// worker whose host vanishes sees its stdin end and exits by itself.
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
    private readonly bool _slowLane;
    private readonly ConcurrentBag<WorkerProcess> _idle = [];
    private readonly ConcurrentQueue<Task<WorkerProcess?>> _spares = new();
    private readonly ConcurrentDictionary<int, WorkerProcess> _live = new();
    private volatile bool _disposed;
    private long _started;
    private long _slowed;
    private int _slowNow;
    private int _waiting;

    /// <param name="slowLane">Whether requests outlasting <see cref="IsolationOptions.SlowAfter"/> give up their place
    /// (PDFs: yes; OCR pages, whose workers keep models loaded and are all alike, no).</param>
    public WorkerPool(string kind, ReadOnlyMemory<byte> ready, int workers, IsolationOptions options, (string File, string[] Prefix) command,
        IReadOnlyDictionary<string, string>? environment = null, bool slowLane = false)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(options);
        _kind = kind;
        _ready = ready.ToArray();
        _options = options;
        _command = command;
        _environment = environment ?? new Dictionary<string, string>();
        _slowLane = slowLane && options.MaxSlowWorkers > 0;
        _slots = new SemaphoreSlim(Math.Max(1, workers));
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
    }

    /// <summary>Worker processes started so far (a new one after each timeout or crash).</summary>
    public long WorkersStarted => Interlocked.Read(ref _started);

    /// <summary>Requests that outlasted <see cref="IsolationOptions.SlowAfter"/> and went on at low priority, outside the count.</summary>
    public long SlowRequests => Interlocked.Read(ref _slowed);

    /// <summary>Process ids of the workers alive now (for tests, diagnostics and the benchmark's CPU accounting).</summary>
    public IReadOnlyCollection<int> LiveProcessIds => _live.Keys.ToList();

    /// <summary>
    /// Sends <paramref name="request"/> to a free worker and returns its answer, within <paramref name="deadline"/> of
    /// the worker's processor time (waiting for a free worker and starting one do not count; where processor time
    /// cannot be read, the deadline is wall-clock time).
    /// </summary>
    public async Task<byte[]> RequestAsync(byte[] request, TimeSpan deadline, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Interlocked.Increment(ref _waiting);
        try
        {
            await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
        var place = new Place(_slots);
        try
        {
            return await SendAsync(request, deadline, place, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            place.Release();
        }
    }

    private async Task<byte[]> SendAsync(byte[] request, TimeSpan deadline, Place place, CancellationToken cancellationToken)
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
            var slow = false;
            try
            {
                slow = await WatchAsync(worker, reply, deadline, place, cancellationToken).ConfigureAwait(false);
                var response = await reply.ConfigureAwait(false);
                if (response.Frame is { } frame && !response.Retire)
                {
                    // A worker lowered for a slow request serves again only if its priority can be restored.
                    if (_disposed || (slow && !worker.TryRestorePriority())) Retire(worker);
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
                throw;
            }
            finally
            {
                if (slow) Interlocked.Decrement(ref _slowNow);
            }
        }
    }

    /// <summary>
    /// Waits for the reply while the worker's processor time on this request stays within <paramref name="deadline"/>
    /// and the wall clock within the backstop; moves a request that outlasts <see cref="IsolationOptions.SlowAfter"/>
    /// to the slow lane (returns true if it did). Throws <see cref="WorkerDeadlineException"/> past either limit.
    /// </summary>
    private async Task<bool> WatchAsync(WorkerProcess worker, Task reply, TimeSpan deadline, Place place, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var cpuAtStart = worker.ProcessorTime();
        var wallLimit = cpuAtStart is null ? deadline : _options.WallClockLimit(deadline);
        var poll = TimeSpan.FromTicks(Math.Clamp(Math.Min(deadline.Ticks / 8, _options.SlowAfter.Ticks / 2),
            TimeSpan.FromMilliseconds(5).Ticks, TimeSpan.FromMilliseconds(100).Ticks));
        var slow = false;
        try
        {
            while (true)
            {
                var left = wallLimit - clock.Elapsed;
                if (left <= TimeSpan.Zero) throw new WorkerDeadlineException(wallLimit, processorTime: false);
                var done = await Task.WhenAny(reply, Task.Delay(left < poll ? left : poll, cancellationToken)).ConfigureAwait(false);
                if (done == reply) return slow;
                cancellationToken.ThrowIfCancellationRequested();
                if (cpuAtStart is { } start && worker.ProcessorTime() is { } now && now - start > deadline)
                {
                    if (reply.IsCompleted) return slow;
                    throw new WorkerDeadlineException(deadline, processorTime: true);
                }
                // Only when another request waits for a place: a long read that delays nobody keeps its worker as it is.
                if (_slowLane && !slow && Volatile.Read(ref _waiting) > 0 && clock.Elapsed >= _options.SlowAfter && TryEnterSlowLane())
                {
                    slow = true;
                    Interlocked.Increment(ref _slowed);
                    worker.LowerPriority();
                    StartSpare();
                    place.Release();
                }
            }
        }
        catch when (slow)
        {
            // The caller only learns the lane from the return value: leave it here when the wait ends in an exception.
            Interlocked.Decrement(ref _slowNow);
            throw;
        }
    }

    private bool TryEnterSlowLane()
    {
        while (true)
        {
            var now = Volatile.Read(ref _slowNow);
            if (now >= _options.MaxSlowWorkers) return false;
            if (Interlocked.CompareExchange(ref _slowNow, now + 1, now) == now) return true;
        }
    }

    /// <summary>A request's place among the <c>workers</c>: given back once, when it ends or when it turns slow.</summary>
    private sealed class Place(SemaphoreSlim slots)
    {
        private int _released;

        public void Release()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) slots.Release();
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
        while (_spares.TryDequeue(out var spare))
        {
            WorkerProcess? started;
            try
            {
                started = await spare.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                _spares.Enqueue(spare); // still starting: the next request takes it
                throw;
            }
            if (started is { IsAlive: true }) return started;
            if (started is not null) Retire(started);
        }
        return await StartAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<WorkerProcess> StartAsync(CancellationToken cancellationToken)
    {
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

    /// <summary>
    /// A request has just left its place for the slow lane, so the request waiting for that place may find every worker
    /// busy: a worker starts now, in the background, instead of when that request asks (starting .NET takes longer than
    /// an ordinary PDF). One spare at a time, and none while a worker is idle.
    /// </summary>
    private void StartSpare()
    {
        if (_disposed || !_idle.IsEmpty || !_spares.IsEmpty) return;
        _spares.Enqueue(StartSpareAsync());
    }

    private async Task<WorkerProcess?> StartSpareAsync()
    {
        try
        {
            return await StartAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WorkerUnavailableException or ObjectDisposedException or OperationCanceledException)
        {
            return null; // the request that needs a worker starts its own and sees why it cannot
        }
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

        /// <summary>The worker's processor time so far (all its threads), or null where it cannot be read.</summary>
        public TimeSpan? ProcessorTime()
        {
            try
            {
                _process.Refresh();
                return _process.TotalProcessorTime;
            }
            catch (Exception ex) when (ex is InvalidOperationException or Win32Exception or NotSupportedException or PlatformNotSupportedException)
            {
                return null;
            }
        }

        /// <summary>The lowest CPU priority (nice 19 on every thread): documents at normal priority go first.</summary>
        public void LowerPriority() => ProcessNice.TrySet(_process, 19);

        /// <summary>Back to normal priority on every thread; false where that is not allowed (raising priority needs CAP_SYS_NICE on Linux).</summary>
        public bool TryRestorePriority() => IsAlive && ProcessNice.TrySet(_process, 0);

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
