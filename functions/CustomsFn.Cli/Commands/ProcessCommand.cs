using System.ComponentModel;
using System.Globalization;
using CustomsFn.Core.Foundation;
using CustomsFn.Core;
using CustomsFn.Core.Contract;
using CustomsFn.Core.Model;
using CustomsFn.Core.Pipeline;
using CustomsFn.Core.Shipments;
using CustomsFn.Core.Rules;
using CustomsFn.Infrastructure.DocumentIntelligence;
using Microsoft.Extensions.Configuration;
using Spectre.Console;
using Spectre.Console.Cli;

namespace CustomsFn.Cli.Commands;

public sealed class ProcessSettings : CommandSettings
{
    [CommandArgument(0, "<paths>")]
    [Description("Files or folders to process (folders recursively).")]
    public string[] Paths { get; set; } = [];

    [CommandOption("-o|--out <DIR>")]
    [Description("Output folder for <input file name>.result.json (default ./out).")]
    public string Out { get; set; } = "out";

    [CommandOption("-d|--destination <CC>")]
    [Description("Destination country (ISO 3166-1 alpha-2), overriding the documents' own.")]
    public string? Destination { get; set; }

    [CommandOption("--engine <ENGINE>")]
    [Description("Extraction engine: local (embedded, the default), document-intelligence (PDFs and images to Azure AI Document Intelligence) or auto (the service for scans, local otherwise and when the service fails). The service is configured by DocumentIntelligence__Endpoint and DocumentIntelligence__Key environment variables.")]
    public string? Engine { get; set; }

    [CommandOption("-q|--quiet")]
    [Description("Print only the summary line.")]
    public bool Quiet { get; set; }

    public override ValidationResult Validate()
    {
        if (Paths.Length == 0) return ValidationResult.Error("Give at least one file or folder.");
        foreach (var p in Paths)
        {
            if (!File.Exists(p) && !Directory.Exists(p)) return ValidationResult.Error($"'{p}' is neither a file nor a folder.");
        }
        if (Destination is not null && !CountryCode.IsValid(Destination))
            return ValidationResult.Error($"--destination '{Destination}' is not an ISO 3166-1 alpha-2 country code.");
        if (Engine is not null && ExtractionEngines.Normalize(Engine) is null)
            return ValidationResult.Error($"--engine '{Engine}' is not one of {string.Join(", ", ExtractionEngines.All)}.");
        try
        {
            // The engine with its configuration (DocumentIntelligence__* environment variables): a missing endpoint is bad usage.
            using var engine = ProcessCommand.CreateEngine(Engine);
        }
        catch (InvalidOperationException ex)
        {
            return ValidationResult.Error(ex.Message);
        }
        return ValidationResult.Success();
    }
}

/// <summary><c>customs process</c>: one result file per input, a progress display and a summary table.</summary>
public sealed class ProcessCommand(IAnsiConsole console) : AsyncCommand<ProcessSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ProcessSettings settings, CancellationToken cancellationToken)
    {
        var inputs = InputFiles.Expand(settings.Paths);
        Directory.CreateDirectory(settings.Out);
        using var engine = CreateEngine(settings.Engine);
        var pipelineOptions = new PipelineOptions();
        using var processor = new DocumentProcessor(engine.Compose(CustomsDefaults.Extractors(pipelineOptions)), RuleEngine.CreateDefault(), pipelineOptions);
        var metadata = settings.Destination is null
            ? new Dictionary<string, string>()
            : new Dictionary<string, string> { [StorageNames.DestinationMetadata] = settings.Destination.ToUpperInvariant() };
        var outcomes = new ProcessedFile[inputs.Count];
        var outputNames = new OutputNames(settings.Out);

        async Task RunAsync(Action<string>? onDone)
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, inputs.Count),
                new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken },
                async (i, ct) =>
                {
                    var input = inputs[i];
                    CustomsResult result;
                    var stream = File.OpenRead(input.FullPath);
                    await using (stream.ConfigureAwait(false))
                    {
                        result = await processor.ProcessAsync(stream, new DocumentRef(input.DisplayName, metadata: metadata), ct).ConfigureAwait(false);
                    }
                    var outPath = outputNames.For(input, result.DocumentId);
                    await File.WriteAllBytesAsync(outPath, ResultSerializer.SerializeToUtf8(result), ct).ConfigureAwait(false);
                    outcomes[i] = new ProcessedFile(input.DisplayName, outPath, result);
                    onDone?.Invoke(input.DisplayName);
                }).ConfigureAwait(false);
        }

        if (console.Profile.Capabilities.Interactive && !settings.Quiet)
        {
            await console.Progress().AutoClear(true).StartAsync(async ctx =>
            {
                var task = ctx.AddTask("Processing", maxValue: inputs.Count);
                await RunAsync(_ => task.Increment(1)).ConfigureAwait(false);
            }).ConfigureAwait(false);
        }
        else
        {
            var done = 0;
            await RunAsync(name =>
            {
                var n = Interlocked.Increment(ref done);
                if (!settings.Quiet) console.WriteLine($"[{n}/{inputs.Count}] {name}");
            }).ConfigureAwait(false);
        }

        if (!settings.Quiet) console.Write(Summary.Table(outcomes));
        console.WriteLine(Summary.Line(outcomes, settings.Out));

        var shipments = await ShipmentOutput.WriteAsync(inputs, outcomes, settings.Out, cancellationToken).ConfigureAwait(false);
        if (shipments.Count > 0)
        {
            if (!settings.Quiet) console.Write(ShipmentOutput.Table(shipments));
            console.WriteLine(ShipmentOutput.Line(shipments));
        }
        return CliApp.Ok;
    }

    /// <summary>
    /// The engine from DocumentIntelligence__* environment variables, --engine overriding DocumentIntelligence__Engine.
    /// Throws <see cref="InvalidOperationException"/> naming the missing or wrong setting.
    /// </summary>
    internal static EngineExtractors CreateEngine(string? engineOption, IConfiguration? configuration = null)
    {
        configuration ??= new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var options = new DocumentIntelligenceOptions();
        configuration.GetSection(DocumentIntelligenceOptions.SectionName).Bind(options);
        if (engineOption is not null) options.Engine = engineOption;
        return new EngineExtractors(options);
    }
}

