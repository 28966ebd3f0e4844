using System.Diagnostics;
using CustomsFn.Bench;

namespace CustomsFn.Tests;

/// <summary>The scans workload's harness: item by item, the two sides back to back, CPU time with the children's.</summary>
public class BenchInterleavedTests
{
    [Fact]
    public async Task Interleaved_RunsEachItemsTwoSidesBackToBack_AlternatingWhichGoesFirst()
    {
        var order = new List<string>();
        var o = await SideBySide.RunInterleavedAsync(["a", "b", "c"], _ => 2, rounds: 2, warmUp: false,
            (item, _) => { order.Add("p:" + item); return Task.CompletedTask; },
            (item, _) => { order.Add("f:" + item); return Task.CompletedTask; }, CancellationToken.None);

        Assert.Equal(["f:a", "p:a", "p:b", "f:b", "f:c", "p:c", "p:a", "f:a", "f:b", "p:b", "p:c", "f:c"], order);
        Assert.Equal(12, o.Pipeline.Units);
        Assert.Equal(12, o.Floor.Units);
    }

    [Fact]
    public async Task Cpu_CountsFinishedChildProcesses()
    {
        Assert.True(OperatingSystem.IsLinux(), "reads /proc/self/stat");
        var before = ProcessCpu.SelfAndChildren();
        // A child doing a fixed amount of work (about 0.2 s of CPU time on this machine, whatever its load).
        var sw = Stopwatch.StartNew();
        using (var child = Process.Start(new ProcessStartInfo("sh", ["-c", "i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done"]))!)
            await child.WaitForExitAsync();
        var spent = ProcessCpu.SelfAndChildren() - before;

        Assert.True(spent >= TimeSpan.FromSeconds(0.05), $"counted {spent.TotalSeconds:0.00} s of CPU for a child that ran {sw.Elapsed.TotalSeconds:0.00} s");
    }
}
