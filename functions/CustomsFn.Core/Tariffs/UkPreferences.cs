using System.Globalization;

namespace CustomsFn.Core.Tariffs;

/// <summary>
/// The UK's preferential tariff schedules of 2022 (DIT's WTO notification data, <c>uk-preferences-2022</c>): per agreement
/// partner, the preferential rate by code prefix with its yearly staging, and the agreements' tariff-rate quotas with their
/// in-quota rates. A compact gzip pack (<c>customsfn-preference-pack/1</c>), built by <see cref="Build"/>, read by <see cref="Read"/>.
/// </summary>
public sealed class UkPreferences
{
    public const string FormatId = "customsfn-preference-pack/1";
    public const string Id = "uk-preferences-2022";
    public const string Folder = "tariffs/uk-preferences-2022";

    private readonly Dictionary<string, List<UkPreferenceRate>> _byPartner;
    private readonly Dictionary<string, List<UkAgreementQuota>> _quotasByPartner;

    private UkPreferences(PackProvenance provenance, List<UkPreferenceRate> rates, List<UkAgreementQuota> quotas)
    {
        Provenance = provenance;
        Rates = rates;
        Quotas = quotas;
        _byPartner = new(StringComparer.Ordinal);
        foreach (var r in rates)
            foreach (var p in r.Partners) (_byPartner.TryGetValue(p, out var l) ? l : _byPartner[p] = []).Add(r);
        _quotasByPartner = new(StringComparer.Ordinal);
        foreach (var q in quotas)
            foreach (var p in q.Partners) (_quotasByPartner.TryGetValue(p, out var l) ? l : _quotasByPartner[p] = []).Add(q);
    }

    public PackProvenance Provenance { get; }
    public IReadOnlyList<UkPreferenceRate> Rates { get; }
    public IReadOnlyList<UkAgreementQuota> Quotas { get; }

    /// <summary>
    /// The preferential rate for goods originating in <paramref name="partner"/> under <paramref name="code"/>: the row with
    /// the longest code prefix (staged rows win a tie), or null when the partner has no UK agreement schedule for the code.
    /// </summary>
    public UkPreferenceRate? Find(string partner, string code)
    {
        if (!_byPartner.TryGetValue(partner, out var list)) return null;
        UkPreferenceRate? best = null;
        foreach (var r in list)
        {
            if (!code.StartsWith(r.Prefix, StringComparison.Ordinal)) continue;
            if (best is null || r.Prefix.Length > best.Prefix.Length || (r.Prefix.Length == best.Prefix.Length && r.Staging.Count > best.Staging.Count)) best = r;
        }
        return best;
    }

    /// <summary>The partner's agreement quotas for the code (10-digit match, else the quota's code as a prefix of it).</summary>
    public IReadOnlyList<UkAgreementQuota> QuotasFor(string partner, string code) =>
        _quotasByPartner.TryGetValue(partner, out var list) ? list.Where(q => Covers(q.Code, code)).ToList() : [];

    /// <summary>True when a quota's code covers the declared one: the same code, a shorter declared code above it, or a CN8 quota code (padded with 00) above a TARIC code.</summary>
    private static bool Covers(string quotaCode, string code)
    {
        if (quotaCode == code) return true;
        if (code.Length < quotaCode.Length) return quotaCode.StartsWith(code, StringComparison.Ordinal);
        return quotaCode.Length == 10 && quotaCode.EndsWith("00", StringComparison.Ordinal) && code.StartsWith(quotaCode[..8], StringComparison.Ordinal);
    }

    /// <summary>The agreement quota with this order number (e.g. 05.1500), or null.</summary>
    public UkAgreementQuota? Quota(string orderNumber) => Quotas.FirstOrDefault(q => q.OrderNumber == orderNumber);

    // ---- building from the source workbooks ----

