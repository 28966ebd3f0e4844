using System.ComponentModel;
using System.Globalization;
using CustomsFn.Core.Model;
using Spectre.Console;
using Spectre.Console.Cli;

namespace CustomsFn.Cli.Commands;

public sealed class TariffSettings : CommandSettings
{
    [CommandArgument(0, "<code>")]
    [Description("HS / national commodity code (dots allowed), or 'import' to rebuild the tariff packs.")]
    public string Code { get; set; } = "";

    [CommandOption("-d|--destination <CC>")]
    [Description("Destination country: US, GB or an EU member (others: HS 2022 only).")]
    public string? Destination { get; set; }

    [CommandOption("--origin <CC>")]
    [Description("Country of origin (preferences, column 2).")]
    public string? Origin { get; set; }

    [CommandOption("--date <DATE>")]
    [Description("Date the tariff applies on (yyyy-MM-dd; default today).")]
    public string? Date { get; set; }

    [CommandOption("--value <AMOUNT>")]
    [Description("Customs value of the goods, to estimate the duty.")]
    public decimal? Value { get; set; }

    [CommandOption("--currency <CUR>")]
    [Description("Currency of --value (default: the destination's).")]
    public string? Currency { get; set; }

    [CommandOption("--quantity <Q>")]
    [Description("Quantity, in --unit, for specific duties.")]
    public decimal? Quantity { get; set; }

    [CommandOption("--unit <UNIT>")]
    [Description("UN/ECE Rec 20 unit of --quantity (KGM, LTR, C62, ...; default KGM).")]
    public string Unit { get; set; } = "KGM";

    [CommandOption("--source <DIR>")]
    [Description("import: the corpus folder holding hs/ and tariffs/.")]
    public string? Source { get; set; }

    [CommandOption("-o|--out <DIR>")]
    [Description("import: where to write the packs.")]
    public string? Out { get; set; }

    public bool IsImport => string.Equals(Code, "import", StringComparison.OrdinalIgnoreCase);

    public override ValidationResult Validate()
    {
        if (IsImport)
        {
            if (Source is null || !Directory.Exists(Source)) return ValidationResult.Error("tariff import needs --source <corpus folder> (with hs/ and tariffs/).");
            if (Out is null) return ValidationResult.Error("tariff import needs --out <folder>.");
            return ValidationResult.Success();
        }
        if (!HsCode.TryParse(Code, out _, out var error)) return ValidationResult.Error(error);
        if (Destination is null || !CountryCode.IsValid(Destination)) return ValidationResult.Error("--destination must be an ISO 3166-1 alpha-2 country code.");
        if (Origin is not null && !CountryCode.IsValid(Origin)) return ValidationResult.Error($"--origin '{Origin}' is not an ISO 3166-1 alpha-2 country code.");
        if (Date is not null && !DateOnly.TryParseExact(Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            return ValidationResult.Error($"--date '{Date}' is not yyyy-MM-dd.");
        if (Currency is not null && !CurrencyCode.IsValid(Currency)) return ValidationResult.Error($"--currency '{Currency}' is not an ISO 4217 code.");
        if (!UnitCode.IsValid(Unit)) return ValidationResult.Error($"--unit '{Unit}' is not a UN/ECE Rec 20 unit code.");
        return ValidationResult.Success();
    }
}
