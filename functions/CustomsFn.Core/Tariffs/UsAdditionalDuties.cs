using System.Globalization;
using System.Text.RegularExpressions;

namespace CustomsFn.Core.Tariffs;

/// <summary>
/// The HTSUS chapter 99 additional duties the corpus lists by product (<c>us-additional-duties</c>): Section 301 (China,
/// lists 1 to 4A and the 2024 four-year-review increases) and Section 232 (steel and aluminium derivatives, copper), with
/// the rates read from the chapter 99 headings of the HTSUS 2026 revision 4. A compact gzip pack, built by <see cref="Build"/>.
/// </summary>
public sealed partial class UsAdditionalDuties
{
    public const string FormatId = "customsfn-additional-duties/1";
    public const string Id = "us-additional-duties";
    public const string Folder = "tariffs/us-additional-duties";

    private readonly Dictionary<int, List<UsAdditionalDuty>> _byHeading4;

    private UsAdditionalDuties(PackProvenance provenance, List<UsAdditionalDuty> duties)
    {
        Provenance = provenance;
        Duties = duties;
        _byHeading4 = duties.GroupBy(d => int.Parse(d.Prefix.AsSpan(0, 4), CultureInfo.InvariantCulture)).ToDictionary(g => g.Key, g => g.ToList());
    }

    public PackProvenance Provenance { get; }
    public IReadOnlyList<UsAdditionalDuty> Duties { get; }

    /// <summary>
    /// The additional duties on <paramref name="code"/> for goods of <paramref name="origin"/> entered on <paramref name="date"/>.
    /// Section 301 is one duty per product: the 2024 increases (9903.91, 9903.92) replace the list rate where they apply, and
    /// of the original lists (9903.88) the earliest applies, since each later heading excepts goods of the earlier ones (the
    /// lists name 8-digit subheadings whose 10-digit split the data does not give). Section 232 duties apply per heading.
    /// </summary>
    public IReadOnlyList<UsAdditionalDuty> For(string code, string? origin, DateOnly date)
    {
        if (code.Length < 4 || !int.TryParse(code.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var h) || !_byHeading4.TryGetValue(h, out var list)) return [];
        var any = false;
        foreach (var d in list)
        {
            if (code.StartsWith(d.Prefix, StringComparison.Ordinal) && d.AppliesTo(origin, date)) { any = true; break; }
        }
        if (!any) return []; // the common case (another origin, an earlier date): no allocation
        var applying = list.Where(d => code.StartsWith(d.Prefix, StringComparison.Ordinal) && d.AppliesTo(origin, date))
            .GroupBy(d => d.Heading, StringComparer.Ordinal).Select(g => g.OrderByDescending(d => d.Prefix.Length).First()).ToList();
        var s301 = applying.Where(d => d.Programme == "Section 301").ToList();
        var increase = s301.Where(d => !d.Heading.StartsWith("9903.88", StringComparison.Ordinal)).OrderByDescending(d => d.From).ThenBy(d => d.Heading, StringComparer.Ordinal).FirstOrDefault();
        var list301 = increase ?? s301.OrderBy(d => d.From).ThenBy(d => d.Heading, StringComparer.Ordinal).FirstOrDefault();
        return applying.Where(d => d.Programme != "Section 301").Concat(list301 is null ? [] : [list301])
            .OrderBy(d => d.Heading, StringComparer.Ordinal).ToList();
    }

    /// <summary>The percentage a chapter 99 rate adds ("The duty provided in the applicable subheading + 25%" is 25), or null.</summary>
    public static decimal? AddedPercent(string rate)
    {
        var m = AddedRate().Match(rate);
        return m.Success ? decimal.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }

    [GeneratedRegex(@"(?:\+|plus)\s*(?:a duty of\s*)?([0-9]+(?:\.[0-9]+)?)\s*%", RegexOptions.IgnoreCase)]
    private static partial Regex AddedRate();

    [GeneratedRegex(@"entries on or after (January|February|March|April|May|June|July|August|September|October|November|December) ([0-9]{1,2}), ([0-9]{4})")]
    private static partial Regex EntriesOnOrAfter();

    /// <summary>
    /// When the original Section 301 lists took effect (their chapter 99 headings do not say): List 1 on 6 July 2018
    /// (83 FR 28710), List 2 on 23 August 2018 (83 FR 40823), List 3 on 24 September 2018 (83 FR 47974), List 4A on
    /// 1 September 2019 (84 FR 43304). The 2024 increases (9903.91) and the cranes heading carry their date in their text.
    /// </summary>
    private static readonly Dictionary<string, DateOnly> ListDates = new(StringComparer.Ordinal)
    {
        ["1"] = new(2018, 7, 6), ["2"] = new(2018, 8, 23), ["3"] = new(2018, 9, 24), ["3_addl"] = new(2018, 9, 24), ["4A"] = new(2019, 9, 1),
        ["cranes_301"] = new(2025, 10, 14),
    };

