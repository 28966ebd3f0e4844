using System.Diagnostics;
using CustomsFn.Bench.LocalHost;

namespace CustomsFn.Bench;

/// <summary>Per-item timings of one side of a workload, over all rounds.</summary>
internal sealed class Timings
{
    private readonly List<double> _ms = [];

    public double TotalSeconds { get; private set; }
    public double Units { get; private set; }
    public double CpuSeconds { get; set; }

    /// <summary>The part of <see cref="CpuSeconds"/> spent in this process (the rest is child processes'), where measured item by item.</summary>
    public double SelfCpuSeconds { get; set; }

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

/// <summary>
/// The peak resident memory of this process and its live child processes (the PDF and OCR workers, tesseract children)
/// while it is alive. On Linux the kernel keeps each process's peak (VmHWM): it is reset at the start (<c>clear_refs</c>
/// 5) and read at the end, so nothing polls while the workload runs (polling cost the measured side about 0.2 s of CPU
/// per scanned page). <see cref="PeakMb"/> is the sum of the processes' peaks (at least the peak of their sum).
/// Elsewhere the working set of this process is polled every few milliseconds.
/// </summary>
internal sealed class MemorySampler : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop = Task.CompletedTask;
    private readonly bool _kernelPeaks;
    private long _peak;

    public MemorySampler()
    {
        _kernelPeaks = ResetPeak("self");
        if (_kernelPeaks)
        {
            foreach (var child in ChildProcesses.Live()) ResetPeak(child.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return;
        }
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

    public double PeakMb => (_kernelPeaks
        ? Proc.PeakBytes("self") + ChildProcesses.Live().Sum(c => Proc.PeakBytes(c.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)))
        : Math.Max(Interlocked.Read(ref _peak), Environment.WorkingSet)) / (1024.0 * 1024.0);

    private static bool ResetPeak(string pid)
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            File.WriteAllText($"/proc/{pid}/clear_refs", "5");
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _loop.Wait();
        _stop.Dispose();
    }
}

/// <summary>This process's live children, from /proc on Linux (none elsewhere): their CPU time and resident memory.</summary>
internal static class ChildProcesses
{
    private static readonly long PageBytes = Environment.SystemPageSize;

    /// <summary>Each live child: its process id, CPU time (its own and its reaped children's) and resident bytes.</summary>
    public static IEnumerable<(int Pid, TimeSpan Cpu, long ResidentBytes)> Live()
    {
        if (!OperatingSystem.IsLinux() || !Directory.Exists("/proc/self/task")) yield break;
        var pids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            string children;
            try { children = File.ReadAllText(Path.Combine(task, "children")); }
            catch (IOException) { continue; }
            catch (UnauthorizedAccessException) { continue; }
            foreach (var pid in children.Split(' ', StringSplitOptions.RemoveEmptyEntries)) pids.Add(pid);
        }
        foreach (var pid in pids)
        {
            if (Proc.Stat(pid) is not { } f) continue; // exited meanwhile
            // Times in clock ticks (100 per second): utime 14, stime 15, cutime 16, cstime 17; rss 24 in pages.
            yield return (int.Parse(pid, System.Globalization.CultureInfo.InvariantCulture),
                Proc.Ticks(Proc.Field(f, 14) + Proc.Field(f, 15) + Proc.Field(f, 16) + Proc.Field(f, 17)), Proc.Field(f, 24) * PageBytes);
        }
    }

    /// <summary>CPU time of the live children.</summary>
    public static TimeSpan Cpu() => Live().Aggregate(TimeSpan.Zero, (sum, c) => sum + c.Cpu);

    /// <summary>Resident bytes of the live children.</summary>
    public static long ResidentBytes() => Live().Sum(c => c.ResidentBytes);
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
        var self = ProcessCpu.Self();
        var cpu = ProcessCpu.SelfAndChildren();
        var started = Stopwatch.GetTimestamp();
        await run(item, cancellationToken).ConfigureAwait(false);
        timings.Add(Stopwatch.GetElapsedTime(started), units(item));
        timings.CpuSeconds += (ProcessCpu.SelfAndChildren() - cpu).TotalSeconds;
        timings.SelfCpuSeconds += (ProcessCpu.Self() - self).TotalSeconds;
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

/// <summary>
/// CPU time of this process, of its finished (reaped) child processes and of its live ones (the long-lived PDF and OCR
/// workers), from /proc on Linux. A child's time moves from the live count to the reaped one when it is waited for, so
/// the sum stays continuous.
/// </summary>
internal static class ProcessCpu
{
    public static TimeSpan Self()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    public static TimeSpan SelfAndChildren()
    {
        using var self = Process.GetCurrentProcess();
        var total = self.TotalProcessorTime;
        if (!OperatingSystem.IsLinux() || Proc.Stat("self") is not { } f) return total;
        // cutime and cstime: the reaped children's CPU.
        return total + Proc.Ticks(Proc.Field(f, 16) + Proc.Field(f, 17)) + ChildProcesses.Cpu();
    }
}

/// <summary>Reading /proc on Linux, for the benchmark's CPU and memory accounting.</summary>
internal static class Proc
{
    /// <summary>
    /// The fields of /proc/PID/stat after the command name (which may hold spaces and parentheses, so the split is after
    /// its last ')'): index 0 is field 3 (state). Null when the process is gone.
    /// </summary>
    public static string[]? Stat(string pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Field <paramref name="number"/> (1-based, as in proc(5)) of <see cref="Stat"/>'s fields.</summary>
    public static long Field(string[] fields, int number) => long.Parse(fields[number - 3], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Clock ticks (100 per second on Linux) as time.</summary>
    public static TimeSpan Ticks(long ticks) => TimeSpan.FromSeconds(ticks / 100.0);

    /// <summary>The process's peak resident set (VmHWM of /proc/PID/status) in bytes; 0 when the process is gone.</summary>
    public static long PeakBytes(string pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line["VmHWM:".Length..].Replace("kB", "", StringComparison.Ordinal).Trim(), System.Globalization.CultureInfo.InvariantCulture) * 1024;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }
}
