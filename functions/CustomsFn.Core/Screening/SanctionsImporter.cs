using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using CustomsFn.Core.Tariffs;
using CustomsFn.Core.Xml;

namespace CustomsFn.Core.Screening;

/// <summary>
/// Builds the screening pack from the public lists in a corpus folder (<c>sanctions/</c> or the folder itself):
/// UN Security Council consolidated list (XML), OFAC SDN (legacy CSV: sdn, alt, add) and the non-SDN consolidated list
/// (cons_prim), the UK Sanctions List (normalised tables), the BIS Denied Persons List and the US Consolidated Screening
/// List sample. Output is deterministic: the same sources give the same bytes.
/// </summary>
public static partial class SanctionsImporter
{
    public const string UnFile = "un/UN_consolidated.xml";
    public const string OfacFolder = "ofac";
    public const string UkFolder = "uk";
    public const string DplFile = "bis/dpl.txt";
    public const string CslFile = "bis/csl-sample-2019.csv";

    /// <summary>Builds the pack from <paramref name="sourceDir"/> (the corpus root or its <c>sanctions</c> folder) into <paramref name="outDir"/>; returns the file written.</summary>
    public static string Import(string sourceDir, string outDir)
    {
        var pack = Build(sourceDir);
        Directory.CreateDirectory(outDir);
        var path = Path.Combine(outDir, ScreeningPack.FileName);
        using (var ms = new MemoryStream())
        {
            pack.Write(ms);
            File.WriteAllBytes(path, ms.ToArray());
        }
        return path;
    }

    public static ScreeningPack Build(string sourceDir)
    {
        var dir = Directory.Exists(Path.Combine(sourceDir, "sanctions")) ? Path.Combine(sourceDir, "sanctions") : sourceDir;
        foreach (var required in new[] { UnFile, Path.Combine(OfacFolder, "sdn.csv"), Path.Combine(UkFolder, "subjects.csv"), DplFile, CslFile })
        {
            if (!File.Exists(Path.Combine(dir, required)))
                throw new FileNotFoundException($"The sanctions source folder lacks {required} (expected un/, ofac/, uk/ and bis/ under {dir}).", Path.Combine(dir, required));
        }
        var editions = new List<ListEdition>();
        var entries = new List<ScreeningEntry>();
        Un(dir, entries, editions);
        Ofac(dir, entries, editions);
        Uk(dir, entries, editions);
        Dpl(dir, entries, editions);
        Csl(dir, entries, editions);
        return new ScreeningPack(editions, entries);
    }

    // ---- UN Security Council consolidated list ----

