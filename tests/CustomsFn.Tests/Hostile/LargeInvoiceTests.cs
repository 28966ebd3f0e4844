using System.Diagnostics;
using CustomsFn.Core;
using CustomsFn.Core.Contract;
using CustomsFn.Core.Pipeline;
using Xunit.Abstractions;

namespace CustomsFn.Tests.Hostile;

/// <summary>Big but honest input must succeed, and its cost must grow linearly with its size.</summary>
[Collection(HostileCollection.Name)]
public sealed class LargeInvoiceTests(ITestOutputHelper output)
{
    private static readonly DocumentProcessor Processor = CustomsDefaults.CreateProcessor(new PipelineOptions { Isolation = HostileInputSuiteTests.WorkerIsolation() });

    private static async Task<(CustomsResult Result, TimeSpan Elapsed)> TimeAsync(byte[] bytes)
    {
        var clock = Stopwatch.StartNew();
        var result = await Processor.ProcessAsync(UploadContent.FromBytes(bytes), new DocumentRef("incoming/large.xml"), CancellationToken.None);
        return (result, clock.Elapsed);
    }

    [Fact]
    public async Task TenThousandLineInvoice_IsRead_AndCostsAboutTenTimesAThousandLines()
    {
        var small = HostileInputs.UblInvoiceWithLines(1_000);
        var large = HostileInputs.UblInvoiceWithLines(10_000);
        await TimeAsync(HostileInputs.UblInvoiceWithLines(10)); // warm-up: JIT and tariff data

        var (smallResult, smallTime) = await TimeAsync(small);
        var (largeResult, largeTime) = await TimeAsync(large);

        Assert.Equal(1_000, smallResult.Lines.Count);
        Assert.True(largeResult.Lines.Count == 10_000, $"{largeResult.Lines.Count} lines; " + string.Join("; ", largeResult.Findings.Take(3).Select(f => $"{f.Rule} {f.Message}")));
        Assert.DoesNotContain(largeResult.Findings, f => f.Rule.StartsWith("INPUT-", StringComparison.Ordinal));
        Assert.Equal(Core.Model.DocumentFormat.Ubl, largeResult.Format);
        var ratio = largeTime.TotalMilliseconds / Math.Max(1, smallTime.TotalMilliseconds);
        output.WriteLine($"1,000 lines: {smallTime.TotalMilliseconds:0} ms; 10,000 lines: {largeTime.TotalMilliseconds:0} ms; ratio {ratio:0.0} (linear = 10, quadratic = 100)");
        // Linear is 10; quadratic would be 100. The bound is loose because the machine is shared and noisy.
        Assert.True(ratio < 40, $"10x the lines cost {ratio:0.0}x the time: not linear ({smallTime.TotalMilliseconds:0} ms vs {largeTime.TotalMilliseconds:0} ms)");
    }
}
