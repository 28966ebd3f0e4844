using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace CustomsFn.Cli.Commands;

public sealed class EvalSettings : CommandSettings
{
    [CommandArgument(0, "<folders>")]
    [Description("Folders with labelled documents: samples/eval (expected/<file>.expected.json), invoice2data's tests/compare, or the SROIE 2019 receipts (a folder with box/ and key/, e.g. ../shared/corpus/receipts/sroie-2019: scored per half, the test half 313-625 first).")]
    public string[] Folders { get; set; } = [];

    [CommandOption("-o|--out <FILE>")]
    [Description("Also write the report as JSON to this file.")]
    public string? Out { get; set; }

    [CommandOption("--details")]
    [Description("List every wrong value per document.")]
    public bool Details { get; set; }

    public override ValidationResult Validate()
    {
        if (Folders.Length == 0) return ValidationResult.Error("Give at least one folder.");
        foreach (var f in Folders)
            if (!Directory.Exists(f)) return ValidationResult.Error($"'{f}' is not a folder.");
        return ValidationResult.Success();
    }
}