    private static void Un(string dir, List<ScreeningEntry> entries, List<ListEdition> editions)
    {
        var file = Path.Combine(dir, UnFile);
        var doc = SecureXml.Load(File.ReadAllBytes(file), XmlLimits.Default with { MaxCharacters = 256L * 1024 * 1024 });
        var root = doc.Root!;
        var generated = ((string?)root.Attribute("dateGenerated") ?? "").Split('T')[0];
        foreach (var (kind, type) in new[] { ("INDIVIDUAL", PartyType.Person), ("ENTITY", PartyType.Organisation) })
        {
            foreach (var x in root.Descendants(kind))
            {
                var names = new NameList();
                names.Add(Join(" ", V(x, "FIRST_NAME"), V(x, "SECOND_NAME"), V(x, "THIRD_NAME"), V(x, "FOURTH_NAME")), NameKind.Primary);
                foreach (var a in x.Elements(kind + "_ALIAS"))
                {
                    var quality = V(a, "QUALITY");
                    // Some aliases list several spellings: "Mohammad Islami; Mohamed Islami".
                    foreach (var alias in V(a, "ALIAS_NAME").Split("; ", StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                        names.Add(alias, string.Equals(quality, "Low", StringComparison.OrdinalIgnoreCase) ? NameKind.WeakAlias : NameKind.StrongAlias);
                }
                names.Add(V(x, "NAME_ORIGINAL_SCRIPT"), NameKind.OriginalScript);
                var countries = new CountrySet();
                foreach (var n in x.Elements("NATIONALITY").Elements("VALUE")) countries.Add(n.Value);
                var addresses = new List<string>();
                foreach (var a in x.Elements(kind + "_ADDRESS"))
                {
                    countries.Add(V(a, "COUNTRY"));
                    var text = Join(", ", V(a, "STREET"), V(a, "CITY"), V(a, "STATE_PROVINCE"), V(a, "ZIP_CODE"), V(a, "COUNTRY"));
                    if (text.Length > 0 && !addresses.Contains(text)) addresses.Add(text);
                }
                var ids = new IdList();
                foreach (var d in x.Elements(kind + "_DOCUMENT"))
                {
                    ids.Add(V(d, "TYPE_OF_DOCUMENT").Length > 0 ? V(d, "TYPE_OF_DOCUMENT") : "document", V(d, "NUMBER"));
                    countries.Add(V(d, "ISSUING_COUNTRY"));
                }
                var programme = V(x, "UN_LIST_TYPE");
                entries.Add(new ScreeningEntry("UN:" + V(x, "REFERENCE_NUMBER"), "un-sc", programme, type, names.Items, countries.Items, ids.Items, addresses));
            }
        }
        editions.Add(new ListEdition("un-sc", "UN Security Council Consolidated List", generated, "moov-io/watchman test data, UN_consolidated.xml",
            "Apache-2.0 (repository); list published by the UN Security Council", Sha256(file)));
    }

    // ---- OFAC SDN (legacy CSV) and the non-SDN consolidated list ----

    private static void Ofac(string dir, List<ScreeningEntry> entries, List<ListEdition> editions)
    {
        var sdn = Path.Combine(dir, OfacFolder, "sdn.csv");
        var alt = Path.Combine(dir, OfacFolder, "alt.csv");
        var add = Path.Combine(dir, OfacFolder, "add.csv");
        var cons = Path.Combine(dir, OfacFolder, "cons_prim.csv");
        var aliases = new Dictionary<string, List<(string Name, NameKind Kind)>>(StringComparer.Ordinal);
        foreach (var r in ReadRows(alt))
        {
            if (r.Length < 4) continue;
            if (!aliases.TryGetValue(r[0], out var list)) aliases[r[0]] = list = [];
            list.Add((Null(r[3]), NameKind.StrongAlias));
        }
        var addresses = new Dictionary<string, List<(string Text, string Country)>>(StringComparer.Ordinal);
        foreach (var r in ReadRows(add))
        {
            if (r.Length < 5) continue;
            if (!addresses.TryGetValue(r[0], out var list)) addresses[r[0]] = list = [];
            list.Add((Join(", ", Null(r[2]), Null(r[3]), Null(r[4])), Null(r[4])));
        }
        OfacMain(sdn, "ofac-sdn", "OFAC-SDN:", aliases, addresses, entries);
        OfacMain(cons, "ofac-cons", "OFAC-CONS:", [], [], entries);
        editions.Add(new ListEdition("ofac-sdn", "OFAC Specially Designated Nationals and Blocked Persons List (legacy CSV)", "2021-07",
            "moov-io/watchman test data, sdn.csv + alt.csv + add.csv", "public domain (US Treasury data)", Sha256(sdn, alt, add)));
        editions.Add(new ListEdition("ofac-cons", "OFAC Consolidated Sanctions List (non-SDN), primary names", "2025-12",
            "moov-io/watchman test data, cons_prim.csv", "public domain (US Treasury data)", Sha256(cons)));
    }

    private static void OfacMain(string file, string list, string prefix, Dictionary<string, List<(string, NameKind)>> aliases,
        Dictionary<string, List<(string Text, string Country)>> addresses, List<ScreeningEntry> entries)
    {
        foreach (var r in ReadRows(file))
        {
            if (r.Length < 12 || Null(r[0]).Length == 0) continue;
            var num = Null(r[0]);
            var type = Null(r[2]) switch
            {
                "individual" => PartyType.Person,
                "vessel" => PartyType.Vessel,
                "aircraft" => PartyType.Aircraft,
                _ => PartyType.Organisation,
            };
            var remarks = Null(r[11]);
            var names = new NameList();
            names.Add(type == PartyType.Person ? SurnameLast(Null(r[1])) : Null(r[1]), NameKind.Primary);
            foreach (var (n, k) in aliases.GetValueOrDefault(num) ?? []) names.Add(type == PartyType.Person ? SurnameLast(n) : n, k);
            // The legacy format quotes the weak ("low quality") a.k.a.s in the remarks: a.k.a. 'BNC'.
            foreach (Match m in WeakAka().Matches(remarks)) names.Add(m.Groups[1].Value, NameKind.WeakAlias);
            var countries = new CountrySet();
            var addressTexts = new List<string>();
            foreach (var (text, country) in addresses.GetValueOrDefault(num) ?? [])
            {
                countries.Add(country);
                if (text.Length > 0 && !addressTexts.Contains(text)) addressTexts.Add(text);
            }
            if (type == PartyType.Vessel) countries.Add(Null(r[9]));
            var ids = new IdList();
            foreach (var segment in remarks.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (NationalityRemark().Match(segment) is { Success: true } nat) countries.Add(nat.Groups[1].Value);
                else if (IdRemark().Match(segment) is { Success: true } id) ids.Add(id.Groups["type"].Value.TrimEnd('.', ' ', '#'), id.Groups["value"].Value);
            }
            entries.Add(new ScreeningEntry(prefix + num, list, Null(r[3]).Replace("] [", " ", StringComparison.Ordinal), type, names.Items, countries.Items, ids.Items, addressTexts));
        }
    }

    /// <summary>OFAC writes people "SURNAME, Given Names": the pack keeps the natural order.</summary>
    private static string SurnameLast(string name)
    {
        var comma = name.IndexOf(',', StringComparison.Ordinal);
        if (comma <= 0 || name.IndexOf(',', comma + 1) >= 0) return name;
        return (name[(comma + 1)..].Trim() + " " + name[..comma].Trim()).Trim();
    }

    // ---- UK Sanctions List (normalised tables) ----

    private static void Uk(string dir, List<ScreeningEntry> entries, List<ListEdition> editions)
    {
        var folder = Path.Combine(dir, UkFolder);
        string F(string n) => Path.Combine(folder, n);
        var names = new Dictionary<string, NameList>(StringComparer.Ordinal);
        foreach (var r in CsvReader.ReadWithHeader(F("subject_names.csv")).OrderBy(r => r["name_type"] == "primary" ? 0 : r["name_type"] == "primary_variation" ? 1 : 2).ThenBy(r => r["name_id"], StringComparer.Ordinal))
        {
            if (!names.TryGetValue(r["unique_id"], out var list)) names[r["unique_id"]] = list = new NameList();
            var kind = r["name_type"] == "primary" ? NameKind.Primary
                : r["alias_strength"] == "low_quality_aka" ? NameKind.WeakAlias
                : NameKind.StrongAlias;
            list.Add(r["full_name"], kind);
        }
        var countries = new Dictionary<string, CountrySet>(StringComparer.Ordinal);
        foreach (var r in CsvReader.ReadWithHeader(F("subject_countries.csv")))
        {
            if (!countries.TryGetValue(r["unique_id"], out var set)) countries[r["unique_id"]] = set = new CountrySet();
            set.Add(r["iso"].Length == 2 ? r["iso"] : r["raw_value"]);
        }
        var ids = new Dictionary<string, IdList>(StringComparer.Ordinal);
        foreach (var r in CsvReader.ReadWithHeader(F("subject_identifiers.csv")))
        {
            if (!ids.TryGetValue(r["unique_id"], out var list)) ids[r["unique_id"]] = list = new IdList();
            var type = r["identifier_type"] switch
            {
                "business_registration_numbers" => "registration",
                var t => t,
            };
            list.Add(type, r["raw_value"]);
        }
        var latest = "";
        foreach (var r in CsvReader.ReadWithHeader(F("subjects.csv")))
        {
            var id = r["unique_id"];
            var type = r["subject_type"] switch
            {
                "individual" => PartyType.Person,
                "ship" => PartyType.Vessel,
                _ => PartyType.Organisation,
            };
            if (UkDate(r["last_updated"]) is { } updated && string.CompareOrdinal(updated, latest) > 0) latest = updated;
            var regime = new string(id.TakeWhile(char.IsAsciiLetter).ToArray());
            entries.Add(new ScreeningEntry("UK:" + id, "uk-fcdo", UkRegimes.GetValueOrDefault(regime, regime), type, names.GetValueOrDefault(id)?.Items ?? [],
                countries.GetValueOrDefault(id)?.Items ?? [], ids.GetValueOrDefault(id)?.Items ?? [], []));
        }
        editions.Add(new ListEdition("uk-fcdo", "UK Sanctions List (FCDO), normalised tables", latest,
            "covyr/uk-sanctions-list, subjects/subject_names/subject_countries/subject_identifiers.csv", "OGL v3 (list); no licence file in the repository",
            Sha256(F("subjects.csv"), F("subject_names.csv"), F("subject_countries.csv"), F("subject_identifiers.csv"))));
    }

    private static string? UkDate(string ddMMyyyy) =>
        DateOnly.TryParseExact(ddMMyyyy, "dd/MM/yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null;

    private static readonly Dictionary<string, string> UkRegimes = new(StringComparer.Ordinal)
    {
        ["AFG"] = "UK Afghanistan", ["AQD"] = "UK ISIL (Da'esh) and Al-Qaida", ["BEL"] = "UK Belarus", ["BIH"] = "UK Bosnia and Herzegovina",
        ["CAF"] = "UK Central African Republic", ["CHW"] = "UK Chemical Weapons", ["CTD"] = "UK Counter-Terrorism (Delegated)", ["CTI"] = "UK Counter-Terrorism (International)",
        ["CYB"] = "UK Cyber", ["DPR"] = "UK Democratic People's Republic of Korea", ["DRC"] = "UK Democratic Republic of the Congo", ["GAC"] = "UK Global Anti-Corruption",
        ["GHR"] = "UK Global Human Rights", ["GIM"] = "UK Global Irregular Migration", ["GUB"] = "UK Guinea-Bissau", ["GUC"] = "UK Guinea", ["HAI"] = "UK Haiti",
        ["INU"] = "UK Iran (Nuclear)", ["IRN"] = "UK Iran", ["IRQ"] = "UK Iraq", ["LIB"] = "UK Libya", ["MAL"] = "UK Mali", ["MYA"] = "UK Myanmar",
        ["NIC"] = "UK Nicaragua", ["RUS"] = "UK Russia", ["SOM"] = "UK Somalia", ["SSU"] = "UK South Sudan", ["SUD"] = "UK Sudan", ["SYR"] = "UK Syria",
        ["VEN"] = "UK Venezuela", ["YEM"] = "UK Yemen",
    };

    // ---- BIS Denied Persons List (tab-separated) ----

    private static void Dpl(string dir, List<ScreeningEntry> entries, List<ListEdition> editions)
    {
        var file = Path.Combine(dir, DplFile);
        var lines = File.ReadAllLines(file, Encoding.UTF8);
        var header = lines[0].Split('\t').Select(Unquote).ToList();
        int Col(string n) => header.IndexOf(n) is var i and >= 0 ? i : throw new InvalidDataException($"{DplFile} lacks the column {n}.");
        int name = Col("Name"), street = Col("Street_Address"), city = Col("City"), state = Col("State"), country = Col("Country"), postal = Col("Postal_Code"), updated = Col("Last_Update");
        var latest = "";
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0) continue;
            var f = lines[i].Split('\t').Select(Unquote).ToArray();
            string At(int c) => c < f.Length ? f[c] : "";
            // Two rows carry impossible years (3017, 2922): typos in the source, not the edition.
            if (string.CompareOrdinal(At(updated), latest) > 0 && string.CompareOrdinal(At(updated), "2100") < 0) latest = At(updated);
            var names = new NameList();
            names.Add(At(name), NameKind.Primary);
            var countries = new CountrySet();
            countries.Add(At(country).Length > 0 ? At(country) : At(state).Length == 2 ? "US" : "");
            var address = Join(", ", At(street), At(city), At(state), At(postal), At(country));
            entries.Add(new ScreeningEntry(string.Create(CultureInfo.InvariantCulture, $"BIS-DPL:{i:D4}"), "bis-dpl", "Denied Persons List (EAR part 764)",
                PartyType.Unknown, names.Items, countries.Items, [], address.Length > 0 ? [address] : []));
        }
        editions.Add(new ListEdition("bis-dpl", "BIS Denied Persons List", latest, "moov-io/watchman test data, dpl.txt", "public domain (US Commerce data)", Sha256(file)));
    }

    // ---- US Consolidated Screening List (2019 sample) ----

    private static void Csl(string dir, List<ScreeningEntry> entries, List<ListEdition> editions)
    {
        var file = Path.Combine(dir, CslFile);
        var row = 0;
        foreach (var r in CsvReader.ReadWithHeader(file))
        {
            row++;
            var names = new NameList();
            names.Add(r["name"], NameKind.Primary);
            foreach (var a in r["alt_names"].Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)) names.Add(a, NameKind.StrongAlias);
            var countries = new CountrySet();
            foreach (var c in (r["citizenships"] + ";" + r["nationalities"]).Split([';', ','], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)) countries.Add(c);
            var addresses = r["addresses"].Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
            foreach (var a in addresses) countries.Add(a.Split(',')[^1].Trim());
            var ids = new IdList();
            foreach (var id in r["ids"].Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var parts = id.Split(',', StringSplitOptions.TrimEntries);
                if (parts.Length >= 2) ids.Add(parts[0], parts[1]);
            }
            var type = r["type"] switch
            {
                "Individual" => PartyType.Person,
                "Entity" => PartyType.Organisation,
                "Vessel" => PartyType.Vessel,
                "Aircraft" => PartyType.Aircraft,
                _ => PartyType.Unknown,
            };
            var source = r["source"];
            var list = source.Contains("(DPL)", StringComparison.Ordinal) ? "DPL" : source.Contains("(EL)", StringComparison.Ordinal) ? "EL"
                : source.Contains("(UVL)", StringComparison.Ordinal) ? "UVL" : source.Contains("(SDN)", StringComparison.Ordinal) ? "SDN"
                : source.Contains("(ISN)", StringComparison.Ordinal) ? "ISN" : "CSL";
            entries.Add(new ScreeningEntry(string.Create(CultureInfo.InvariantCulture, $"CSL:{list}:{row:D3}"), "us-csl",
                Join(" ", source.Split(" - ")[0], r["programs"].Length > 0 ? "(" + r["programs"] + ")" : ""), type, names.Items, countries.Items, ids.Items, addresses));
        }
        editions.Add(new ListEdition("us-csl", "US Consolidated Screening List (sample)", "2019", "moov-io/watchman test data, csl-sample-2019.csv",
            "public domain (US government data)", Sha256(file)));
    }

