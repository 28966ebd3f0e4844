using System.Diagnostics;
using System.Globalization;
using CustomsFn.Bench.Hostile;
using CustomsFn.Bench.LocalHost;
using CustomsFn.Core;
using CustomsFn.Core.Contract;
using CustomsFn.Core.Foundation;
using CustomsFn.Core.Pipeline;
using Newtonsoft.Json.Linq;

namespace CustomsFn.Bench;

/// <summary>
/// <c>customs-bench --only hostile</c>: every input of the hostile suite (<see cref="HostileSuite"/>), the large inputs of
/// issue 25 (a 40,000-line UBL invoice, a 499-page PDF) and the fuzzers' crash and hang inputs, each processed once in a
/// fresh process after a warm-up on a sample: its wall time, the host's peak resident set and the PDF workers' peak, and
/// the code it was rejected with. The worst of each is reported with its input.
/// </summary>
internal static class HostileWorkload
{
    private const double HostBudgetMb = 600;
    private const double SecondsBudget = 20;

    public static async Task<WorkloadResult> RunAsync(BenchSettings settings, CancellationToken ct)
    {
        var inputs = Inputs(settings.Quick);

        var rows = new List<(string Name, string? Expected, double Seconds, double HostMb, double WorkerMb, string Rule)>();
        var temp = Directory.CreateTempSubdirectory("customsfn-bench-hostile-");
        try
        {
            foreach (var (name, expected, build) in inputs)
            {
                var file = Path.Combine(temp.FullName, name);
                await File.WriteAllBytesAsync(file, build(), ct).ConfigureAwait(false);
                var m = await LargePdf.MeasureInChildAsync(file, ct, once: true).ConfigureAwait(false);
                rows.Add((name, expected, (double)m["seconds"]!, (double)m["hostPeakMb"]!, (double)m["workerPeakMb"]!, (string?)m["rule"] ?? (string)m["status"]!));
                File.Delete(file);
            }
        }
        finally
        {
            temp.Delete(recursive: true);
        }

        var slowest = rows.MaxBy(r => r.Seconds);
        var hostWorst = rows.MaxBy(r => r.HostMb);
        var workerWorst = rows.MaxBy(r => r.WorkerMb);
        var wrongCode = rows.Where(r => r.Expected is not null && r.Expected != r.Rule).ToList();
        var total = rows.Sum(r => r.Seconds);
        var extra = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["inputs"] = rows.Count,
            [$"slowest seconds ({slowest.Name})"] = slowest.Seconds,
            [$"host peak MB ({hostWorst.Name})"] = hostWorst.HostMb,
            [$"worker peak MB ({workerWorst.Name})"] = workerWorst.WorkerMb,
            ["inputs not rejected with their code"] = wrongCode.Count,
        };
        foreach (var r in rows)
        {
            extra[$"{r.Name}: seconds"] = r.Seconds;
            extra[$"{r.Name}: host peak MB"] = r.HostMb;
            extra[$"{r.Name}: worker peak MB"] = r.WorkerMb;
        }
        var each = SideResult.OfItems("processed once after a warm-up on a sample", rows.Select(r => r.Seconds).ToList(), total);
        return new WorkloadResult
        {
            Id = "hostile",
            Title = $"{rows.Count} hostile inputs, each in a fresh process",
            Unit = "inputs",
            Items = rows.Count,
            Rounds = 1,
            Pipeline = each,
            Floor = each with { What = "the same time (no floor: refusals are measured against their budget)" },
            Ratio = 1,
            PeakMemoryMb = hostWorst.HostMb + workerWorst.WorkerMb,
            Targets =
            [
                new TargetCheck($"host peak < {HostBudgetMb} MB on every input (worst: {hostWorst.Name})", HostBudgetMb, hostWorst.HostMb, hostWorst.HostMb < HostBudgetMb),
                new TargetCheck($"every input decided in < {SecondsBudget} s (slowest: {slowest.Name})", SecondsBudget, slowest.Seconds, slowest.Seconds < SecondsBudget),
                new TargetCheck("every suite input rejected with its code (count of those that were not)", 0, wrongCode.Count, wrongCode.Count == 0),
            ],
            Extra = extra,
            Note = "Worker peak: live PDF workers at the end (a worker killed for its input is not counted). " +
                   (wrongCode.Count == 0 ? "" : "Not rejected with their code: " + string.Join(", ", wrongCode.Select(w => $"{w.Name} ({w.Rule}, expected {w.Expected})")) + "."),
        };
    }

    /// <summary>The suite's inputs with their codes, the two large inputs of issue 25, and the fuzz inputs (no code); quick: every sixth.</summary>
    public static List<(string Name, string? Expected, Func<byte[]> Build)> Inputs(bool quick)
    {
        var inputs = HostileSuite.Cases.Select(c => (c.Name, Expected: (string?)c.Code, Build: (Func<byte[]>)(() => HostileSuite.Build(c.Name)))).ToList();
        inputs.Add(("ubl-40000-lines", InputCodes.XmlLimits, () => HostileInputs.UblInvoiceWithLines(40_000)));
        inputs.Add(("pdf-499-pages-48-rows", InputCodes.TooLarge, () => LargePdf.Generate(499)));
        var fuzz = Path.Combine(Path.GetDirectoryName(DocumentVariants.FindSamples())!, "..", "tests", "CustomsFn.Tests", "Hostile");
        foreach (var folder in new[] { "FuzzCrashes", "FuzzHangs" })
        {
            var dir = Path.Combine(fuzz, folder);
            if (!Directory.Exists(dir)) continue;
            foreach (var file in Directory.GetFiles(dir).Order(StringComparer.Ordinal))
                inputs.Add((Path.GetFileName(file), null, () => File.ReadAllBytes(file)));
        }
        return quick ? inputs.Where((_, i) => i % 6 == 0).ToList() : inputs;
    }

    /// <summary>In the child: a warm-up on a sample (JIT, tariff packs), then the input once; time, peaks and the outcome.</summary>
    public static async Task<JObject> MeasureOnceInThisProcessAsync(string file, CancellationToken ct)
    {
        var bytes = await File.ReadAllBytesAsync(file, ct).ConfigureAwait(false);
        using var processor = CustomsDefaults.CreateProcessor();
        var sample = await File.ReadAllBytesAsync(Path.Combine(DocumentVariants.FindSamples(), "ubl-invoice-de-us-clean.xml"), ct).ConfigureAwait(false);
        await processor.ProcessAsync(UploadContent.FromBytes(sample), new DocumentRef("bench/warm-up.xml"), ct).ConfigureAwait(false);
        var clock = Stopwatch.StartNew();
        var result = await processor.ProcessAsync(UploadContent.FromBytes(bytes), new DocumentRef("bench/" + Path.GetFileName(file)), ct).ConfigureAwait(false);
        var seconds = clock.Elapsed.TotalSeconds;
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        var (_, workerPeakMb) = LargePdf.ChildPeaks();
        var rule = result.Status == ResultStatus.Rejected ? result.Findings.FirstOrDefault(f => f.Rule.StartsWith("INPUT-", StringComparison.Ordinal))?.Rule : null;
        return new JObject
        {
            ["seconds"] = seconds,
            ["status"] = result.Status.ToString().ToLower(CultureInfo.InvariantCulture),
            ["rule"] = rule,
            ["hostPeakMb"] = self.PeakWorkingSet64 / (1024.0 * 1024.0),
            ["workerPeakMb"] = workerPeakMb,
        };
    }
}
