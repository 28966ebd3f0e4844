using CustomsFn.Core.Screening;
using Spectre.Console;
using Spectre.Console.Cli;

namespace CustomsFn.Cli.Commands;

/// <summary><c>customs sanctions eval</c>: the name matcher on the labelled pairs, held-out half first, with the curve.</summary>
public sealed class SanctionsEvalCommand(IAnsiConsole console) : Command<SanctionsEvalSettings>
{
    public override int Execute(CommandContext context, SanctionsEvalSettings settings, CancellationToken cancellationToken)
    {
        IReadOnlyList<NamePair> pairs;
        try
        {
            pairs = NameMatchEvaluation.Load(settings.Corpus);
        }
        catch (FileNotFoundException ex)
        {
            console.MarkupLineInterpolated($"[red]error:[/] {ex.Message}");
            return CliApp.Failure;
        }
        console.WriteLine(NameMatchEvaluation.Report(pairs));
        if (settings.Errors) console.WriteLine(NameMatchEvaluation.DevelopmentErrors(pairs));
        return CliApp.Ok;
    }
}
