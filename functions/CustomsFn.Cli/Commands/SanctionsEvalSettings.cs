using System.ComponentModel;
using Spectre.Console.Cli;

namespace CustomsFn.Cli.Commands;

public sealed class SanctionsEvalSettings : CommandSettings
{
    [CommandOption("--corpus <DIR>")]
    [Description("The corpus folder holding sanctions/name-matching (default ../shared/corpus).")]
    public string Corpus { get; set; } = Path.Combine("..", "shared", "corpus");
}
