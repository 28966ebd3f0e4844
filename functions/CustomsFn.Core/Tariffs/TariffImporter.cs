using System.Globalization;
using System.Text.RegularExpressions;

namespace CustomsFn.Core.Tariffs;

/// <summary>
/// Builds the tariff packs from the public sources (a corpus folder holding <c>hs/</c> and <c>tariffs/</c>).
/// Output is deterministic: the same sources give the same bytes.
/// </summary>
public static partial class TariffImporter
{
    public const string HsFolder = "hs/datasets-harmonized-system";
    public const string HtsusFile = "tariffs/us-htsus/htsdata.csv";
    public const string Htsus2026File = "tariffs/us-htsus-2026/hts_2026_revision_4.csv";
    public const string UkFile = "tariffs/uk-global-tariff/global-uk-tariff.csv";
    public const string UkNomenclature2022File = "tariffs/uk-nomenclature-2022/uk-trade-tariff-2022-10-digit-codes.xlsx";

    /// <summary>The packs this importer writes, in order.</summary>
    public static IReadOnlyList<string> PackIds { get; } = ["hs-2022", "hs-2017", "us-htsus-2025", "us-htsus-2026", "uk-global-tariff-2021", "uk-tariff-2022", "eu-cet-2020"];

    /// <summary>The packs in their own formats (UK preferences, US additional duties), written after the tariff packs.</summary>
    public static IReadOnlyList<string> SidePackIds { get; } = [UkPreferences.Id, UsAdditionalDuties.Id];

    /// <summary>Builds every pack from <paramref name="sourceDir"/> into <paramref name="outDir"/>; returns the files written.</summary>
    public static IReadOnlyList<string> ImportAll(string sourceDir, string outDir)
    {
        Directory.CreateDirectory(outDir);
        var written = new List<string>();
        foreach (var id in PackIds.Concat(SidePackIds))
        {
            var path = Path.Combine(outDir, id + ".tsv.gz");
            using (var ms = new MemoryStream())
            {
                Build(id, sourceDir, ms);
                File.WriteAllBytes(path, ms.ToArray());
            }
            written.Add(path);
        }
        return written;
    }

    public static void Build(string id, string sourceDir, Stream output)
    {
        switch (id)
        {
            case "hs-2022":
                Nomenclature(Path.Combine(sourceDir, HsFolder, "harmonized-system-HS2022.csv"), output, id, "Harmonized System 2022 nomenclature",
                    "2022.0", new DateOnly(2022, 1, 1), null);
                break;
            case "hs-2017":
                Nomenclature(Path.Combine(sourceDir, HsFolder, "harmonized-system-HS2017.csv"), output, id, "Harmonized System 2017 nomenclature",
                    "2017", new DateOnly(2017, 1, 1), new DateOnly(2021, 12, 31));
                break;
            case "us-htsus-2025":
                Htsus(Path.Combine(sourceDir, HtsusFile), output, id, "Harmonized Tariff Schedule of the United States 2025", "2025 edition, April revision (HS 2022 basis)", new DateOnly(2025, 1, 1));
                break;
            case "us-htsus-2026":
                Htsus(Path.Combine(sourceDir, Htsus2026File), output, id, "Harmonized Tariff Schedule of the United States 2026", "2026 edition, revision 4 (HS 2022 basis)", new DateOnly(2026, 2, 24));
                break;
            case UsAdditionalDuties.Id:
                UsAdditionalDuties.Build(Path.Combine(sourceDir, UsAdditionalDuties.Folder), Path.Combine(sourceDir, Htsus2026File), output);
                break;
            case "uk-global-tariff-2021":
                UkOrEu(Path.Combine(sourceDir, UkFile), output, uk: true);
                break;
            case "uk-tariff-2022":
                Uk2022(Path.Combine(sourceDir, UkNomenclature2022File), Path.Combine(sourceDir, UkFile), output);
                break;
            case UkPreferences.Id:
                UkPreferences.Build(Path.Combine(sourceDir, UkPreferences.Folder), output);
                break;
            case "eu-cet-2020":
                UkOrEu(Path.Combine(sourceDir, UkFile), output, uk: false);
                break;
            default:
                throw new ArgumentException($"Unknown pack '{id}'; known: {string.Join(", ", PackIds)}.", nameof(id));
        }
    }

