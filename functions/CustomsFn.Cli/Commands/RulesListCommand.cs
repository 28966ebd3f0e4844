using CustomsFn.Core.Rules;
using Spectre.Console;
using Spectre.Console.Cli;

namespace CustomsFn.Cli.Commands;

public sealed class RulesListCommand(IAnsiConsole console) : Command
{
    public override int Execute(CommandContext context, CancellationToken cancellationToken)
    {
        var engine = RuleEngine.CreateDefault();
        var table = new Table().AddColumns("Rule", "Severity", "Checks", "Source");
        foreach (var r in engine.Catalogue)
            table.AddRow(Markup.Escape(r.Id), r.Severity.ToString().ToLowerInvariant(), Markup.Escape(r.Title), Markup.Escape(r.Source));
        console.Write(table);
        console.WriteLine($"Ruleset {engine.Version}");
        return CliApp.Ok;
    }
}
