using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace CustomsFn.Cli.Commands;

public sealed class SanctionsRescreenSettings : CommandSettings
{
    [CommandArgument(0, "<folder>")]
    [Description("A folder of stored results (*.result.json, as 'customs process' writes them), searched recursively.")]
    public string Folder { get; set; } = "";

    [CommandOption("--pack <FILE>")]
    [Description("The screening pack to screen against (e.g. a new edition from 'sanctions import'); default the shipped pack.")]
    public string? Pack { get; set; }

    public override ValidationResult Validate()
    {
        if (!Directory.Exists(Folder)) return ValidationResult.Error($"sanctions rescreen: the folder '{Folder}' does not exist.");
        if (Pack is not null && !File.Exists(Pack)) return ValidationResult.Error($"sanctions rescreen: the pack '{Pack}' does not exist.");
        return ValidationResult.Success();
    }
}
