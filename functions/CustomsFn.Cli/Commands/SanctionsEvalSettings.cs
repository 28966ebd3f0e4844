using System.ComponentModel;
using Spectre.Console.Cli;

namespace CustomsFn.Cli.Commands;

public sealed class SanctionsEvalSettings : CommandSettings
{
    [CommandOption("--corpus <DIR>")]
    [Description("The corpus folder holding sanctions/name-matching (default ../shared/corpus).")]
    public string Corpus { get; set; } = Path.Combine("..", "shared", "corpus");

    [CommandOption("--errors")]
    [Description("Also list the development half's wrong verdicts (missed matches and false alarms) with their scores. The held-out half is never listed.")]
    public bool Errors { get; set; }
}
