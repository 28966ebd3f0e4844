using System.ComponentModel;
using System.Globalization;
using CustomsFn.LocalHost;
using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;
using Spectre.Console;
using Spectre.Console.Cli;
using Spectre.Console.Rendering;

namespace CustomsFn.Bench;

public sealed class BenchSettings : CommandSettings
{
    public static readonly string[] AllWorkloads = ["xml", "pdf-text", "scans", "rules", "serialization", "end-to-end", "memory", "screening", "sweep", "slow-pdfs", "hostile", "hostile-host", "shipment-scale"];

    [CommandOption("--quick")]
    [Description("Smoke run of about a minute: fewer inputs and rounds (the figures are rougher).")]
    public bool Quick { get; set; }

    [CommandOption("-o|--out <FILE>")]
    [Description("Also write the report as JSON (schema customsfn.bench/v1).")]
    public string? Out { get; set; }

    [CommandOption("--only <WORKLOADS>")]
    [Description("Comma-separated subset: xml, pdf-text, scans, rules, serialization, end-to-end, memory, screening, sweep, slow-pdfs, hostile, hostile-host, shipment-scale (default: all).")]
    public string? Only { get; set; }

    [CommandOption("-r|--rounds <N>")]
    [Description("Measured rounds per workload (default 5; scans 1; --quick at most 2).")]
    public int? Rounds { get; set; }

    [CommandOption("--pages <N>")]
    [Description("Pages of the generated PDF of the memory workload (default 50).")]
    public int Pages { get; set; } = 50;

    [CommandOption("--corpus <DIR>")]
    [Description("The public corpus (default: ../shared/corpus beside the repository, when present).")]
    public string? Corpus { get; set; }

    public IReadOnlyList<string> Workloads =>
        Only is null ? AllWorkloads : Only.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public override ValidationResult Validate()
    {
        if (Workloads.FirstOrDefault(w => !AllWorkloads.Contains(w)) is { } bad)
            return ValidationResult.Error($"Unknown workload '{bad}'; choose from {string.Join(", ", AllWorkloads)}.");
        if (Rounds is < 1 or > 100) return ValidationResult.Error("--rounds is between 1 and 100.");
        if (Pages is < 1 or > 500) return ValidationResult.Error("--pages is between 1 and 500.");
        if (Corpus is not null && !Directory.Exists(Corpus)) return ValidationResult.Error($"'{Corpus}' is not a folder.");
        return ValidationResult.Success();
    }
}

/// <summary>
/// <c>customs-bench</c>: every workload after warm-up over several rounds, each side by side with its floor measured in
/// the same run; a table, the machine, and optionally a JSON report.
/// </summary>
public sealed class BenchCommand(IAnsiConsole console) : AsyncCommand<BenchSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, BenchSettings settings, CancellationToken cancellationToken)
    {
        BenchInputs inputs;
        try
        {
            inputs = BenchInputs.Find(null, settings.Corpus);
        }
        catch (DirectoryNotFoundException ex)
        {
            console.MarkupLineInterpolated($"[red]error:[/] {ex.Message}");
            return BenchApp.BadUsage;
        }
        try
        {
            var report = await new BenchRunner(inputs, settings, console).RunAsync(cancellationToken).ConfigureAwait(false);
            console.Write(BenchTable.Render(report));
            if (settings.Out is { } path)
            {
                var json = JsonConvert.SerializeObject(report, new JsonSerializerSettings
                {
                    ContractResolver = new CamelCasePropertyNamesContractResolver(),
                    Formatting = Formatting.Indented,
                    FloatParseHandling = FloatParseHandling.Double,
                });
                if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } dir) Directory.CreateDirectory(dir);
                await File.WriteAllTextAsync(path, json + "\n", cancellationToken).ConfigureAwait(false);
                console.MarkupLineInterpolated($"report written to [bold]{path}[/]");
            }
            return BenchApp.Ok;
        }
        catch (AzuriteNotInstalledException ex)
        {
            console.MarkupLineInterpolated($"[red]error:[/] {ex.Message} (or leave end-to-end out with --only)");
            return BenchApp.Failure;
        }
    }
}

public sealed class BenchMemorySettings : CommandSettings
{
    [CommandArgument(0, "<file>")]
    public string File { get; set; } = "";

    /// <summary>Once, after a warm-up on a sample, without the bare-PdfPig floor (hostile inputs: see HostileWorkload).</summary>
    [CommandOption("--once")]
    public bool Once { get; set; }
}

/// <summary>Hidden helper of <c>customs-bench</c>: processes one file in a fresh process and prints its peak memory as JSON.</summary>
public sealed class BenchMemoryCommand : AsyncCommand<BenchMemorySettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, BenchMemorySettings settings, CancellationToken cancellationToken)
    {
        var figures = settings.Once
            ? await HostileWorkload.MeasureOnceInThisProcessAsync(settings.File, cancellationToken).ConfigureAwait(false)
            : await LargePdf.MeasureInThisProcessAsync(settings.File, cancellationToken).ConfigureAwait(false);
        await Console.Out.WriteLineAsync(figures.ToString(Formatting.None)).ConfigureAwait(false);
        return BenchApp.Ok;
    }
}

internal static class BenchTable
{
    /// <summary>The table (narrow enough for 100 columns), then one line per workload naming its floor and targets.</summary>
    public static Rows Render(BenchReport report)
    {
        var table = new Table().AddColumns("workload", "unit", "rate/s", "per CPU-s", "p50 ms", "p95 ms", "peak MB", "floor/s", "ratio", "targets");
        foreach (var w in report.Workloads)
        {
            var met = w.Targets.Count(t => t.Met);
            table.AddRow(w.Id, w.Unit, F(w.Pipeline.PerSecond), w.Pipeline.PerCpuSecond is { } c ? F(c) : "-", F(w.Pipeline.P50Ms), F(w.Pipeline.P95Ms),
                F(w.PeakMemoryMb), F(w.Floor.PerSecond), w.Ratio.ToString("0.00", CultureInfo.InvariantCulture) + "x",
                w.Targets.Count == 0 ? "-" : met == w.Targets.Count ? $"[green]{met}/{w.Targets.Count} met[/]" : $"[red]{met}/{w.Targets.Count} met[/]");
        }
        var m = report.Machine;
        var lines = new List<IRenderable> { table };
        foreach (var w in report.Workloads)
        {
            lines.Add(new Markup(Markup.Escape($"{w.Id}: {w.Pipeline.What} vs floor {w.Floor.What}. ") +
                string.Join("; ", w.Targets.Select(t => (t.Met ? "[green]met[/] " : "[red]missed[/] ") + Markup.Escape(
                    string.Create(CultureInfo.InvariantCulture, $"{t.What} (measured {F(t.Measured)})"))))));
        }
        lines.Add(new Markup(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"{m.Cores} cores, {m.MemoryGb:0.0} GB, {m.Cpu}, {m.Runtime}, {m.Os}; load average {m.LoadAverageAtStart.FirstOrDefault():0.0} at start, {m.LoadAverageAtEnd.FirstOrDefault():0.0} at end; {report.DurationSeconds:0} s"))));
        return new Rows(lines);
    }

    private static string F(double v) => double.IsNaN(v) ? "-" : Math.Abs(v) switch
    {
        >= 100 => v.ToString("#,##0", CultureInfo.InvariantCulture),
        >= 10 => v.ToString("0.0", CultureInfo.InvariantCulture),
        _ => v.ToString("0.00", CultureInfo.InvariantCulture),
    };
}