    /// <summary>The partner (as the source names it) to the countries of origin it covers.</summary>
    private static readonly Dictionary<string, string[]> PartnerCountries = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Albania"] = ["AL"], ["Andean - Colombia"] = ["CO"], ["Andean - Ecuador"] = ["EC"], ["Ecuador"] = ["EC"], ["Andean - Peru"] = ["PE"],
        ["Botswana - SACUM"] = ["BW"], ["Eswatini - SACUM"] = ["SZ"], ["Lesotho - SACUM"] = ["LS"], ["Mozambique - SACUM"] = ["MZ"],
        ["Namibia - SACUM"] = ["NA"], ["SACUM - Namibia"] = ["NA"], ["South Africa - SACUM"] = ["ZA"], ["South Africa"] = ["ZA"],
        ["CARIFORUM - EPA"] = ["AG", "BS", "BB", "BZ", "DM", "DO", "GD", "GY", "JM", "KN", "LC", "VC", "SR", "TT"],
        ["Cameroon - EPA"] = ["CM"], ["Cote d'Ivoire - EPA"] = ["CI"], ["ESA - EPA"] = ["MG", "MU", "SC", "ZW"], ["Ghana - EPA"] = ["GH"],
        ["Kenya - EPA"] = ["KE"], ["Pacific States - EPA"] = ["FJ", "PG", "WS", "SB"],
        ["Canada"] = ["CA"], ["Central America"] = ["CR", "SV", "GT", "HN", "NI", "PA"], ["Central America ex Panama"] = ["CR", "SV", "GT", "HN", "NI"],
        ["Central America - Panama"] = ["PA"], ["Central America - Costa Rica"] = ["CR"], ["Central America - El Salvador"] = ["SV"],
        ["Central America - Guatemala"] = ["GT"], ["Central America - Honduras"] = ["HN"], ["Central America - Nicuragua"] = ["NI"],
        ["Chile"] = ["CL"], ["Egypt"] = ["EG"], ["Faroe Islands"] = ["FO"], ["Georgia"] = ["GE"], ["Iceland"] = ["IS"], ["Israel"] = ["IL"],
        ["Japan"] = ["JP"], ["Jordan"] = ["JO"], ["Kosovo"] = ["XK"], ["Lebanon"] = ["LB"], ["Mexico"] = ["MX"], ["Moldova"] = ["MD"],
        ["Morocco"] = ["MA"], ["North Macedonia"] = ["MK"], ["Norway"] = ["NO"], ["Palestinian Authority"] = ["PS"], ["Republic of Korea"] = ["KR"],
        ["Serbia"] = ["RS"], ["Singapore"] = ["SG"], ["Switzerland"] = ["CH", "LI"], ["Tunisia"] = ["TN"], ["Turkey"] = ["TR"], ["Ukraine"] = ["UA"],
        ["Viet Nam"] = ["VN"], ["Vietnam"] = ["VN"],
        ["EU"] = ["AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "EU"],
    };

    /// <summary>The agreement's name for a partner as the source names it (EU: the Trade and Cooperation Agreement).</summary>
    private static string AgreementName(string partner) => partner.Trim() switch
    {
        "EU" => "UK-EU Trade and Cooperation Agreement",
        var p when p.EndsWith("- EPA", StringComparison.Ordinal) => $"UK-{p[..^6].Trim()} Economic Partnership Agreement",
        var p when p.EndsWith("- SACUM", StringComparison.Ordinal) || p.StartsWith("SACUM", StringComparison.Ordinal) => "UK-SACUM-Mozambique Economic Partnership Agreement",
        var p when p.StartsWith("Central America", StringComparison.Ordinal) => "UK-Central America Association Agreement",
        var p when p.StartsWith("Andean", StringComparison.Ordinal) || p == "Ecuador" => "UK-Andean countries Trade Agreement",
        var p => $"UK-{p} trade agreement",
    };

