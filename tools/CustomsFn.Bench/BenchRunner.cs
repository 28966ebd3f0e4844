using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using CustomsFn.Bench.LocalHost;
using Spectre.Console;

namespace CustomsFn.Bench;

/// <summary>Runs the chosen workloads one after the other and collects the report.</summary>
internal sealed class BenchRunner(BenchInputs inputs, BenchSettings settings, IAnsiConsole console)
{
    public async Task<BenchReport> RunAsync(CancellationToken ct)
    {
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var loadAtStart = LoadAverage();
        var core = new CoreWorkloads(inputs, settings);
        var results = new List<WorkloadResult>();
        var chosen = settings.Workloads;

        async Task Run(string id, Func<Task<WorkloadResult>> workload)
        {
            if (!chosen.Contains(id)) return;
            console.MarkupLineInterpolated($"[grey]{DateTime.UtcNow:HH:mm:ss}[/] {id} ...");
            var w = await workload().ConfigureAwait(false);
            results.Add(w);
            console.MarkupLineInterpolated($"[grey]{DateTime.UtcNow:HH:mm:ss}[/] {id}: {w.Pipeline.PerSecond.ToString("0.##", CultureInfo.InvariantCulture)} {w.Unit}/s, ratio {w.Ratio.ToString("0.00", CultureInfo.InvariantCulture)}x");
        }

        await Run("xml", () => core.XmlAsync(ct)).ConfigureAwait(false);
        double? en16931PerLineAt10 = null;
        foreach (var lines in new[] { 10, 10_000 })
        {
            await Run("xml", async () =>
            {
                var w = await EInvoiceRulesWorkload.RunAsync(lines, en16931PerLineAt10, settings.Rounds ?? (settings.Quick ? 2 : 5), settings.Quick, ct).ConfigureAwait(false);
                en16931PerLineAt10 ??= w.Extra["microsecondsPerLine"];
                return w;
            }).ConfigureAwait(false);
        }
        await Run("xml", () => EInvoiceRulesWorkload.RunAsync(10, null, settings.Rounds ?? (settings.Quick ? 2 : 5), settings.Quick, ct, peppol: true)).ConfigureAwait(false);
        await Run("pdf-text", () => core.PdfTextAsync(ct)).ConfigureAwait(false);
        await Run("scans", () => core.ScansAsync(ct)).ConfigureAwait(false);
        await Run("scans", () => core.ScansPaddleAsync(ct)).ConfigureAwait(false);
        if (chosen.Contains("rules"))
        {
            double? perLineAt10 = null;
            foreach (var lines in new[] { 10, 100, 10_000 })
            {
                await Run("rules", async () =>
                {
                    var w = await core.RulesAsync(lines, perLineAt10, ct).ConfigureAwait(false);
                    perLineAt10 ??= w.Extra["microsecondsPerLine"];
                    return w;
                }).ConfigureAwait(false);
            }
        }
        await Run("serialization", () => core.SerializationAsync(ct)).ConfigureAwait(false);
        await Run("end-to-end", () => EndToEndAsync(ct)).ConfigureAwait(false);
        await Run("memory", () => MemoryAsync(ct)).ConfigureAwait(false);
        await Run("screening", () => ScreeningWorkload.RunAsync(settings, ct)).ConfigureAwait(false);
        await Run("sweep", () => SweepWorkload.RunAsync(settings, ct)).ConfigureAwait(false);
        await Run("slow-pdfs", () => SlowPdfWorkload.RunAsync(inputs, settings, ct)).ConfigureAwait(false);
        await Run("hostile", () => HostileWorkload.RunAsync(settings, ct)).ConfigureAwait(false);
        await Run("hostile-host", () => HostileHostWorkload.RunAsync(ct)).ConfigureAwait(false);
        await Run("shipment-scale", () => ShipmentScaleWorkload.RunAsync(settings, ct)).ConfigureAwait(false);

        return new BenchReport
        {
            StartedAt = started,
            DurationSeconds = clock.Elapsed.TotalSeconds,
            Quick = settings.Quick,
            Command = "customs-bench" + (settings.Quick ? " --quick" : "") + (settings.Only is { } only ? " --only " + only : "")
                + (settings.Rounds is { } r ? " --rounds " + r.ToString(CultureInfo.InvariantCulture) : ""),
            Machine = Machine(loadAtStart),
            Workloads = results,
        };
    }

    /// <summary>Upload to message through the local host on a private Azurite, against storage alone doing the same flow.</summary>
    private async Task<WorkloadResult> EndToEndAsync(CancellationToken ct)
    {
        var (latency, burst) = settings.Quick ? (10, 40) : (60, 300);
        using var progress = new StringWriter(CultureInfo.InvariantCulture);
        var r = await LocalHostBenchmark.RunAsync(latency, burst, progress, ct).ConfigureAwait(false);
        var p95 = r.P95Seconds;
        return new WorkloadResult
        {
            Id = "end-to-end",
            Title = "End to end on Azurite (XML)",
            Unit = "documents",
            Items = burst,
            Rounds = 1,
            Pipeline = new SideResult("local host: upload -> trigger -> pipeline -> result blob, queues, audit, shipment",
                r.DocumentsPerMinute / 60, BenchmarkReport.Percentile(r.Latencies, 0.5) * 1000, p95 * 1000, burst / (r.DocumentsPerMinute / 60)),
            Floor = new SideResult("storage alone: upload, read back, write result, send message",
                r.FloorDocumentsPerMinute / 60, BenchmarkReport.Percentile(r.FloorLatencies, 0.5) * 1000, BenchmarkReport.Percentile(r.FloorLatencies, 0.95) * 1000,
                burst / (r.FloorDocumentsPerMinute / 60)),
            Ratio = r.FloorDocumentsPerMinute / r.DocumentsPerMinute,
            PeakMemoryMb = r.PeakMemoryMb,
            Targets =
            [
                new TargetCheck("upload-to-message p95 < 3 s", 3, p95, p95 < 3),
                new TargetCheck("documents per minute >= 300", 300, r.DocumentsPerMinute, r.DocumentsPerMinute >= 300),
            ],
            Extra = new Dictionary<string, double> { ["documentsPerMinute"] = r.DocumentsPerMinute, ["latencyUploads"] = r.Latencies.Count }
                .Concat(r.Stages.SelectMany(kv => new[]
                {
                    KeyValuePair.Create($"stage {kv.Key}: calls per document", kv.Value.CallsPerDocument),
                    KeyValuePair.Create($"stage {kv.Key}: ms per call", kv.Value.MeanMs),
                }))
                .ToDictionary(StringComparer.Ordinal),
            Note = $"Latency: {latency} uploads paced at 5/s; rate: {burst} uploads at once. Ratio: floor rate over host rate. Peak memory: this process (host and bench).",
        };
    }

    /// <summary>A generated N-page text PDF through the pipeline in a fresh child process: its peak resident memory.</summary>
    private async Task<WorkloadResult> MemoryAsync(CancellationToken ct)
    {
        var pages = settings.Quick ? Math.Min(settings.Pages, 50) : settings.Pages;
        var file = Path.Combine(Path.GetTempPath(), $"customsfn-bench-{pages}p-{Environment.ProcessId}.pdf");
        await File.WriteAllBytesAsync(file, LargePdf.Generate(pages), ct).ConfigureAwait(false);
        try
        {
            var m = await LargePdf.MeasureInChildAsync(file, ct).ConfigureAwait(false);
            var peak = (double)m["peakWorkingSetMb"]!;
            var pipeline = (double)m["pipelineSeconds"]!;
            var bare = (double)m["bareSeconds"]!;
            return new WorkloadResult
            {
                Id = $"pdf-{pages}-pages",
                Title = $"{pages}-page text PDF, fresh process",
                Unit = "pages",
                Items = pages,
                Rounds = 1,
                Pipeline = new SideResult("full pipeline, second run in a new process", pages / pipeline, pipeline * 1000, pipeline * 1000, pipeline),
                Floor = new SideResult("PdfPig bare Page.GetWords() in the same process", pages / bare, bare * 1000, bare * 1000, bare),
                Ratio = pipeline / bare,
                PeakMemoryMb = peak,
                Targets = [new TargetCheck($"peak memory < 300 MB on a {pages}-page PDF", 300, peak, peak < 300)],
                Extra = new Dictionary<string, double>
                {
                    ["goodsLines"] = (double)m["lines"]!, ["managedHeapMb"] = (double)m["managedPeakMb"]!, ["firstRunSeconds"] = (double)m["coldSeconds"]!,
                    ["hostPeakMb"] = (double)m["hostPeakMb"]!, ["workerPeakMb"] = (double)m["workerPeakMb"]!, ["workerProcesses"] = (double)m["workerProcesses"]!,
                },
                Note = "Peak resident set of a child process that processed the document twice (first run: JIT and tariff packs) plus the peak of the PDF worker process it started (VmHWM of each).",
            };
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static MachineInfo Machine(double[] loadAtStart)
    {
        string? tesseract = null;
        try
        {
            using var p = Process.Start(new ProcessStartInfo("tesseract", "--version") { RedirectStandardOutput = true, RedirectStandardError = true });
            if (p is not null)
            {
                var text = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
                p.WaitForExit();
                tesseract = text.Split('\n').FirstOrDefault()?.Trim();
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // Not installed: the scans workload says so itself.
        }
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        return new MachineInfo(Environment.ProcessorCount, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1e9,
            cpu ?? RuntimeInformation.ProcessArchitecture.ToString(), RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription,
            tesseract, loadAtStart, LoadAverage());
    }

    private static double[] LoadAverage()
    {
        if (!File.Exists("/proc/loadavg")) return [];
        return File.ReadAllText("/proc/loadavg").Split(' ').Take(3).Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
    }
}
