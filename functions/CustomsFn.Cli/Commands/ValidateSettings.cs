using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace CustomsFn.Cli.Commands;

public sealed class ValidateSettings : CommandSettings
{
    [CommandArgument(0, "<file>")]
    [Description("A UBL or CII invoice, or a Factur-X / ZUGFeRD / XRechnung PDF with the invoice XML embedded.")]
    public string File { get; set; } = "";

    [CommandOption("--spec <ID>")]
    [Description("Check as if the invoice declared this specification identifier (BT-24), e.g. the Peppol BIS 3 or XRechnung one: chooses the CIUS rule sets.")]
    public string? Specification { get; set; }

    public override ValidationResult Validate() =>
        System.IO.File.Exists(File) ? ValidationResult.Success() : ValidationResult.Error($"'{File}' is not a file.");
}