    private static void Nomenclature(string file, Stream output, string id, string title, string revision, DateOnly from, DateOnly? until)
    {
        var rows = CsvReader.ReadWithHeader(file)
            .Where(r => r["hscode"].Length > 0 && r["hscode"].All(char.IsAsciiDigit))
            .Select(r => new[] { r["hscode"], r["parent"], r["level"], r["section"], r["description"] })
            .ToList();
        var p = new PackProvenance(id, title, TariffPack.KindNomenclature, [],
            "datasets/harmonized-system (WCO HS via UN Comtrade), file " + Path.GetFileName(file), "ODC-PDDL-1.0", revision, from, until, Sha256(file));
        TariffPack.Write(output, p, rows);
    }

    private static void Htsus(string file, Stream output, string id, string title, string revision, DateOnly from)
    {
        var rows = new List<string[]>();
        foreach (var r in CsvReader.ReadWithHeader(file))
        {
            var units = UnitList().Matches(r["Unit of Quantity"]).Select(m => m.Groups[1].Value).ToArray();
            rows.Add(
            [
                Digits(r["HTS Number"]), r["Indent"], string.Join(",", units), r["General Rate of Duty"], r["Special Rate of Duty"],
                r["Column 2 Rate of Duty"], r["Additional Duties"], string.Empty, r["Description"],
            ]);
        }
        var p = new PackProvenance(id, title, TariffPack.KindNational, ["US"],
            $"USITC HTSUS export {Path.GetFileName(file)} (public domain)", "public domain (17 U.S.C. 105)", revision, from, null, Sha256(file));
        TariffPack.Write(output, p, rows);
    }

    private static void UkOrEu(string file, Stream output, bool uk)
    {
        var rows = new List<string[]>();
        foreach (var r in CsvReader.ReadWithHeader(file))
        {
            var code = Digits(r["commodity"]);
            rows.Add([code, ((code.Length - 8) / 2).ToString(CultureInfo.InvariantCulture), string.Empty, uk ? r["ukgt_duty_rate"] : r["cet_duty_rate"],
                string.Empty, string.Empty, string.Empty, uk ? UkFlags(r) : string.Empty, r["description"]]);
        }
        var p = uk
            ? new PackProvenance("uk-global-tariff-2021", "UK Global Tariff from 1 January 2021", TariffPack.KindNational, ["GB"],
                "uktrade/global-uk-tariff global-uk-tariff.csv (Department for International Trade, issued 2020-05-19, modified 2020-06-25)",
                "OGL v3", "UKGT 2021 (CN 2020 codes, HS 2017 basis)", new DateOnly(2021, 1, 1), null, Sha256(file))
            : new PackProvenance("eu-cet-2020", "EU Common External Tariff 2020", TariffPack.KindNational, ["EU"],
                "uktrade/global-uk-tariff global-uk-tariff.csv, column cet_duty_rate (CN 2020)",
                "OGL v3", "CN 2020 (HS 2017 basis)", new DateOnly(2020, 1, 1), null, Sha256(file));
        TariffPack.Write(output, p, rows);
    }

    /// <summary>Excel's day 0 for serial dates (the 1900 date system, with its 1900 leap-year quirk absorbed).</summary>
    private static readonly DateOnly ExcelEpoch = new(1899, 12, 30);

