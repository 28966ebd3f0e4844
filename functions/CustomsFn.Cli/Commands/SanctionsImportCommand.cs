using System.Globalization;
using CustomsFn.Core.Screening;
using Spectre.Console;
using Spectre.Console.Cli;

namespace CustomsFn.Cli.Commands;

/// <summary><c>customs sanctions import --source DIR --out DIR</c>: rebuilds the screening pack from the public lists.</summary>
public sealed class SanctionsImportCommand(IAnsiConsole console) : Command<SanctionsImportSettings>
{
    public override int Execute(CommandContext context, SanctionsImportSettings settings, CancellationToken cancellationToken)
    {
        string file;
        try
        {
            file = SanctionsImporter.Import(settings.Source!, settings.Out!);
        }
        catch (Exception ex) when (ex is FileNotFoundException or InvalidDataException)
        {
            console.MarkupLineInterpolated($"[red]error:[/] {ex.Message}");
            return CliApp.Failure;
        }
        using var s = File.OpenRead(file);
        var pack = ScreeningPack.Read(s);
        foreach (var e in pack.Editions)
            console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"{e.List}: {pack.Entries.Count(x => x.List == e.List)} entries, edition {e.Edition} ({e.Title})");
        console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"{pack.Entries.Count} entries, {pack.Entries.Sum(e => e.Names.Count)} names, {new FileInfo(file).Length / 1024.0:0.0} KiB -> {file}");
        return CliApp.Ok;
    }
}
