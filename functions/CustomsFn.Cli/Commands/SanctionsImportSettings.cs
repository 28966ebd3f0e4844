using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace CustomsFn.Cli.Commands;

public sealed class SanctionsImportSettings : CommandSettings
{
    [CommandOption("--source <DIR>")]
    [Description("The corpus folder holding sanctions/ (un/, ofac/, uk/, bis/), or that sanctions folder itself.")]
    public string? Source { get; set; }

    [CommandOption("-o|--out <DIR>")]
    [Description("Where to write the screening pack (sanctions.tsv.gz).")]
    public string? Out { get; set; }

    public override ValidationResult Validate()
    {
        if (Source is null || !Directory.Exists(Source)) return ValidationResult.Error("sanctions import needs --source <corpus folder> (with sanctions/un, ofac, uk, bis).");
        if (Out is null) return ValidationResult.Error("sanctions import needs --out <folder>.");
        return ValidationResult.Success();
    }
}
