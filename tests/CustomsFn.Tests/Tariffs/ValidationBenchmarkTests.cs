using CustomsFn.Core.Tariffs;
using Xunit.Abstractions;

namespace CustomsFn.Tests.Tariffs;

public sealed class ValidationBenchmarkTests(ITestOutputHelper output)
{
    [Fact]
    public void Benchmark_RunsAndReports()
    {
        // A short run: the hook works and reports; the real measurement is `customs bench` (no timed assertion here).
        var r = ValidationBenchmark.Run(documents: 300);
        output.WriteLine($"{r.Documents} ten-line documents in {r.Elapsed.TotalMilliseconds:0} ms = {r.DocumentsPerSecond:0}/s; pack load {r.PackLoadTime.TotalMilliseconds:0} ms");
        Assert.Equal(300, r.Documents);
        Assert.Equal(10, r.LinesPerDocument);
        Assert.True(r.DocumentsPerSecond > 0);
        Assert.True(r.PackLoadTime > TimeSpan.Zero);
    }
}
