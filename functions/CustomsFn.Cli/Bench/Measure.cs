using System.Diagnostics;
using CustomsFn.LocalHost.Bench;

namespace CustomsFn.Cli.Bench;

/// <summary>Per-item timings of one side of a workload, over all rounds.</summary>
internal sealed class Timings
{
    private readonly List<double> _ms = [];

    public double TotalSeconds { get; private set; }
    public double Units { get; private set; }
    public double CpuSeconds { get; set; }

    public void Add(TimeSpan elapsed, double units)
    {
        _ms.Add(elapsed.TotalMilliseconds);
        TotalSeconds += elapsed.TotalSeconds;
        Units += units;
    }

    public SideResult ToSide(string what, bool cpu = true) =>
        new(what, TotalSeconds <= 0 ? 0 : Units / TotalSeconds, BenchmarkReport.Percentile(_ms, 0.50), BenchmarkReport.Percentile(_ms, 0.95), TotalSeconds,
            cpu && CpuSeconds > 0 ? Units / CpuSeconds : null);
}

/// <summary>Samples the process working set every few milliseconds while it is alive; <see cref="PeakMb"/> is the highest seen.</summary>
internal sealed class MemorySampler : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _peak;

    public MemorySampler()
    {
        _peak = Environment.WorkingSet;
        _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                var ws = Environment.WorkingSet;
                if (ws > Interlocked.Read(ref _peak)) Interlocked.Exchange(ref _peak, ws);
                try { await Task.Delay(5, _stop.Token).ConfigureAwait(false); }
                catch (OperationCanceledException) { break; }
            }
        });
    }

    public double PeakMb => Math.Max(Interlocked.Read(ref _peak), Environment.WorkingSet) / (1024.0 * 1024.0);

    public void Dispose()
    {
        _stop.Cancel();
        _loop.Wait();
        _stop.Dispose();
    }
}

/// <summary>
/// Runs a workload's two sides over the same items: one warm-up pass of each, then <c>rounds</c> rounds, the floor and
/// the pipeline alternating which goes first, so that both see the same machine load. Every item is timed alone.
/// </summary>
internal static class SideBySide
{
    public sealed record Outcome(Timings Pipeline, Timings Floor, double PeakMemoryMb)
    {
        public double Ratio => Floor.TotalSeconds <= 0 || Floor.Units <= 0 ? double.NaN
            : (Pipeline.TotalSeconds / Pipeline.Units) / (Floor.TotalSeconds / Floor.Units);
    }

    public static async Task<Outcome> RunAsync<T>(IReadOnlyList<T> items, Func<T, double> units, int rounds, bool warmUp,
        Func<T, CancellationToken, Task> pipeline, Func<T, CancellationToken, Task> floor, CancellationToken cancellationToken)
    {
        if (warmUp) await WarmUpAsync(items, pipeline, floor, cancellationToken).ConfigureAwait(false);
        var p = new Timings();
        var f = new Timings();
        double peak = 0;
        for (var r = 0; r < rounds; r++)
        {
            if (r % 2 == 0) await SideAsync(items, units, floor, f, cancellationToken).ConfigureAwait(false);
            using (var memory = new MemorySampler())
            {
                await SideAsync(items, units, pipeline, p, cancellationToken).ConfigureAwait(false);
                peak = Math.Max(peak, memory.PeakMb);
            }
            if (r % 2 == 1) await SideAsync(items, units, floor, f, cancellationToken).ConfigureAwait(false);
        }
        return new Outcome(p, f, peak);
    }

    /// <summary>One pass of both sides over the first (up to three) items: JIT, caches and child processes warmed.</summary>
    private static async Task WarmUpAsync<T>(IReadOnlyList<T> items, Func<T, CancellationToken, Task> pipeline, Func<T, CancellationToken, Task> floor,
        CancellationToken cancellationToken)
    {
        foreach (var item in items.Take(Math.Max(1, Math.Min(items.Count, 3))))
        {
            await floor(item, cancellationToken).ConfigureAwait(false);
            await pipeline(item, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Like <see cref="RunAsync{T}"/> but item by item: each item's floor and pipeline run back to back (which goes first
    /// alternates), so a change of machine load during a long run hits both sides alike. CPU time counts this process and
    /// its finished child processes (for workloads whose work runs in children, such as tesseract).
    /// </summary>
    public static async Task<Outcome> RunInterleavedAsync<T>(IReadOnlyList<T> items, Func<T, double> units, int rounds, bool warmUp,
        Func<T, CancellationToken, Task> pipeline, Func<T, CancellationToken, Task> floor, CancellationToken cancellationToken)
    {
        if (warmUp) await WarmUpAsync(items, pipeline, floor, cancellationToken).ConfigureAwait(false);
        var p = new Timings();
        var f = new Timings();
        double peak = 0;
        var turn = 0;
        for (var r = 0; r < rounds; r++)
        {
            foreach (var item in items)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var floorFirst = turn++ % 2 == 0;
                if (floorFirst) await TimedAsync(item, units, floor, f, cancellationToken).ConfigureAwait(false);
                using (var memory = new MemorySampler())
                {
                    await TimedAsync(item, units, pipeline, p, cancellationToken).ConfigureAwait(false);
                    peak = Math.Max(peak, memory.PeakMb);
                }
                if (!floorFirst) await TimedAsync(item, units, floor, f, cancellationToken).ConfigureAwait(false);
            }
        }
        return new Outcome(p, f, peak);
    }

    private static async Task TimedAsync<T>(T item, Func<T, double> units, Func<T, CancellationToken, Task> run, Timings timings, CancellationToken cancellationToken)
    {
        var cpu = ProcessCpu.SelfAndChildren();
        var started = Stopwatch.GetTimestamp();
        await run(item, cancellationToken).ConfigureAwait(false);
        timings.Add(Stopwatch.GetElapsedTime(started), units(item));
        timings.CpuSeconds += (ProcessCpu.SelfAndChildren() - cpu).TotalSeconds;
    }

    private static async Task SideAsync<T>(IReadOnlyList<T> items, Func<T, double> units, Func<T, CancellationToken, Task> run,
        Timings timings, CancellationToken cancellationToken)
    {
        using var self = Process.GetCurrentProcess();
        var cpu = self.TotalProcessorTime;
        foreach (var item in items)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var started = Stopwatch.GetTimestamp();
            await run(item, cancellationToken).ConfigureAwait(false);
            timings.Add(Stopwatch.GetElapsedTime(started), units(item));
        }
        self.Refresh();
        timings.CpuSeconds += (self.TotalProcessorTime - cpu).TotalSeconds;
    }
}

/// <summary>CPU time of this process plus that of its finished (reaped) child processes, from /proc/self/stat on Linux.</summary>
internal static class ProcessCpu
{
    public static TimeSpan SelfAndChildren()
    {
        using var self = Process.GetCurrentProcess();
        var total = self.TotalProcessorTime;
        if (!OperatingSystem.IsLinux() || !File.Exists("/proc/self/stat")) return total;
        // Fields after the command name (which may hold spaces, so split after its closing parenthesis): cutime and cstime
        // are the 14th and 15th, in clock ticks (100 per second on Linux).
        var stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[13], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[14], System.Globalization.CultureInfo.InvariantCulture);
        return total + TimeSpan.FromSeconds(ticks / 100.0);
    }
}
