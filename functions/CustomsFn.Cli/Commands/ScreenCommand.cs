using System.Globalization;
using CustomsFn.Core.Screening;
using Spectre.Console;
using Spectre.Console.Cli;

namespace CustomsFn.Cli.Commands;

/// <summary><c>customs screen "name" [--country CC] [--type person|organisation]</c>: the best list matches with their explanation.</summary>
public sealed class ScreenCommand(IAnsiConsole console) : Command<ScreenSettings>
{
    /// <summary>Exit code when a strong match was found (1 is a failure elsewhere; scripts can tell them apart).</summary>
    public const int StrongMatch = 3;

    public override int Execute(CommandContext context, ScreenSettings settings, CancellationToken cancellationToken)
    {
        var index = ScreeningIndex.Default;
        var type = settings.Type switch
        {
            "person" => PartyType.Person,
            "organisation" or "organization" => PartyType.Organisation,
            _ => PartyType.Unknown,
        };
        var query = new PartyQuery(settings.Name, settings.Country?.ToUpperInvariant(), type, settings.Identifiers, settings.Address);
        var matches = index.Screen(query, settings.Max);
        console.MarkupLineInterpolated($"Screened against {string.Join(", ", index.EditionLabels)}; possible-match threshold {index.Options.Threshold.ToString("0.00", CultureInfo.InvariantCulture)}.");
        if (matches.Count == 0)
        {
            console.MarkupLine("No match.");
            return CliApp.Ok;
        }
        foreach (var m in matches)
        {
            var verdict = m.IsStrong ? "[red]strong match (SANC-002)[/]" : "[yellow]possible match (SANC-001)[/]";
            console.MarkupLine($"{verdict} {m.Score.ToString("0.00", CultureInfo.InvariantCulture)}  [bold]{Markup.Escape(m.Entry.PrimaryName)}[/] [grey]({Markup.Escape(m.Entry.Id)}, {Markup.Escape(m.Entry.List)}, {Markup.Escape(m.Entry.Programme)}, {m.Entry.Type.ToString().ToLowerInvariant()})[/]");
            console.MarkupLine($"  matched {Markup.Escape(m.MatchedName.Text)}");
            foreach (var r in m.Reasons) console.MarkupLine($"  - {Markup.Escape(r)}");
        }
        return matches.Any(m => m.IsStrong) ? StrongMatch : CliApp.Ok;
    }
}
