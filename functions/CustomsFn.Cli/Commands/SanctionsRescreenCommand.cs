using System.Globalization;
using CustomsFn.Core.Rules;
using CustomsFn.Core.Screening;
using Spectre.Console;
using Spectre.Console.Cli;

namespace CustomsFn.Cli.Commands;

/// <summary><c>customs sanctions rescreen &lt;folder&gt; [--pack FILE]</c>: the stored results whose parties newly match a list entry.</summary>
public sealed class SanctionsRescreenCommand(IAnsiConsole console) : Command<SanctionsRescreenSettings>
{
    public override int Execute(CommandContext context, SanctionsRescreenSettings settings, CancellationToken cancellationToken)
    {
        ScreeningIndex index;
        if (settings.Pack is { } file)
        {
            try
            {
                using var s = File.OpenRead(file);
                index = new ScreeningIndex(ScreeningPack.Read(s));
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException)
            {
                console.MarkupLineInterpolated($"[red]error:[/] {file}: {ex.Message}");
                return CliApp.Failure;
            }
        }
        else index = ScreeningIndex.Default;

        var results = new List<Core.Contract.CustomsResult>();
        var unreadable = 0;
        foreach (var path in Directory.EnumerateFiles(settings.Folder, "*.result.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            try
            {
                results.Add(Core.Contract.ResultSerializer.Deserialize<Core.Contract.CustomsResult>(File.ReadAllText(path)));
            }
            catch (Newtonsoft.Json.JsonException)
            {
                unreadable++;
                console.MarkupLineInterpolated($"[yellow]skipped[/] {path}: not a result");
            }
        }
        var hits = Rescreening.Rescreen(results, index).ToList();
        console.MarkupLineInterpolated($"{results.Count} stored results screened again against {string.Join(", ", index.EditionLabels)}: {hits.Select(h => h.DocumentId).Distinct().Count()} newly matching documents.");
        foreach (var h in hits)
        {
            var before = h.ScreenedBefore.Count > 0 ? string.Join(", ", h.ScreenedBefore) : "not screened";
            console.MarkupLineInterpolated(CultureInfo.InvariantCulture,
                $"{(h.Match.IsStrong ? "SANC-002" : "SANC-001")} {h.SourceName} ({h.DocumentId[..Math.Min(12, h.DocumentId.Length)]}) {h.Field}: {h.Match.Score:0.00} {h.Match.Entry.Id} {h.Match.Entry.PrimaryName} ({h.Match.Entry.List}, {h.Match.Entry.Programme}); before: {before}");
        }
        return unreadable > 0 && results.Count == 0 ? CliApp.Failure : CliApp.Ok;
    }
}
