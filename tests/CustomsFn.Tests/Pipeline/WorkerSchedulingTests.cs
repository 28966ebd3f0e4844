using System.Diagnostics;
using System.Text;
using CustomsFn.Core.Isolation;

namespace CustomsFn.Tests.Pipeline;

/// <summary>
/// How the worker pool schedules (issue 25: one slow PDF made ten ordinary ones wait 97 s instead of 4 s, and the same
/// slow PDF was INPUT-TIMEOUT on a busy run and read on a quiet one). A request that outlasts
/// <see cref="IsolationOptions.SlowAfter"/> gives up its place and goes on at the lowest priority; the deadline is the
/// worker's processor time, with a wall-clock backstop. The worker is a stand-in (Perl, which every Debian has) that
/// speaks the frames and does what the request says: sleep, burn processor time, or answer at once.
/// </summary>
[Collection(PdfWorkerCollection.Name)]
public sealed class WorkerSchedulingTests : IDisposable
{
    private const string Script = """
        binmode STDIN; binmode STDOUT; $| = 1;
        sub frame { my $d = shift; print pack('V', length $d) . $d; }
        frame('stand-in/1');
        while (read(STDIN, my $len, 4) == 4) {
            my $n = unpack('V', $len); my $body = '';
            while (length($body) < $n) { read(STDIN, my $chunk, $n - length($body)) or exit 0; $body .= $chunk; }
            if ($body =~ /^sleep ([\d.]+)/) { select(undef, undef, undef, $1); }
            elsif ($body =~ /^cpu ([\d.]+)/) { my $t = (times)[0]; while ((times)[0] - $t < $1) { } }
            frame('done ' . $body);
        }
        """;

    private static readonly TimeSpan Long = TimeSpan.FromSeconds(60);
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("stand-in-worker-");

    public void Dispose() => _dir.Delete(recursive: true);

    private WorkerPool Pool(int workers, Action<IsolationOptions>? configure = null, bool slowLane = true)
    {
        var script = Path.Combine(_dir.FullName, "worker.pl");
        File.WriteAllText(script, Script);
        var options = new IsolationOptions { SlowAfter = TimeSpan.FromMilliseconds(300) };
        configure?.Invoke(options);
        return new WorkerPool("stand-in", Encoding.ASCII.GetBytes("stand-in/1"), workers, options, ("perl", [script]), slowLane: slowLane);
    }

    private static async Task<string> Ask(WorkerPool pool, string what, TimeSpan deadline) =>
        Encoding.ASCII.GetString(await pool.RequestAsync(Encoding.ASCII.GetBytes(what), deadline, CancellationToken.None));

    [Fact]
    public async Task ASlowRequest_GivesUpItsPlaceToAWaitingOne_AndGoesOnAtTheLowestPriority()
    {
        using var pool = Pool(workers: 1);
        var slow = Ask(pool, "sleep 6", Long);
        await WaitUntil(() => pool.LiveProcessIds.Count == 1);
        var slowWorker = Assert.Single(pool.LiveProcessIds);
        await Task.Delay(500);
        Assert.Equal(0, pool.SlowRequests); // nobody waits yet: a long request keeps its place and its priority

        Assert.Equal("done quick", await Ask(pool, "quick", Long));
        Assert.False(slow.IsCompleted, "the quick request should not have waited for the slow one");
        Assert.Equal(1, pool.SlowRequests);
        Assert.Equal(2, pool.WorkersStarted);
        // Every thread, not only the main one (a nice value is per thread on Linux; the PDF worker reads on its own thread).
        var nice = ProcessNice.Read(slowWorker);
        Assert.NotEmpty(nice);
        Assert.All(nice, n => Assert.Equal(19, n));

        Assert.Equal("done sleep 6", await slow);
    }

    [Fact]
    public async Task WithoutRoomInTheSlowLane_ASlowRequestKeepsItsPlace_AndTheNextWaits()
    {
        using var pool = Pool(workers: 1, o => o.MaxSlowWorkers = 0);
        var slow = Ask(pool, "sleep 2", Long);
        await WaitUntil(() => pool.LiveProcessIds.Count == 1);
        Assert.Equal("done quick", await Ask(pool, "quick", Long));
        Assert.True(slow.IsCompleted, "with no slow lane the quick request waits for the slow one");
        Assert.Equal(0, pool.SlowRequests);
        Assert.Equal(1, pool.WorkersStarted);
    }

    [Fact]
    public async Task TheDeadlineIsProcessorTime_AWorkerThatWaitsPastItWithoutComputing_IsNotKilled()
    {
        using var pool = Pool(workers: 1, o => o.WallClockFactor = 20, slowLane: false);
        Assert.Equal("done sleep 1.5", await Ask(pool, "sleep 1.5", TimeSpan.FromMilliseconds(500)));
        Assert.Equal(1, pool.WorkersStarted);
    }

    [Fact]
    public async Task AWorkerThatComputesPastItsDeadline_IsKilled_WhateverTheWallClockAllows()
    {
        using var pool = Pool(workers: 1, o => o.WallClockFactor = 100, slowLane: false);
        var ex = await Assert.ThrowsAsync<WorkerDeadlineException>(() => Ask(pool, "cpu 30", TimeSpan.FromMilliseconds(300)));
        Assert.True(ex.ProcessorTime);
        Assert.Equal("0.3 s of processor time", ex.LimitText);
        Assert.Empty(pool.LiveProcessIds);
        Assert.Equal("done next", await Ask(pool, "next", Long));
    }

    [Fact]
    public async Task AWorkerThatStopsUsingTheProcessor_IsKilledAtTheWallClockBackstop()
    {
        using var pool = Pool(workers: 1, o => o.WallClockFactor = 4, slowLane: false);
        var watch = Stopwatch.StartNew();
        var ex = await Assert.ThrowsAsync<WorkerDeadlineException>(() => Ask(pool, "sleep 600", TimeSpan.FromMilliseconds(250)));
        Assert.False(ex.ProcessorTime);
        Assert.Equal(TimeSpan.FromSeconds(1), ex.Limit);
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(1), $"killed before the backstop: {watch.Elapsed}");
        Assert.Empty(pool.LiveProcessIds);
    }

    [Fact]
    public void DefaultWorkers_FollowTheProcessors_UpToFour()
    {
        Assert.Equal(Math.Clamp(Environment.ProcessorCount, 1, 4), new IsolationOptions().Workers);
        Assert.InRange(IsolationOptions.DefaultWorkers, 1, 4);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(watch.Elapsed < Long, "timed out waiting");
            await Task.Delay(20);
        }
    }
}