/// <summary>One input; <paramref name="Shipment"/> is its folder's name when it came from a folder (the first subfolder when nested).</summary>
internal sealed record InputFile(string FullPath, string DisplayName, string OutputStem, string? Shipment = null);

internal sealed record ProcessedFile(string Input, string OutputPath, CustomsResult Result);

internal static class InputFiles
{
    /// <summary>Files as given, folders recursively (hidden files and our own *.result.json skipped), in a stable order.</summary>
    public static List<InputFile> Expand(IEnumerable<string> paths)
    {
        var list = new List<InputFile>();
        foreach (var p in paths)
        {
            if (File.Exists(p))
            {
                list.Add(new InputFile(Path.GetFullPath(p), p, Path.GetFileName(p)));
                continue;
            }
            var root = Path.GetFullPath(p);
            foreach (var f in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(f);
                if (name.StartsWith('.') || name.EndsWith(".result.json", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".expected.json", StringComparison.OrdinalIgnoreCase)) continue;
                var relative = Path.GetRelativePath(root, f);
                var parts = relative.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
                var shipment = parts.Length > 1 ? parts[0] : Path.GetFileName(Path.TrimEndingDirectorySeparator(root));
                list.Add(new InputFile(f, Path.Combine(p, relative), name, shipment));
            }
        }
        return list;
    }
}

/// <summary>DIR/&lt;input file name&gt;.result.json; when two inputs share a file name, the later ones get their document id's prefix.</summary>
internal sealed class OutputNames(string outDir)
{
    private readonly HashSet<string> _taken = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _lock = new();

    public string For(InputFile input, string documentId)
    {
        lock (_lock)
        {
            var name = $"{input.OutputStem}.result.json";
            if (!_taken.Add(name))
            {
                name = $"{input.OutputStem}.{documentId[..12]}.result.json";
                _taken.Add(name);
            }
            return Path.Combine(outDir, name);
        }
    }
}

internal static class Summary
{
    public static Table Table(IEnumerable<ProcessedFile> files)
    {
        var table = new Table().AddColumns("Input", "Format", "Type", "Status", "Err", "Warn", "Info", "First finding");
        foreach (var f in files.OrderBy(f => f.Input, StringComparer.Ordinal))
        {
            var r = f.Result;
            var c = FindingCounts.Of(r.Findings);
            var first = r.Findings.OrderBy(x => x.Severity).FirstOrDefault();
            table.AddRow(
                Markup.Escape(Path.GetFileName(f.Input)),
                r.Format,
                r.DocumentType,
                r.Status switch
                {
                    ResultStatus.Accepted => "[green]accepted[/]",
                    ResultStatus.NeedsReview => "[yellow]needs-review[/]",
                    _ => "[red]rejected[/]",
                },
                c.Error.ToString(CultureInfo.InvariantCulture),
                c.Warning.ToString(CultureInfo.InvariantCulture),
                c.Info.ToString(CultureInfo.InvariantCulture),
                first is null ? "" : Markup.Escape($"{first.Rule}: {Truncate(first.Message, 70)}"));
        }
        return table;
    }

    public static string Line(IReadOnlyCollection<ProcessedFile> files, string outDir)
    {
        int a = 0, n = 0, r = 0;
        foreach (var f in files)
        {
            switch (f.Result.Status)
            {
                case ResultStatus.Accepted: a++; break;
                case ResultStatus.NeedsReview: n++; break;
                default: r++; break;
            }
        }
        return $"{files.Count} documents: {a} accepted, {n} needs-review, {r} rejected. Results in {outDir}";
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";
}
