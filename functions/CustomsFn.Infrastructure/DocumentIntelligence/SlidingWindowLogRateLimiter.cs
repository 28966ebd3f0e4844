using System.Threading.RateLimiting;

namespace CustomsFn.Infrastructure.DocumentIntelligence;

/// <summary>
/// A strict rate limiter: at most <c>permitLimit</c> permits in any window of length <c>window</c>, whatever its start
/// (a sliding log of the last grants). Unlike a token bucket or a segmented sliding window, a burst can never put more
/// than the limit into one window, which is what a service counting "requests per second" at its side sees. A small
/// margin is added to the window so that network jitter between here and the service cannot push two grants that were
/// a window apart into one window at the service.
/// </summary>
public sealed class SlidingWindowLogRateLimiter : RateLimiter
{
    private readonly int _permitLimit;
    private readonly TimeSpan _window;
    private readonly TimeProvider _time;
    private readonly Queue<long> _grants = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private long _lastActivity;
    private long _totalGranted;
    private long _queued;
    private bool _disposed;

    public SlidingWindowLogRateLimiter(int permitLimit, TimeSpan window, TimeProvider? time = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(permitLimit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        _permitLimit = permitLimit;
        _window = window;
        _time = time ?? TimeProvider.System;
        _lastActivity = _time.GetTimestamp();
    }

    /// <summary>
    /// Margin added to the window (100 ms) against jitter between sending and arrival at the service: 15 permits per
    /// 1.1 s is at most 13.6 analyze requests per second, safely under the service's 15.
    /// </summary>
    public static readonly TimeSpan JitterMargin = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// A limiter for a rate in requests per second: 15/s gives 15 per (1 s + margin); 2.5/s gives 2 per (0.8 s + margin);
    /// 0.5/s gives 1 per (2 s + margin).
    /// </summary>
    public static SlidingWindowLogRateLimiter PerSecond(double requestsPerSecond, TimeProvider? time = null)
    {
        if (requestsPerSecond is <= 0 or double.NaN or double.PositiveInfinity)
            throw new ArgumentOutOfRangeException(nameof(requestsPerSecond), requestsPerSecond, "The rate must be a positive number.");
        var permits = Math.Max(1, (int)Math.Floor(requestsPerSecond));
        var window = TimeSpan.FromSeconds(permits / requestsPerSecond) + JitterMargin;
        return new SlidingWindowLogRateLimiter(permits, window, time);
    }

    public int PermitLimit => _permitLimit;

    public TimeSpan Window => _window;

    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (_grants)
            {
                return _grants.Count == 0 ? _time.GetElapsedTime(_lastActivity) : null;
            }
        }
    }

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_grants)
        {
            Prune(_time.GetTimestamp());
            return new RateLimiterStatistics
            {
                CurrentAvailablePermits = _permitLimit - _grants.Count,
                CurrentQueuedCount = Interlocked.Read(ref _queued),
                TotalSuccessfulLeases = _totalGranted,
            };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        CheckCount(permitCount);
        lock (_grants)
        {
            var now = _time.GetTimestamp();
            Prune(now);
            if (_grants.Count + permitCount > _permitLimit) return Lease.Failed;
            Grant(now, permitCount);
            return Lease.Acquired;
        }
    }

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        CheckCount(permitCount);
        // One waiter at a time, in arrival order (SemaphoreSlim queues FIFO for async waiters in practice).
        Interlocked.Increment(ref _queued);
        try
        {
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Interlocked.Decrement(ref _queued);
            throw;
        }
        try
        {
            while (true)
            {
                TimeSpan wait;
                lock (_grants)
                {
                    var now = _time.GetTimestamp();
                    Prune(now);
                    if (_grants.Count + permitCount <= _permitLimit)
                    {
                        Grant(now, permitCount);
                        return Lease.Acquired;
                    }
                    // The oldest grant leaves the window after this much time.
                    wait = _window - _time.GetElapsedTime(_grants.Peek(), now);
                }
                if (wait > TimeSpan.Zero) await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _queued);
            _gate.Release();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            _gate.Dispose();
        }
        base.Dispose(disposing);
    }

    private void Prune(long now)
    {
        while (_grants.Count > 0 && _time.GetElapsedTime(_grants.Peek(), now) >= _window) _grants.Dequeue();
    }

    private void Grant(long now, int permitCount)
    {
        for (var i = 0; i < permitCount; i++) _grants.Enqueue(now);
        _lastActivity = now;
        _totalGranted += permitCount;
    }

    private void CheckCount(int permitCount)
    {
        if (permitCount > _permitLimit)
            throw new ArgumentOutOfRangeException(nameof(permitCount), permitCount, $"At most {_permitLimit} permits can be acquired at once.");
    }

    private sealed class Lease(bool acquired) : RateLimitLease
    {
        public static readonly Lease Acquired = new(true);
        public static readonly Lease Failed = new(false);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
