using CustomsFn.Infrastructure.DocumentIntelligence;
using CustomsFn.Infrastructure.Tests.Support;

namespace CustomsFn.Infrastructure.Tests;

/// <summary>Timing-sensitive tests run alone, not beside the other test classes.</summary>
[CollectionDefinition(nameof(TimingCollection), DisableParallelization = true)]
public sealed class TimingCollection;

/// <summary>A burst of uploads never exceeds the configured analyze rate, counted where it matters: at the service.</summary>
[Collection(nameof(TimingCollection))]
public sealed class RateLimitTests
{
    /// <summary>
    /// Warms the fake service, the shared connection pool and the thread pool with a separate, unlimited client, then
    /// forgets those requests: a cold server can hold the first requests for hundreds of milliseconds on a loaded
    /// machine, which would bunch their arrival times and measure the server's start-up instead of the client.
    /// </summary>
    private static async Task WarmUpAsync(FakeDocumentIntelligence fake)
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 32), Math.Max(io, 32));
        var handlers = (fake.OnAnalyze, fake.OnPoll);
        fake.OnAnalyze = (ctx, _) => FakeDocumentIntelligence.AcceptAsync(ctx);
        fake.OnPoll = (ctx, _) => FakeDocumentIntelligence.JsonAsync(ctx, 200, """{"status":"succeeded","analyzeResult":{"documents":[]}}""");
        using (var warm = Clients.Create(fake.Endpoint))
        {
            await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => warm.AnalyzeDocumentAsync("prebuilt-invoice", Clients.Jpeg, "image/jpeg", CancellationToken.None))));
        }
        (fake.OnAnalyze, fake.OnPoll) = handlers;
        fake.Reset();
    }

    /// <summary>The most requests that arrived within any window of the given length (sliding over every arrival).</summary>
    private static int MaxInAnyWindow(IReadOnlyList<TimeSpan> arrivals, TimeSpan window)
    {
        var sorted = arrivals.Order().ToList();
        var max = 0;
        for (int i = 0, j = 0; i < sorted.Count; i++)
        {
            while (sorted[i] - sorted[j] >= window) j++;
            max = Math.Max(max, i - j + 1);
        }
        return max;
    }

    private static string Describe(IEnumerable<TimeSpan> arrivals) =>
        $"{MaxInAnyWindow(arrivals.ToList(), TimeSpan.FromSeconds(1))} analyze requests in one second; arrivals (ms): " +
        string.Join(", ", arrivals.Order().Select(a => a.TotalMilliseconds.ToString("0", System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public async Task Burst_NeverExceedsConfiguredRate_AtTheServer()
    {
        await using var fake = await FakeDocumentIntelligence.StartAsync();
        await WarmUpAsync(fake);
        using var client = Clients.Stamped(fake.Endpoint, o => o.MaxRequestsPerSecond = 8);

        // 24 documents at once, as from a bulk upload: three seconds' worth at 8/s.
        await Task.WhenAll(Enumerable.Range(0, 24).Select(_ =>
            Task.Run(() => client.AnalyzeDocumentAsync("prebuilt-invoice", Clients.Jpeg, "image/jpeg", CancellationToken.None))));

        // Counted at the service by the time each try left the client: the arrival times add the machine's scheduling
        // delays (hundreds of ms on a loaded 2-core CI box), which the client's 100 ms margin absorbs on a real network.
        var arrivals = fake.Analyzes.Select(r => r.Sent!.Value).ToList();
        Assert.Equal(24, arrivals.Count);
        Assert.True(MaxInAnyWindow(arrivals, TimeSpan.FromSeconds(1)) <= 8, Describe(arrivals));
        // The limiter lets the burst through at the rate rather than one by one: the first 8 went at once.
        Assert.Equal(8, MaxInAnyWindow(arrivals, TimeSpan.FromMilliseconds(500)));
        // Polling is not rate limited (only analyze requests count against the service's analyze limit).
        Assert.Equal(24, fake.Polls.Count());
    }

    [Fact]
    public async Task Retries_CountAgainstTheRate()
    {
        await using var fake = await FakeDocumentIntelligence.StartAsync();
        await WarmUpAsync(fake);
        // Every first try is throttled with Retry-After 0: only the limiter spaces the retries.
        fake.OnAnalyze = (ctx, n) => n % 2 == 1
            ? FakeDocumentIntelligence.ErrorAsync(ctx, 429, "429", "Rate limit exceeded.", retryAfter: "0")
            : FakeDocumentIntelligence.AcceptAsync(ctx);
        using var client = Clients.Stamped(fake.Endpoint, o =>
        {
            o.MaxRequestsPerSecond = 5;
            o.MaxRetries = 10;
        });

        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            Task.Run(() => client.AnalyzeDocumentAsync("prebuilt-invoice", Clients.Jpeg, "image/jpeg", CancellationToken.None))));

        var arrivals = fake.Analyzes.Select(r => r.Sent!.Value).ToList();
        Assert.True(arrivals.Count >= 12);
        Assert.True(MaxInAnyWindow(arrivals, TimeSpan.FromSeconds(1)) <= 5, Describe(arrivals));
    }

    [Theory]
    [InlineData(15, 15, 1.0)]
    [InlineData(2.5, 2, 0.8)]
    [InlineData(0.5, 1, 2.0)]
    public void PerSecond_PermitsAndWindow(double rate, int permits, double seconds)
    {
        using var limiter = SlidingWindowLogRateLimiter.PerSecond(rate);
        Assert.Equal(permits, limiter.PermitLimit);
        Assert.Equal(TimeSpan.FromSeconds(seconds) + SlidingWindowLogRateLimiter.JitterMargin, limiter.Window);
    }

    [Fact]
    public void AttemptAcquire_RefusesBeyondTheLimitWithinTheWindow()
    {
        using var limiter = new SlidingWindowLogRateLimiter(3, TimeSpan.FromHours(1));
        Assert.True(limiter.AttemptAcquire().IsAcquired);
        Assert.True(limiter.AttemptAcquire(2).IsAcquired);
        Assert.False(limiter.AttemptAcquire().IsAcquired);
        Assert.Equal(0, limiter.GetStatistics()!.CurrentAvailablePermits);
        Assert.Equal(3, limiter.GetStatistics()!.TotalSuccessfulLeases);
    }
}
