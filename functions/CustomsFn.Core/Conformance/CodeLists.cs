using System.Collections.Frozen;
using System.Reflection;

namespace CustomsFn.Core.Conformance;

/// <summary>
/// The code lists the EN 16931 rules check against (UN/ECE Rec 20 and 21 units, ISO 4217, ISO 3166-1 plus customs territory
/// codes, UNTDID 1001/2005/4461/5189/5305/7143/7161, ISO 6523 ICD, EAS, VATEX), each an embedded data file
/// (<c>Conformance/CodeLists/*.txt</c>: <c># source:</c> and <c># edition:</c> header lines, then codes separated by blanks).
/// </summary>
public static class CodeLists
{
    public const string Units20 = "UNECERec20";
    public const string Units21 = "UNECERec21";
    public const string Currencies = "ISO4217";
    public const string Countries = "ISO3166";
    public const string CustomsCountries = "CustomsCountries";
    public const string DocumentTypes = "UNTDID1001";
    public const string VatPointDateCodes = "UNTDID2005";
    public const string PaymentMeans = "UNTDID4461";
    public const string AllowanceReasons = "UNTDID5189";
    public const string VatCategories = "UNTDID5305";
    public const string ItemClassifications = "UNTDID7143";
    public const string ChargeReasons = "UNTDID7161";
    public const string Icd = "ISO6523ICD";
    public const string ElectronicAddressSchemes = "EAS";
    public const string VatExemptionReasons = "VATEX";

    private const string ResourcePrefix = "CustomsFn.CodeLists.";

    private static readonly Lazy<FrozenDictionary<string, CodeList>> Loaded = new(Load);

    /// <summary>Every list by name.</summary>
    public static FrozenDictionary<string, CodeList> All => Loaded.Value;

    public static CodeList Get(string name) =>
        All.TryGetValue(name, out var list) ? list : throw new KeyNotFoundException($"Code list '{name}' is not embedded.");

    /// <summary>True when the unit is a UN/ECE Recommendation 20 code or a Recommendation 21 package code (X-prefixed), as EN 16931 BT-130 allows.</summary>
    public static bool IsUnit(string? code) => Get(Units20).Contains(code) || Get(Units21).Contains(code);

    /// <summary>True when the code is ISO 3166-1 alpha-2 or one of the territory codes customs systems accept (XI, XU, XK...).</summary>
    public static bool IsCustomsCountry(string? code) => Get(Countries).Contains(code) || Get(CustomsCountries).Contains(code);

    private static FrozenDictionary<string, CodeList> Load()
    {
        var assembly = typeof(CodeLists).Assembly;
        var lists = new Dictionary<string, CodeList>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var list = Parse(resource[ResourcePrefix.Length..^".txt".Length], Read(assembly, resource));
            lists.Add(list.Name, list);
        }
        return lists.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Parses one data file; a list without its source or edition is refused (every list must say where it comes from).</summary>
    internal static CodeList Parse(string name, string text)
    {
        string? source = null, edition = null;
        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith("# source:", StringComparison.Ordinal)) source = line["# source:".Length..].Trim();
            else if (line.StartsWith("# edition:", StringComparison.Ordinal)) edition = line["# edition:".Length..].Trim();
            else if (line.Length > 0 && line[0] != '#')
            {
                foreach (var code in line.Split(' ', StringSplitOptions.RemoveEmptyEntries)) codes.Add(code);
            }
        }
        if (source is null || edition is null) throw new InvalidDataException($"Code list '{name}' has no '# source:' or '# edition:' line.");
        if (codes.Count == 0) throw new InvalidDataException($"Code list '{name}' has no codes.");
        return new CodeList(name, source, edition, codes.ToFrozenSet(StringComparer.Ordinal));
    }
}