    /// <summary>Builds the pack from the product lists in <paramref name="folder"/> and the chapter 99 headings of <paramref name="htsFile"/>; deterministic.</summary>
    public static void Build(string folder, string htsFile, Stream output)
    {
        var headings = new Dictionary<string, (string Rate, string Description)>(StringComparer.Ordinal);
        foreach (var r in CsvReader.ReadWithHeader(htsFile))
        {
            var n = r["HTS Number"];
            if (n.StartsWith("9903.", StringComparison.Ordinal)) headings.TryAdd(n, (r["General Rate of Duty"], r["Description"]));
        }
        (string Rate, string Description) Heading(string ch99) => headings.TryGetValue(ch99, out var h) ? h
            : throw new InvalidDataException($"The HTSUS file has no chapter 99 heading {ch99}.");

        var rows = new SortedSet<string>(StringComparer.Ordinal);
        void Add(string programme, string prefix, string ch99, string origins, DateOnly from, string basis)
        {
            var (rate, _) = Heading(ch99);
            if (AddedPercent(rate) is null) return; // suspended or without an added rate (e.g. 9903.88.16 List 4B)
            rows.Add(string.Join('\t', programme, new string(prefix.Where(char.IsAsciiDigit).ToArray()), ch99, TariffPack.Clean(rate), origins,
                from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), basis));
        }

        foreach (var r in CsvReader.ReadWithHeader(Path.Combine(folder, "s301_product_lists.csv")))
        {
            var ch99 = r["ch99_code"];
            DateOnly? from = ListDates.TryGetValue(r["list"], out var d) ? d : EntryDate(Heading(ch99).Description);
            if (from is null) continue; // a heading whose date the data does not give (e.g. List 4B, suspended)
            Add("Section 301", r["hts8"], ch99, "CN", from.Value, $"Section 301 (19 U.S.C. 2411), China, list {r["list"]}: HTSUS heading {ch99}");
        }
        var revisions = CsvReader.ReadWithHeader(Path.Combine(folder, "revision_dates.csv")).ToList();
        DateOnly Revision(string contains) => revisions.Where(r => r["policy_event"].Contains(contains, StringComparison.Ordinal))
            .Select(r => DateOnly.ParseExact(r["effective_date"], "yyyy-MM-dd", CultureInfo.InvariantCulture)).First();
        var derivativesFrom = Revision("232 derivatives");
        foreach (var r in CsvReader.ReadWithHeader(Path.Combine(folder, "s232_derivative_products.csv")))
        {
            var from = r["effective_date"] is { Length: 10 } ed ? DateOnly.ParseExact(ed, "yyyy-MM-dd", CultureInfo.InvariantCulture) : derivativesFrom;
            Add("Section 232", r["hts_prefix"], r["ch99_code"], "*", from, $"Section 232 (19 U.S.C. 1862), {r["derivative_type"]} derivative: HTSUS heading {r["ch99_code"]}");
        }
        var copperFrom = Revision("copper 232");
        foreach (var r in CsvReader.ReadWithHeader(Path.Combine(folder, "s232_copper_products.csv")))
            Add("Section 232", r["hts10"], r["ch99_code"], "*", copperFrom, $"Section 232 (19 U.S.C. 1862), copper: HTSUS heading {r["ch99_code"]}");

        var p = new PackProvenance(Id, "US chapter 99 additional duties (Section 301 China lists, Section 232 derivatives and copper)", "additional-duties", ["US"],
            "us-additional-duties (The Budget Lab at Yale, tariff-rate-tracker product lists and revision_dates.csv) with rates from HTSUS 2026 revision 4 chapter 99",
            "MIT (lists); public domain (HTSUS)", "HTSUS 2026 revision 4 (2026-02-24)", new DateOnly(2026, 2, 24), null,
            SidePack.Sha256(Path.Combine(folder, "s301_product_lists.csv"), Path.Combine(folder, "s232_derivative_products.csv"), Path.Combine(folder, "s232_copper_products.csv"),
                Path.Combine(folder, "revision_dates.csv"), htsFile));
        SidePack.Write(output, FormatId, p, "programme prefix heading rate origins from basis", rows);
    }

    private static DateOnly? EntryDate(string description)
    {
        var m = EntriesOnOrAfter().Match(description);
        return m.Success ? DateOnly.ParseExact($"{m.Groups[1].Value} {m.Groups[2].Value} {m.Groups[3].Value}", "MMMM d yyyy", CultureInfo.InvariantCulture) : null;
    }

    public static UsAdditionalDuties Read(Stream gz)
    {
        var (reader, p) = SidePack.Open(gz, FormatId, "additional-duties", "US");
        using var _ = reader;
        string? line;
        var duties = new List<UsAdditionalDuty>();
        while ((line = reader.ReadLine()) is not null)
        {
            var f = line.Split('\t');
            if (f.Length < 7 || f[1].Length < 4) throw new InvalidDataException("An additional-duties pack row is malformed.");
            duties.Add(new UsAdditionalDuty(f[0], f[1], f[2], f[3], f[4], DateOnly.ParseExact(f[5], "yyyy-MM-dd", CultureInfo.InvariantCulture), f[6]));
        }
        return new UsAdditionalDuties(p, duties);
    }
}