    /// <summary>Builds the pack from <c>pref_data3.xlsx</c>, <c>staging_data4.xlsx</c> and <c>trq_data4.xlsx</c> in <paramref name="folder"/>; deterministic.</summary>
    public static void Build(string folder, Stream output)
    {
        var pref = Path.Combine(folder, "pref_data3.xlsx");
        var staging = Path.Combine(folder, "staging_data4.xlsx");
        var trq = Path.Combine(folder, "trq_data4.xlsx");
        var rows = new List<string[]>();
        var unknown = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var r in XlsxReader.ReadSheet(pref, "Sheet1").Skip(1))
        {
            if (r.Length < 3 || !Partner(r[0], unknown, out var partners)) continue;
            var code = Digits(r[1]);
            if (code.Length == 0) continue;
            rows.Add(["P", r[0].Trim(), string.Join(",", partners), code, Rate(r[2]), string.Empty, string.Empty, string.Empty]);
        }
        foreach (var r in XlsxReader.ReadSheet(staging, "Sheet1").Skip(1))
        {
            if (r.Length < 4 || !Partner(r[0], unknown, out var partners)) continue;
            var code = Digits(r[1]);
            if (code.Length == 0) continue;
            // Columns D.. are staging_2022, staging_2023, ...: the rate from each staging year on.
            var years = Enumerable.Range(3, r.Length - 3).Where(i => r[i].Length > 0).Select(i => $"{2019 + i}={Rate(r[i])}");
            rows.Add(["S", r[0].Trim(), string.Join(",", partners), code, Rate(r[3]), string.Join("|", years), string.Empty, string.Empty]);
        }
        foreach (var r in XlsxReader.ReadSheet(trq, "TRQs").Skip(1))
        {
            if (r.Length < 5 || !Partner(r[0], unknown, out var partners)) continue;
            var code = Digits(r[3]);
            var order = r[1].Trim().TrimEnd('\u00A0');
            if (code.Length == 0 || order.Length == 0) continue;
            var volume = string.Join(" ", new[] { Cell(r, 6), Cell(r, 8), Cell(r, 7) is { Length: > 0 } period ? "per " + period : "" }.Where(s => s.Length > 0 && s != "-"));
            rows.Add(["Q", r[0].Trim(), string.Join(",", partners), code, Rate(r[4]), string.Empty, order, volume]);
        }
        if (unknown.Count > 0) throw new InvalidDataException($"The preference data names partners this importer cannot map to countries: {string.Join(", ", unknown)}.");
        var p = new PackProvenance(Id, "UK preferential tariff schedules 2022 (trade agreements, staging, agreement quotas)", "preferences", ["GB"],
            "uk-preferences-2022: pref_data3.xlsx, staging_data4.xlsx, trq_data4.xlsx (UK tariff schedules compiled for the WTO notifications of the UK's trade agreements, 2022)",
            "Open Government Licence (UK government data)", "2022 schedules with yearly staging to 2034", new DateOnly(2022, 1, 1), null, SidePack.Sha256(pref, staging, trq));
        SidePack.Write(output, FormatId, p, "kind partner countries code rate staging quota volume", rows.Select(r => string.Join('\t', r.Select(TariffPack.Clean))));
    }

    private static string Cell(string[] r, int i) => i < r.Length ? r[i].Trim().TrimEnd('\u00A0') : string.Empty;

    private static bool Partner(string name, SortedSet<string> unknown, out string[] countries)
    {
        var key = name.Trim().TrimEnd('\u00A0').Trim();
        if (key.Length == 0) { countries = []; return false; }
        if (PartnerCountries.TryGetValue(key, out countries!)) return true;
        unknown.Add(key);
        return false;
    }

    /// <summary>A rate as the source writes it: a fraction (0.124 = 12.4%) or an expression ("0.00% + 17.00 GBP / 100 kg").</summary>
    internal static string Rate(string cell)
    {
        var s = cell.Replace('\u00A0', ' ').Trim();
        if (s.Length == 0 || s == "-") return string.Empty;
        if (decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var fraction))
            return (Math.Round(fraction * 100, 4)).ToString("0.####", CultureInfo.InvariantCulture) + "%";
        return TariffPack.Clean(s);
    }

    private static string Digits(string s) => new(s.Where(char.IsAsciiDigit).ToArray());

    public static UkPreferences Read(Stream gz)
    {
        var (reader, p) = SidePack.Open(gz, FormatId, "preferences", "GB");
        using var _ = reader;
        string? line;
        var rates = new List<UkPreferenceRate>();
        var byKey = new Dictionary<(string Partner, string Code), int>();
        var quotas = new List<UkAgreementQuota>();
        while ((line = reader.ReadLine()) is not null)
        {
            var f = line.Split('\t');
            if (f.Length < 8) throw new InvalidDataException("A preference pack row has fewer than 8 columns.");
            var partners = f[2].Split(',');
            var agreement = AgreementName(f[1]);
            if (f[0] == "Q") { quotas.Add(new UkAgreementQuota(agreement, partners, f[6], f[3], f[4], f[7])); continue; }
            var staging = f[5].Length == 0 ? new Dictionary<int, string>()
                : f[5].Split('|').Select(s => s.Split('=', 2)).ToDictionary(kv => int.Parse(kv[0], CultureInfo.InvariantCulture), kv => kv[1]);
            // A staging row joins the schedule row of the same partner and code, which keeps its 1 January 2022 rate.
            if (f[0] == "S" && byKey.TryGetValue((f[2], f[3]), out var at))
            {
                rates[at] = rates[at] with { Staging = staging };
                continue;
            }
            byKey.TryAdd((f[2], f[3]), rates.Count);
            rates.Add(new UkPreferenceRate(agreement, partners, f[3], f[0] == "S" && staging.TryGetValue(2022, out var first) ? first : f[4], staging));
        }
        return new UkPreferences(p, rates, quotas);
    }
}
