using System.Globalization;
using CustomsFn.Core.Model;
using CustomsFn.Core.Rules;
using CustomsFn.Core.Tariffs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace CustomsFn.Cli.Commands;

/// <summary><c>customs tariff &lt;code&gt; --destination CC</c>: the tariff line, its rates and the duty a value would pay; <c>customs tariff import</c> rebuilds the packs.</summary>
public sealed class TariffCommand(IAnsiConsole console, TimeProvider? time = null) : Command<TariffSettings>
{
    public override int Execute(CommandContext context, TariffSettings settings, CancellationToken cancellationToken)
    {
        if (settings.IsImport) return Import(settings);

        var code = HsCode.Parse(settings.Code);
        var dest = CountryCode.Parse(settings.Destination!).Value;
        var date = settings.Date is { } d ? DateOnly.ParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture)
            : DateOnly.FromDateTime((time ?? TimeProvider.System).GetUtcNow().UtcDateTime);
        var catalog = TariffCatalog.Default;
        var hs = catalog.Hs2022.FindEntry(code.Subheading);
        var hs17 = catalog.Hs2017.FindEntry(code.Subheading);
        console.MarkupLineInterpolated($"[bold]{code.ToDottedString()}[/]  HS 2022 {code.Subheading[..4]}.{code.Subheading[4..]}: {hs?.Description ?? (hs17 is not null ? "(HS 2017 only) " + hs17.Description : "(not in HS 2022 or HS 2017)")}");
        if (hs is null && hs17 is not null && catalog.Hs2022Successors(code.Subheading) is { Count: > 0 } succ)
            console.MarkupLineInterpolated($"  likely HS 2022 successor(s): {string.Join(", ", succ)}");

        var pack = catalog.NationalFor(dest, date);
        if (pack is null)
        {
            console.MarkupLineInterpolated($"No national tariff for {dest} is loaded (packs: US, GB, EU); only the HS 2022 nomenclature was checked.");
            return hs is null ? CliApp.Failure : CliApp.Ok;
        }
        var (match, line) = DutyCalculator.Find(pack, code.Digits);
        console.MarkupLineInterpolated($"Tariff: {pack.Provenance.Title} [grey]({pack.Id}, {pack.Provenance.Revision}, in force from {pack.Provenance.EffectiveFrom:yyyy-MM-dd}; {pack.Provenance.Source})[/]");
        if (match == TariffLineMatch.NotFound)
        {
            console.MarkupLineInterpolated($"[red]{code.ToDottedString()} is not a line of {pack.Id}.[/]");
            var near = pack.LinesUnder(code.Subheading).Take(10).ToList();
            if (near.Count > 0) console.MarkupLineInterpolated($"Lines under {code.Subheading}: {string.Join(", ", near.Select(l => l.Code))}");
            return CliApp.Failure;
        }

        var table = new Table().AddColumns("Code", "Description", "Units", "General", "Special", "Column 2", "Additional / flags");
        var shown = match == TariffLineMatch.Prefix ? pack.LinesUnder(code.Digits).Take(40).ToList() : [line!];
        foreach (var l in shown)
        {
            var rated = pack.RatedLine(l);
            table.AddRow(Markup.Escape(l.Code), Markup.Escape(pack.FullDescription(l)), Markup.Escape(l.Units), Markup.Escape(rated?.General ?? ""),
                Markup.Escape(rated?.Special ?? ""), Markup.Escape(rated?.Column2 ?? ""), Markup.Escape(string.Join(" ", new[] { rated?.Additional, rated?.Flags }.Where(s => !string.IsNullOrEmpty(s)))));
        }
        console.Write(table);

        if (settings.Value is { } value)
        {
            var currency = (settings.Currency ?? (dest == "US" ? "USD" : dest == "GB" ? "GBP" : "EUR")).ToUpperInvariant();
            var basis = new DutyBasis(value, currency, date);
            if (settings.Quantity is { } q)
            {
                var unit = UnitCode.Parse(settings.Unit);
                basis.With(unit.Dimension, q * unit.FactorToBase);
            }
            var ld = DutyCalculator.Compute(pack, code.Digits, settings.Origin?.ToUpperInvariant(), basis);
            if (ld.Duty.Amount is { } duty)
            {
                duty = Math.Round(duty, 2, MidpointRounding.AwayFromZero);
                console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Duty on {value:0.00} {currency} ({ld.Rate?.Text}{(ld.Column is null ? "" : ", " + ld.Column)}): [bold]{duty:0.00} {currency}[/]");
                if (dest == "GB")
                {
                    var vat = Math.Round((value + duty) * DutyEstimateRule.UkVatRate, 2, MidpointRounding.AwayFromZero);
                    console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Import VAT 20% on {value + duty:0.00}: [bold]{vat:0.00} {currency}[/]");
                }
            }
            else console.MarkupLineInterpolated($"Duty not computable: {ld.Duty.Reason}");
            if (ld.PreferentialRate is { } pr && ld.Programme is { } prog && ld.PreferentialDuty?.Amount is { } pa)
                console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Preferential: {pr.Text} under {prog.Name} ({prog.Code}) = {Math.Round(pa, 2, MidpointRounding.AwayFromZero):0.00} {currency}, claimable with proof of origin.");
            if (ld.AdditionalDuty is { } add) console.MarkupLineInterpolated($"[yellow]Additional duty:[/] {add}");
            if (dest == "US" && ld.Duty.Amount is { } baseDuty && catalog.UsAdditionalDuties is { } extra)
            {
                var total = Math.Round(baseDuty, 2, MidpointRounding.AwayFromZero);
                foreach (var a in extra.For(code.Digits, settings.Origin?.ToUpperInvariant(), date))
                {
                    if (a.Percent is { } pct)
                    {
                        var amount = Math.Round(value * pct / 100, 2, MidpointRounding.AwayFromZero);
                        total += amount;
                        console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"+ {a.Programme} {pct:0.##}% = {amount:0.00} {currency}  [grey]({a.Basis}; from {a.From:yyyy-MM-dd})[/]");
                    }
                    else
                        console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"+ {a.Programme}: {a.Rate} (not computed: needs the metal content's value)  [grey]({a.Basis}; from {a.From:yyyy-MM-dd})[/]");
                }
                console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Total duty: [bold]{total:0.00} {currency}[/]");
            }
        }
        return CliApp.Ok;
    }

    private int Import(TariffSettings settings)
    {
        var files = TariffImporter.ImportAll(settings.Source!, settings.Out!);
        foreach (var f in files)
        {
            using var s = File.OpenRead(f);
            if (Path.GetFileName(f).StartsWith(UsAdditionalDuties.Id, StringComparison.Ordinal))
            {
                var extra = UsAdditionalDuties.Read(s);
                console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"{extra.Provenance.Id}: {extra.Duties.Count} product lines, {new FileInfo(f).Length / 1024.0:0.0} KiB -> {f}");
                continue;
            }
            if (Path.GetFileName(f).StartsWith(UkPreferences.Id, StringComparison.Ordinal))
            {
                var prefs = UkPreferences.Read(s);
                console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"{prefs.Provenance.Id}: {prefs.Rates.Count} preferential rates, {prefs.Quotas.Count} agreement quota lines, {new FileInfo(f).Length / 1024.0:0.0} KiB -> {f}");
                continue;
            }
            var pack = TariffPack.Read(s);
            console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"{pack.Id}: {Math.Max(pack.Lines.Count, pack.Entries.Count)} rows, {new FileInfo(f).Length / 1024.0:0.0} KiB -> {f}");
        }
        return CliApp.Ok;
    }
}
