using CustomsFn.Bench;
using Newtonsoft.Json.Linq;
using Spectre.Console.Testing;

namespace CustomsFn.Tests;

/// <summary>
/// <c>customs-bench</c> in a tiny mode (one round, a 3-page generated PDF, no OCR and no Azurite): the report's shape,
/// never its timings.
/// </summary>
public sealed class BenchCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("customsfn-bench-test-").FullName;
    private readonly TestConsole _console = new();

    public BenchCommandTests() => _console.Profile.Width = 200;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Bench_TinyRun_WritesAReportWithEveryWorkloadBesideItsFloor()
    {
        var path = Path.Combine(_dir, "report.json");
        var exit = await BenchApp.RunAsync(["--quick", "--rounds", "1", "--pages", "3",
            "--only", "xml,pdf-text,rules,serialization,memory", "--out", path], _console);

        Assert.True(exit == BenchApp.Ok, _console.Output);
        var report = JObject.Parse(await File.ReadAllTextAsync(path));
        Assert.Equal("customsfn.bench/v1", (string?)report["schema"]);
        Assert.True((bool)report["quick"]!);
        Assert.StartsWith("customs-bench --quick", (string?)report["command"], StringComparison.Ordinal);

        var machine = (JObject)report["machine"]!;
        Assert.Equal(Environment.ProcessorCount, (int)machine["cores"]!);
        Assert.True((double)machine["memoryGb"]! > 0);
        Assert.Contains(".NET", (string?)machine["runtime"], StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace((string?)machine["os"]));

        var workloads = report["workloads"]!.Cast<JObject>().ToList();
        Assert.Equal(["xml", "xml-en16931-10", "xml-en16931-10000", "xml-en16931-peppol-10", "pdf-text", "rules-10", "rules-100", "rules-10000", "serialization", "pdf-3-pages"],
            workloads.Select(w => (string)w["id"]!));
        foreach (var w in workloads)
        {
            var id = (string)w["id"]!;
            Assert.True((int)w["items"]! > 0, id);
            Assert.True((int)w["rounds"]! >= 1, id);
            Assert.False(string.IsNullOrWhiteSpace((string?)w["unit"]), id);
            foreach (var side in new[] { (JObject)w["pipeline"]!, (JObject)w["floor"]! })
            {
                Assert.False(string.IsNullOrWhiteSpace((string?)side["what"]), id);
                Assert.True((double)side["perSecond"]! > 0, id);
                Assert.True((double)side["p95Ms"]! >= (double)side["p50Ms"]!, id);
                Assert.True((double)side["totalSeconds"]! > 0, id);
            }
            // The ratio is the two sides' time per unit, as measured.
            var ratio = (double)w["ratio"]!;
            var expected = (double)w["floor"]!["perSecond"]! / (double)w["pipeline"]!["perSecond"]!;
            Assert.InRange(ratio, expected * 0.99, expected * 1.01);
            Assert.True((double)w["peakMemoryMb"]! > 0, id);
            foreach (var t in w["targets"]!.Cast<JObject>())
            {
                Assert.False(string.IsNullOrWhiteSpace((string?)t["what"]), id);
                Assert.Equal(JTokenType.Boolean, t["met"]!.Type);
                Assert.Contains(t["goal"]!.Type, new[] { JTokenType.Float, JTokenType.Integer });
                Assert.Contains(t["measured"]!.Type, new[] { JTokenType.Float, JTokenType.Integer });
            }
        }
        Assert.Contains(workloads.Single(w => (string)w["id"]! == "xml")["targets"]!, t => ((string)t["what"]!).Contains("2000", StringComparison.Ordinal));
        // The generated PDF was read as an invoice with goods lines, and rules cost per line is reported per size.
        var memory = workloads.Single(w => (string)w["id"]! == "pdf-3-pages");
        Assert.True((double)memory["extra"]!["goodsLines"]! >= 100);
        Assert.Single(memory["targets"]!);
        // The PDF was read by the worker the measuring process started: its memory is part of the peak.
        Assert.Equal(1, (double)memory["extra"]!["workerProcesses"]!);
        Assert.True((double)memory["extra"]!["workerPeakMb"]! > 0);
        Assert.Equal((double)memory["extra"]!["hostPeakMb"]! + (double)memory["extra"]!["workerPeakMb"]!, (double)memory["peakMemoryMb"]!, 3);
        Assert.True((double)workloads.Single(w => (string)w["id"]! == "rules-10000")["extra"]!["perLineCostVs10Lines"]! > 0);
        Assert.Contains("pdf-3-pages", _console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShipmentScale_QuickRun_OneFolderOfUploads_NoFailedInvocations_EveryUploadOneResult_BoundedRecord()
    {
        var path = Path.Combine(_dir, "shipment-scale.json");
        var exit = await BenchApp.RunAsync(["--quick", "--only", "shipment-scale", "--out", path], _console);

        Assert.True(exit == BenchApp.Ok, _console.Output);
        var row = (JObject)JObject.Parse(await File.ReadAllTextAsync(path))["workloads"]!.Single();
        Assert.Equal("shipment-scale", (string?)row["id"]);
        var extra = (JObject)row["extra"]!;
        Assert.Equal(100, (double)extra["uploads"]!);
        Assert.Equal(0, (double)extra["one folder: failed invocations"]!);
        Assert.Equal(0, (double)extra["spread: failed invocations"]!);
        Assert.Equal(0, (double)extra["uploads without a result"]!);
        Assert.Equal(0, (double)extra["uploads with more than one result"]!);
        Assert.Equal(100, (double)extra["shipment record documents"]!);
        Assert.InRange((double)extra["shipment record bytes"]!, 1_000, 1_000_000);
        // 50 quantity findings and 49 weight findings (every packing list against the first).
        Assert.Equal(99, (double)extra["shipment findings"]!);
        // Arrivals were folded together: fewer shipment updates than uploads.
        Assert.InRange((double)extra["one folder: shipment messages (updates)"]!, 1, 99);
        var targets = (JArray)row["targets"]!;
        Assert.Equal(4, targets.Count);
        // The time ratio depends on the machine's load; failures, completeness and the record size must hold on any.
        Assert.All(targets.Skip(1), t => Assert.True((bool)t["met"]!, t.ToString()));
    }

    [Fact]
    public async Task Hostile_QuickRun_MeasuresEachInputInAFreshProcess_AndNamesTheWorst()
    {
        var path = Path.Combine(_dir, "hostile.json");
        var exit = await BenchApp.RunAsync(["--quick", "--only", "hostile", "--out", path], _console);

        Assert.True(exit == BenchApp.Ok, _console.Output);
        var row = (JObject)JObject.Parse(await File.ReadAllTextAsync(path))["workloads"]!.Single();
        Assert.Equal("hostile", (string?)row["id"]);
        var inputs = (int)row["items"]!;
        var fuzz = new[] { "FuzzCrashes", "FuzzHangs" }.Sum(f => Directory.GetFiles(Path.Combine(TestPaths.RepoRoot, "tests", "CustomsFn.Tests", "Hostile", f)).Length);
        Assert.Equal((HostileSuite.Cases.Count + 2 + fuzz + 5) / 6, inputs); // every sixth of the suite, the two large inputs and the fuzz inputs
        var extra = (JObject)row["extra"]!;
        Assert.Contains(extra.Properties(), p => p.Name.StartsWith("host peak MB (", StringComparison.Ordinal) && (double)p.Value > 50);
        Assert.Equal(0, (double)extra["inputs not rejected with their code"]!);
        Assert.Equal(3, ((JArray)row["targets"]!).Count);
        Assert.Equal((double)HostileSuite.Cases.Count(c => c.Name == "zero-bytes"), extra.Properties().Count(p => p.Name == "zero-bytes: seconds"));
    }

    [Fact]
    public async Task HostileHost_EveryUploadGetsExactlyOneResult_AndTheHostPeakIsReported()
    {
        // In a process of its own, as it is run: in this test host no PDF worker can start (the host is not an app that
        // can be its own worker), so PdfPig would read the hostile PDFs in-process, and a stack overflow ends any process.
        var path = Path.Combine(_dir, "hostile-host.json");
        var start = new System.Diagnostics.ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        foreach (var a in new[] { typeof(BenchApp).Assembly.Location, "--only", "hostile-host", "--out", path }) start.ArgumentList.Add(a);
        using var bench = System.Diagnostics.Process.Start(start)!;
        var output = bench.StandardOutput.ReadToEndAsync();
        var errors = bench.StandardError.ReadToEndAsync();
        await bench.WaitForExitAsync();
        Assert.True(bench.ExitCode == BenchApp.Ok, await output + await errors);
        var row = (JObject)JObject.Parse(await File.ReadAllTextAsync(path))["workloads"]!.Single();
        var extra = (JObject)row["extra"]!;
        Assert.Equal((double)extra["uploads"]!, (double)extra["results"]!);
        Assert.True((double)extra["uploads"]! > HostileSuite.Cases.Count);
        Assert.Equal(0, (double)extra["without a result"]!);
        Assert.Equal(0, (double)extra["with more than one result"]!);
        Assert.True((double)extra["host peak MB"]! > 50);
    }

    /// <summary>The script that puts a command and its children under a memory limit (a cgroup; CI runs as root).</summary>
    [Fact]
    public async Task UnderMemoryLimit_KillsACommandPastTheLimit_AndPassesOnTheExitCodeOfOneWithin()
    {
        static async Task<(int Exit, string Output)> Run(params string[] args)
        {
            var start = new System.Diagnostics.ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(Path.Combine(TestPaths.RepoRoot, "scripts", "under-memory-limit.sh"));
            foreach (var a in args) start.ArgumentList.Add(a);
            using var process = System.Diagnostics.Process.Start(start)!;
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, output);
        }

        var within = await Run("64M", "sh", "-c", "exit 3");
        Assert.Equal(3, within.Exit);
        Assert.Contains("under-memory-limit: limit 64M", within.Output, StringComparison.Ordinal);

        var past = await Run("64M", "perl", "-e", "$x = 'a' x (200 * 1024 * 1024); print length $x");
        Assert.Equal(137, past.Exit);
        Assert.Contains("oom_kill 1", past.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void CpuAccounting_CountsLiveChildProcesses_LikeTheLongLivedWorkers()
    {
        // A busy child that is not waited for (an OCR worker is alive for the whole benchmark): its CPU time must show up
        // in the benchmark's CPU figures while it runs, and its memory in the peak.
        using var child = System.Diagnostics.Process.Start("sh", ["-c", "while :; do :; done"]);
        try
        {
            (int Pid, TimeSpan Cpu, long ResidentBytes) seen = default;
            var until = DateTime.UtcNow.AddSeconds(30);
            while (seen.Cpu < TimeSpan.FromSeconds(0.3) && DateTime.UtcNow < until)
            {
                Thread.Sleep(50);
                seen = CustomsFn.Bench.ChildProcesses.Live().SingleOrDefault(c => c.Pid == child.Id);
            }
            Assert.True(seen.Cpu >= TimeSpan.FromSeconds(0.3), $"live child CPU seen: {seen.Cpu}");
            Assert.True(seen.ResidentBytes > 0);
            // Other tests' children come and go meanwhile: the totals include at least this one's figures.
            Assert.True(CustomsFn.Bench.ChildProcesses.Cpu() >= seen.Cpu);
            Assert.True(CustomsFn.Bench.ProcessCpu.SelfAndChildren() >= seen.Cpu);
        }
        finally
        {
            child.Kill();
            child.WaitForExit();
        }
    }

    [Fact]
    public void MemoryPeak_IncludesTheLiveChildProcesses()
    {
        // A child that holds 200 MB (a worker with its models loaded): the workload's peak must include it.
        using var sampler = new CustomsFn.Bench.MemorySampler();
        using var child = System.Diagnostics.Process.Start("node", ["-e", "const b = Buffer.alloc(200 * 1024 * 1024, 1); setTimeout(() => b.length, 60000);"]);
        try
        {
            var until = DateTime.UtcNow.AddSeconds(30);
            while (CustomsFn.Bench.ChildProcesses.Live().SingleOrDefault(c => c.Pid == child.Id).ResidentBytes < 190L * 1024 * 1024 && DateTime.UtcNow < until)
                Thread.Sleep(50);
            Assert.True(sampler.PeakMb >= 190 + Environment.WorkingSet / (1024.0 * 1024.0) * 0.5, $"peak {sampler.PeakMb:0} MB");
        }
        finally
        {
            child.Kill();
            child.WaitForExit();
        }
    }

    [Theory]
    [InlineData("--only", "nonsense")]
    [InlineData("--rounds", "0")]
    [InlineData("--pages", "0")]
    public async Task Bench_BadUsage_ExitsTwo(params string[] args)
    {
        Assert.Equal(BenchApp.BadUsage, await BenchApp.RunAsync(args, _console));
    }
}
