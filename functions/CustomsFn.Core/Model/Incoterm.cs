using System.Collections.Frozen;

namespace CustomsFn.Core.Model;

/// <summary>An Incoterms 2020 rule, with what the seller's price includes (which decides the customs-value adjustments).</summary>
public sealed record Incoterm
{
    private Incoterm(string code, string name, bool anyMode, bool includesMainCarriage, bool includesInsurance, bool includesImportDuty)
    {
        Code = code; Name = name; AnyModeOfTransport = anyMode;
        PriceIncludesMainCarriage = includesMainCarriage; PriceIncludesInsurance = includesInsurance; PriceIncludesImportDuty = includesImportDuty;
    }

    public string Code { get; }
    public string Name { get; }
    public bool AnyModeOfTransport { get; }
    /// <summary>True when the seller pays carriage to the destination (C and D terms): the price already contains freight.</summary>
    public bool PriceIncludesMainCarriage { get; }
    /// <summary>True for CIF and CIP, where the seller must insure the goods.</summary>
    public bool PriceIncludesInsurance { get; }
    /// <summary>True for DDP only.</summary>
    public bool PriceIncludesImportDuty { get; }

    public static readonly IReadOnlyList<Incoterm> All =
    [
        new("EXW", "Ex Works", true, false, false, false),
        new("FCA", "Free Carrier", true, false, false, false),
        new("CPT", "Carriage Paid To", true, true, false, false),
        new("CIP", "Carriage and Insurance Paid To", true, true, true, false),
        new("DAP", "Delivered at Place", true, true, false, false),
        new("DPU", "Delivered at Place Unloaded", true, true, false, false),
        new("DDP", "Delivered Duty Paid", true, true, false, true),
        new("FAS", "Free Alongside Ship", false, false, false, false),
        new("FOB", "Free on Board", false, false, false, false),
        new("CFR", "Cost and Freight", false, true, false, false),
        new("CIF", "Cost, Insurance and Freight", false, true, true, false),
    ];

    private static readonly FrozenDictionary<string, Incoterm> ByCode = All.ToFrozenDictionary(i => i.Code, StringComparer.Ordinal);

    /// <summary>Incoterms 2010's DAT became DPU in 2020; older rules (DAF, DES, DEQ, DDU) were withdrawn in 2010.</summary>
    private static readonly FrozenDictionary<string, string> Withdrawn = new Dictionary<string, string>
    {
        ["DAT"] = "DAT (Incoterms 2010) was replaced by DPU in Incoterms 2020",
        ["DAF"] = "DAF was withdrawn in Incoterms 2010",
        ["DES"] = "DES was withdrawn in Incoterms 2010",
        ["DEQ"] = "DEQ was withdrawn in Incoterms 2010",
        ["DDU"] = "DDU was withdrawn in Incoterms 2010 (use DAP)",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static Incoterm Parse(string text) =>
        TryParse(text, out var term, out var error) ? term : throw new FormatException(error);

    public static bool TryParse(string? text, out Incoterm term) => TryParse(text, out term, out _);

    public static bool TryParse(string? text, out Incoterm term, out string error)
    {
        term = null!;
        var t = text?.Trim().ToUpperInvariant() ?? string.Empty;
        if (ByCode.TryGetValue(t, out var found)) { term = found; error = string.Empty; return true; }
        error = Withdrawn.TryGetValue(t, out var why) ? why : $"'{text}' is not an Incoterms 2020 rule.";
        return false;
    }

    public override string ToString() => Code;
}