    // ---- helpers ----

    private sealed class NameList
    {
        private readonly HashSet<string> _seen = new(StringComparer.OrdinalIgnoreCase);
        public List<ListedName> Items { get; } = [];

        public void Add(string text, NameKind kind)
        {
            text = ScreeningPack.Clean(text.Trim().Trim(',', ';').Trim());
            if (text.Length == 0 || !_seen.Add(text)) return;
            Items.Add(new ListedName(text, kind));
        }
    }

    private sealed class CountrySet
    {
        public List<string> Items { get; } = [];

        public void Add(string? text)
        {
            text = text?.Trim().TrimEnd('.');
            if (text is not null && ListCountryNames.TryGetValue(text, out var alias)) text = alias;
            if (!CountryNames.TryParse(text, out var c) || Items.Contains(c.Value)) return;
            Items.Add(c.Value);
        }
    }

    private sealed class IdList
    {
        public List<ListedIdentifier> Items { get; } = [];

        public void Add(string type, string value)
        {
            value = ScreeningPack.Clean(value.Trim().TrimEnd('.', ','));
            type = ScreeningPack.Clean(type.Trim());
            if (value.Length == 0 || !value.Any(char.IsAsciiDigit)) return;
            if (Items.Any(i => i.Value == value && i.Type == type)) return;
            Items.Add(new ListedIdentifier(type.Length > 0 ? type : "identifier", value));
        }
    }

