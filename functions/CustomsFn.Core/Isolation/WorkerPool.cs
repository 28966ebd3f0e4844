using System.Collections.Concurrent;
using System.Diagnostics;

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
}
