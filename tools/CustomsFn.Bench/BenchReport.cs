namespace CustomsFn.Bench;

/// <summary>The JSON report of <c>customs-bench</c> (schema <see cref="SchemaId"/>), for comparisons over time.</summary>
public sealed record BenchReport
{
    public const string SchemaId = "customsfn.bench/v1";

    public string Schema { get; init; } = SchemaId;
    public required DateTimeOffset StartedAt { get; init; }
    public required double DurationSeconds { get; init; }
    public required bool Quick { get; init; }
    public required string Command { get; init; }
    public required MachineInfo Machine { get; init; }
    public required IReadOnlyList<WorkloadResult> Workloads { get; init; }
}

/// <summary>Where the numbers were measured.</summary>
public sealed record MachineInfo(
    int Cores, double MemoryGb, string Cpu, string Os, string Runtime, string? Tesseract, double[] LoadAverageAtStart, double[] LoadAverageAtEnd);

/// <summary>One workload: the full path and its floor, measured side by side in the same run, and the ratio of their times.</summary>
public sealed record WorkloadResult
{
    /// <summary>Stable id (xml, pdf-text, scans, rules-10, rules-100, rules-10000, serialization, end-to-end, pdf-50-pages).</summary>
    public required string Id { get; init; }
    public required string Title { get; init; }
    /// <summary>What one item is (documents, pages, messages) for the rates.</summary>
    public required string Unit { get; init; }
    /// <summary>Items per round (the same for both sides).</summary>
    public required int Items { get; init; }
    public required int Rounds { get; init; }
    public required SideResult Pipeline { get; init; }
    public required SideResult Floor { get; init; }
    /// <summary>Pipeline time over floor time for the same items (1.0 = as fast as the floor).</summary>
    public required double Ratio { get; init; }
    /// <summary>Peak working set of the process while the pipeline side ran (for pdf-50-pages: of a fresh child process).</summary>
    public required double PeakMemoryMb { get; init; }
    public required IReadOnlyList<TargetCheck> Targets { get; init; }
    /// <summary>Extra measured figures (e.g. cost per line, per-phase times), by name.</summary>
    public IReadOnlyDictionary<string, double> Extra { get; init; } = new Dictionary<string, double>();
    public string? Note { get; init; }
}

/// <summary>
/// One side of a workload: rate in units per wall-clock second and per second of this process's CPU time (null where
/// the work runs in child processes or another process, e.g. tesseract or Azurite), and per-item latency.
/// </summary>
public sealed record SideResult(string What, double PerSecond, double P50Ms, double P95Ms, double TotalSeconds, double? PerCpuSecond = null)
{
    /// <summary>Items timed one by one (seconds each) over <paramref name="totalSeconds"/>: their rate, p50 and p95.</summary>
    public static SideResult OfItems(string what, IReadOnlyList<double> seconds, double totalSeconds)
    {
        ArgumentNullException.ThrowIfNull(seconds);
        return new(what, seconds.Count / totalSeconds, LocalHost.BenchmarkReport.Percentile(seconds, 0.50) * 1000,
            LocalHost.BenchmarkReport.Percentile(seconds, 0.95) * 1000, totalSeconds);
    }
}

/// <summary>A target of issue #11 and whether this run met it.</summary>
public sealed record TargetCheck(string What, double Goal, double Measured, bool Met);
