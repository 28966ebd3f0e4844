using System.Globalization;
using CustomsFn.Bench;
using CustomsFn.Core.Rules;
using Xunit.Abstractions;

namespace CustomsFn.Tests.Tariffs;

public sealed class ValidationBenchmarkTests(ITestOutputHelper output)
{
    [Fact]
    public void Benchmark_RunsAndReports()
    {
        // A short run: the hook works and reports; no timed assertion here. For a measurement set
        // CUSTOMSFN_BENCH_DOCUMENTS (e.g. 200000) and read the test output; `customs-bench` reports the same workload.
        var documents = int.TryParse(Environment.GetEnvironmentVariable("CUSTOMSFN_BENCH_DOCUMENTS"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 300;
        var r = ValidationBenchmark.Run(documents);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{r.Documents} ten-line documents in {r.Elapsed.TotalMilliseconds:0} ms = {r.DocumentsPerSecond:0}/s wall, {r.DocumentsPerCpuSecond:0} docs/CPU-s ({r.CpuTime.TotalMilliseconds:0} ms CPU); {r.BytesPerDocument:0} bytes and {r.FindingsPerDocument:0.0} findings per document; pack load {r.PackLoadTime.TotalMilliseconds:0} ms"));
        foreach (var p in r.Rules ?? [])
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {p.Rule,-22} {p.MicrosecondsPerDocument,8:0.00} us/doc {p.BytesPerDocument,8:0} B/doc"));
        Assert.Equal(documents, r.Documents);
        Assert.Equal(10, r.LinesPerDocument);
        Assert.True(r.DocumentsPerSecond > 0);
        Assert.True(r.PackLoadTime > TimeSpan.Zero);
        Assert.True(r.BytesPerDocument > 0);
        Assert.NotNull(r.Rules);
        Assert.Equal(RuleEngine.CreateDefault().Rules.Count, r.Rules.Count); // one profile per rule of the default engine
        Assert.All(r.Rules, p => Assert.True(p.MicrosecondsPerDocument >= 0));
    }
}
