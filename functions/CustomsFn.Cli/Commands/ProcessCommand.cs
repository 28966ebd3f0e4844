using CustomsFn.Core;
using CustomsFn.Core.Contract;
using CustomsFn.Core.Foundation;
using CustomsFn.Core.Pipeline;
using CustomsFn.Core.Rules;
using CustomsFn.Infrastructure.DocumentIntelligence;
using Microsoft.Extensions.Configuration;
using Spectre.Console;
using Spectre.Console.Cli;

namespace CustomsFn.Cli.Commands;

/// <summary><c>customs process</c>: one result file per input, a progress display and a summary table.</summary>
public sealed class ProcessCommand(IAnsiConsole console) : AsyncCommand<ProcessSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ProcessSettings settings, CancellationToken cancellationToken)
    {
        var inputs = InputFiles.Expand(settings.Paths);
        if (OutputFolder.Check(settings.Out) is { } unwritable)
        {
            console.MarkupLineInterpolated($"[red]error:[/] cannot write results to '{settings.Out}': {unwritable}");
            return CliApp.BadUsage;
        }
        var quiet = settings.Quiet || settings.Json;
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

        if (console.Profile.Capabilities.Interactive && !quiet)
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
            var progress = new Lock();
            await RunAsync(name =>
            {
                if (quiet) return;
                // Documents finish on several threads; a console is not safe for concurrent writes.
                lock (progress) console.WriteLine($"[{++done}/{inputs.Count}] {name}");
            }).ConfigureAwait(false);
        }

        var shipments = await ShipmentOutput.WriteAsync(inputs, outcomes, settings.Out, cancellationToken).ConfigureAwait(false);
        if (settings.Json)
        {
            // Plain lines, no markup or wrapping: one JSON object per document, in input order.
            foreach (var f in outcomes.OrderBy(f => f.Input, StringComparer.Ordinal)) console.Profile.Out.Writer.WriteLine(Summary.JsonLine(f));
        }
        else
        {
            if (!quiet) console.Write(Summary.Table(outcomes, console.Profile.Width));
            console.WriteLine(Summary.Line(outcomes, settings.Out));
            if (shipments.Count > 0)
            {
                if (!quiet) console.Write(ShipmentOutput.Table(shipments, console.Profile.Width));
                console.WriteLine(ShipmentOutput.Line(shipments));
            }
        }
        return settings.FailOnStatus is { } gate && outcomes.Any(f => f.Result.Status >= gate) ? CliApp.Failure : CliApp.Ok;
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