    /// <summary>
    /// The UK tariff on the 2022 nomenclature (HS 2022 basis): every commodity code of the UK Trade Tariff valid in 2022
    /// (product-line suffix 80), with the UK Global Tariff 2021 rate carried over where the code did not change (the same
    /// 10-digit code, or its 8-digit CN code when 2021 did not split it further). Codes new in 2022 or split differently
    /// carry no rate, declarable ones the flag <c>new-2022</c>: the estimate says so instead of guessing.
    /// </summary>
    private static void Uk2022(string nomenclatureFile, string ukgt2021File, Stream output)
    {
        var rates = new Dictionary<string, (string Rate, string Flags)>(StringComparer.Ordinal);
        foreach (var r in CsvReader.ReadWithHeader(ukgt2021File)) rates[Digits(r["commodity"])] = (r["ukgt_duty_rate"], UkFlags(r));
        var split = rates.Keys.Where(k => k.Length == 10).Select(k => k[..8]).ToHashSet(StringComparer.Ordinal);

        var sheet = XlsxReader.ReadSheet(nomenclatureFile, "data");
        var header = sheet[0];
        int Col(string name) => Array.IndexOf(header, name) is var i and >= 0 ? i : throw new InvalidDataException($"The UK nomenclature has no column '{name}'.");
        int code = Col("Commodity code"), suffix = Col("Product line suffix"), start = Col("Start date"), end = Col("End date"), indent = Col("Indentation"), description = Col("Description"), endLine = Col("End line");
        var from = new DateOnly(2022, 1, 1);
        var until = new DateOnly(2022, 12, 31);
        string Cell(string[] row, int i) => i < row.Length ? row[i] : string.Empty;
        DateOnly? Date(string serial) => double.TryParse(serial, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? ExcelEpoch.AddDays((int)d) : null;

        var lines = new SortedDictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var row in sheet.Skip(1))
        {
            var c = Digits(Cell(row, code));
            if (c.Length != 10 || Cell(row, suffix) != "80") continue;
            if (Date(Cell(row, start)) is not { } s || s > until) continue;
            if (Date(Cell(row, end)) is { } e && e < from) continue;
            // A declarable line (end line) without a 2021 rate is new or re-split in 2022; a heading without one is just a heading.
            string rate = string.Empty, flags = Cell(row, endLine) == "1" ? "new-2022" : string.Empty;
            if (rates.TryGetValue(c, out var exact)) (rate, flags) = exact;
            else if (c.EndsWith("00", StringComparison.Ordinal) && rates.TryGetValue(c[..8], out var cn8)) (rate, flags) = cn8;
            else if (rates.TryGetValue(c[..8], out var parent) && !split.Contains(c[..8])) (rate, flags) = parent;
            lines[c] = [c, Cell(row, indent), string.Empty, rate, string.Empty, string.Empty, string.Empty, flags, Cell(row, description)];
        }
        var p = new PackProvenance("uk-tariff-2022", "UK Trade Tariff 2022 (HS 2022 nomenclature; UK Global Tariff 2021 rates carried where the code did not change)",
            TariffPack.KindNational, ["GB"],
            "UK Trade Tariff 2022 10-digit commodity codes (HMRC, via the Government Digital Service trade-tariff data, MIT licence) " +
            "with rates from uktrade/global-uk-tariff global-uk-tariff.csv (OGL v3)",
            "MIT (nomenclature); OGL v3 (rates)", "UK Trade Tariff 2022 codes (HS 2022 basis), UKGT 2021 rates", from, null,
            Sha256(nomenclatureFile, ukgt2021File));
        TariffPack.Write(output, p, lines.Values);
    }

    /// <summary>The UK Global Tariff source's measure columns as pack flags: trade-remedy, suspension, quota, cet-until-review.</summary>
    private static string UkFlags(IReadOnlyDictionary<string, string> r)
    {
        var flags = new List<string>();
        if (IsTrue(r["trade_remedy_applies"])) flags.Add("trade-remedy");
        if (IsTrue(r["suspension_applies"])) flags.Add("suspension");
        if (IsTrue(r["atq_applies"])) flags.Add("quota");
        if (IsTrue(r["cet_applies_until_trade_remedy_transition_reviews_concluded"])) flags.Add("cet-until-review");
        return string.Join(",", flags);
    }

    private static bool IsTrue(string s) => string.Equals(s, "True", StringComparison.OrdinalIgnoreCase);

    private static string Digits(string s) => new(s.Where(char.IsAsciiDigit).ToArray());

    private static string Sha256(params string[] files) => SidePack.Sha256(files);

    [GeneratedRegex("\"([^\"]+)\"")]
    private static partial Regex UnitList();
}
