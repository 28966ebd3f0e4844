using System.ComponentModel;
using System.Globalization;
using CustomsFn.Core.Model;
using CustomsFn.Core.Rules;
using CustomsFn.Core.Screening;
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

/// <summary><c>customs sanctions import --source DIR --out DIR</c>: rebuilds the screening pack from the public lists.</summary>
public sealed class SanctionsImportCommand(IAnsiConsole console) : Command<SanctionsImportSettings>
{
    public override int Execute(CommandContext context, SanctionsImportSettings settings, CancellationToken cancellationToken)
    {
        string file;
        try
        {
            file = SanctionsImporter.Import(settings.Source!, settings.Out!);
        }
        catch (Exception ex) when (ex is FileNotFoundException or InvalidDataException)
        {
            console.MarkupLineInterpolated($"[red]error:[/] {ex.Message}");
            return CliApp.Failure;
        }
        using var s = File.OpenRead(file);
        var pack = ScreeningPack.Read(s);
        foreach (var e in pack.Editions)
            console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"{e.List}: {pack.Entries.Count(x => x.List == e.List)} entries, edition {e.Edition} ({e.Title})");
        console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"{pack.Entries.Count} entries, {pack.Entries.Sum(e => e.Names.Count)} names, {new FileInfo(file).Length / 1024.0:0.0} KiB -> {file}");
        return CliApp.Ok;
    }
}

public sealed class SanctionsEvalSettings : CommandSettings
{
    [CommandOption("--corpus <DIR>")]
    [Description("The corpus folder holding sanctions/name-matching (default ../shared/corpus).")]
    public string Corpus { get; set; } = Path.Combine("..", "shared", "corpus");
}

/// <summary><c>customs sanctions eval</c>: the name matcher on the labelled pairs, held-out half first, with the curve.</summary>
public sealed class SanctionsEvalCommand(IAnsiConsole console) : Command<SanctionsEvalSettings>
{
    public override int Execute(CommandContext context, SanctionsEvalSettings settings, CancellationToken cancellationToken)
    {
        IReadOnlyList<NamePair> pairs;
        try
        {
            pairs = NameMatchEvaluation.Load(settings.Corpus);
        }
        catch (FileNotFoundException ex)
        {
            console.MarkupLineInterpolated($"[red]error:[/] {ex.Message}");
            return CliApp.Failure;
        }
        console.WriteLine(NameMatchEvaluation.Report(pairs));
        return CliApp.Ok;
    }
}

public sealed class ScreenSettings : CommandSettings
{
    [CommandArgument(0, "<name>")]
    [Description("The party name to screen, in any script.")]
    public string Name { get; set; } = "";

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

/// <summary><c>customs screen "name" [--country CC] [--type person|organisation]</c>: the best list matches with their explanation.</summary>
public sealed class ScreenCommand(IAnsiConsole console) : Command<ScreenSettings>
{
    /// <summary>Exit code when a strong match was found (1 is a failure elsewhere; scripts can tell them apart).</summary>
    public const int StrongMatch = 3;

    public override int Execute(CommandContext context, ScreenSettings settings, CancellationToken cancellationToken)
    {
        var index = ScreeningIndex.Default;
        var type = settings.Type switch
        {
            "person" => PartyType.Person,
            "organisation" or "organization" => PartyType.Organisation,
            _ => PartyType.Unknown,
        };
        var query = new PartyQuery(settings.Name, settings.Country?.ToUpperInvariant(), type, settings.Identifiers);
        var matches = index.Screen(query, settings.Max);
        console.MarkupLineInterpolated($"Screened against {string.Join(", ", index.EditionLabels)}; possible-match threshold {index.Options.Threshold.ToString("0.00", CultureInfo.InvariantCulture)}.");
        if (matches.Count == 0)
        {
            console.MarkupLine("No match.");
            return CliApp.Ok;
        }
        foreach (var m in matches)
        {
            var verdict = m.IsStrong ? "[red]strong match (SANC-002)[/]" : "[yellow]possible match (SANC-001)[/]";
            console.MarkupLine($"{verdict} {m.Score.ToString("0.00", CultureInfo.InvariantCulture)}  [bold]{Markup.Escape(m.Entry.PrimaryName)}[/] [grey]({Markup.Escape(m.Entry.Id)}, {Markup.Escape(m.Entry.List)}, {Markup.Escape(m.Entry.Programme)}, {m.Entry.Type.ToString().ToLowerInvariant()})[/]");
            console.MarkupLine($"  matched {Markup.Escape(m.MatchedName.Text)}");
            foreach (var r in m.Reasons) console.MarkupLine($"  - {Markup.Escape(r)}");
        }
        return matches.Any(m => m.IsStrong) ? StrongMatch : CliApp.Ok;
    }
}

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

/// <summary><c>customs sanctions rescreen &lt;folder&gt; [--pack FILE]</c>: the stored results whose parties newly match a list entry.</summary>
public sealed class SanctionsRescreenCommand(IAnsiConsole console) : Command<SanctionsRescreenSettings>
{
    public override int Execute(CommandContext context, SanctionsRescreenSettings settings, CancellationToken cancellationToken)
    {
        ScreeningIndex index;
        if (settings.Pack is { } file)
        {
            try
            {
                using var s = File.OpenRead(file);
                index = new ScreeningIndex(ScreeningPack.Read(s));
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException)
            {
                console.MarkupLineInterpolated($"[red]error:[/] {file}: {ex.Message}");
                return CliApp.Failure;
            }
        }
        else index = ScreeningIndex.Default;

        var results = new List<Core.Contract.CustomsResult>();
        var unreadable = 0;
        foreach (var path in Directory.EnumerateFiles(settings.Folder, "*.result.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            try
            {
                results.Add(Core.Contract.ResultSerializer.Deserialize<Core.Contract.CustomsResult>(File.ReadAllText(path)));
            }
            catch (Newtonsoft.Json.JsonException)
            {
                unreadable++;
                console.MarkupLineInterpolated($"[yellow]skipped[/] {path}: not a result");
            }
        }
        var hits = Rescreening.Rescreen(results, index).ToList();
        console.MarkupLineInterpolated($"{results.Count} stored results screened again against {string.Join(", ", index.EditionLabels)}: {hits.Select(h => h.DocumentId).Distinct().Count()} newly matching documents.");
        foreach (var h in hits)
        {
            var before = h.ScreenedBefore.Count > 0 ? string.Join(", ", h.ScreenedBefore) : "not screened";
            console.MarkupLineInterpolated(CultureInfo.InvariantCulture,
                $"{(h.Match.IsStrong ? "SANC-002" : "SANC-001")} {h.SourceName} ({h.DocumentId[..Math.Min(12, h.DocumentId.Length)]}) {h.Field}: {h.Match.Score:0.00} {h.Match.Entry.Id} {h.Match.Entry.PrimaryName} ({h.Match.Entry.List}, {h.Match.Entry.Programme}); before: {before}");
        }
        return unreadable > 0 && results.Count == 0 ? CliApp.Failure : CliApp.Ok;
    }
}
