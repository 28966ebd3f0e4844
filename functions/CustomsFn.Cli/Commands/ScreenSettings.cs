using System.ComponentModel;
using CustomsFn.Core.Model;
using Spectre.Console;
using Spectre.Console.Cli;

namespace CustomsFn.Cli.Commands;

public sealed class ScreenSettings : CommandSettings
{
    [CommandArgument(0, "<name>")]
    [Description("The party name to screen, in any script.")]
    public string Name { get; set; } = "";

    [CommandOption("--address <TEXT>")]
    [Description("The party's address as written: a town or postcode shared with a listed address raises the score.")]
    public string? Address { get; set; }

    [CommandOption("--country <CC>")]
    [Description("The party's country (ISO 3166-1 alpha-2): agreement raises the score, disagreement lowers it.")]
    public string? Country { get; set; }

    [CommandOption("--type <TYPE>")]
    [Description("person or organisation.")]
    public string? Type { get; set; }

    [CommandOption("--id <ID>")]
    [Description("An identifier of the party (passport, tax id, registration, IMO); repeatable.")]
    public string[] Identifiers { get; set; } = [];

    [CommandOption("--max <N>")]
    [Description("How many matches to print (default 5).")]
    public int Max { get; set; } = 5;

    public override ValidationResult Validate()
    {
        if (string.IsNullOrWhiteSpace(Name)) return ValidationResult.Error("screen needs a non-empty name.");
        if (Name.Length > 500) return ValidationResult.Error("screen: the name is longer than 500 characters.");
        if (Country is not null && !CountryCode.IsValid(Country.ToUpperInvariant())) return ValidationResult.Error($"--country '{Country}' is not an ISO 3166-1 alpha-2 country code.");
        if (Type is not null && Type is not ("person" or "organisation" or "organization")) return ValidationResult.Error("--type must be person or organisation.");
        if (Max is < 1 or > 100) return ValidationResult.Error("--max must be between 1 and 100.");
        return ValidationResult.Success();
    }
}