    /// <summary>How the lists name countries that the ISO tables spell otherwise.</summary>
    private static readonly Dictionary<string, string> ListCountryNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Bahamas, The"] = "BS", ["Brunei"] = "BN", ["China, Hong Kong Special Administrative Region"] = "HK", ["Congo, Republic of the"] = "CG",
        ["Democratic Republic of the Congo"] = "CD", ["Korea, North"] = "KP", ["Korea, South"] = "KR", ["Macedonia, The Former Yugoslav Republic of"] = "MK",
        ["Netherlands Antilles"] = "CW", ["Palestinian"] = "PS", ["State of Palestine"] = "PS", ["The Gambia"] = "GM", ["West Bank"] = "PS", ["Region: Gaza"] = "PS",
        ["Region: Crimea"] = "UA", ["Region: Northern Mali"] = "ML", ["Region: Kafia Kingi"] = "SS",
    };

    private static IEnumerable<string[]> ReadRows(string file)
    {
        using var reader = new StreamReader(file, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        foreach (var r in CsvReader.Read(reader)) yield return r;
    }

    private static string V(XElement e, string name) => e.Element(name)?.Value.Trim() ?? "";

    /// <summary>OFAC writes absent values as <c>-0-</c>.</summary>
    private static string Null(string s) => s.Trim() is "-0-" ? "" : s.Trim();

    private static string Unquote(string s) => s.Length >= 2 && s[0] == '"' && s[^1] == '"' ? s[1..^1].Trim() : s.Trim();

    private static string Join(string sep, params string[] parts) => string.Join(sep, parts.Where(p => p.Length > 0));

    private static string Sha256(params string[] files)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var f in files) sha.AppendData(File.ReadAllBytes(f));
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    [GeneratedRegex(@"a\.k\.a\. '([^']{2,})'")]
    private static partial Regex WeakAka();

    [GeneratedRegex(@"^(?:nationality|citizen)\s+(.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex NationalityRemark();

    [GeneratedRegex(@"^(?<type>(?:Passport|National ID No\.|Cedula No\.|Tax ID No\.|Registration ID|Registration Number|C\.U\.R\.P\.|R\.F\.C\.|RFC|Vessel Registration Identification|Identification Number|Company Number|Commercial Registry Number|Business Registration (?:Number|Document #)|D\.N\.I\.|V\.A\.T\. Number|Trade License No\.|Personal ID Card|SSN|NIT #|RUC #|Folio Mercantil No\.|Italian Fiscal Code|C\.R\. No\.|Driver's License No\.|Electoral Registry No\.|MMSI|SWIFT/BIC|Aircraft Tail Number))\s+(?<value>[A-Z]{0,4}\s?[A-Z0-9][A-Z0-9./-]*)")]
    private static partial Regex IdRemark();
}
