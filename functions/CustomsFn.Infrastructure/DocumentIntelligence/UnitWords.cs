using CustomsFn.Core.Model;

namespace CustomsFn.Infrastructure.DocumentIntelligence;

/// <summary>Unit words as invoices print them ("hours", "pcs", "kg") to UN/ECE Rec 20 codes.</summary>
internal static class UnitWords
{
    private static readonly Dictionary<string, string> Map = new(StringComparer.OrdinalIgnoreCase)
    {
        ["h"] = "HUR", ["hr"] = "HUR", ["hrs"] = "HUR", ["hour"] = "HUR", ["hours"] = "HUR",
        ["min"] = "MIN", ["minute"] = "MIN", ["minutes"] = "MIN", ["day"] = "DAY", ["days"] = "DAY",
        ["month"] = "MON", ["months"] = "MON", ["week"] = "WEE", ["weeks"] = "WEE", ["year"] = "ANN", ["years"] = "ANN",
        ["pc"] = "H87", ["pcs"] = "H87", ["piece"] = "H87", ["pieces"] = "H87", ["ea"] = "EA", ["each"] = "EA",
        ["unit"] = "C62", ["units"] = "C62", ["set"] = "SET", ["sets"] = "SET", ["pair"] = "PR", ["pairs"] = "PR",
        ["dozen"] = "DZN", ["doz"] = "DZN", ["dz"] = "DZN",
        ["kg"] = "KGM", ["kgs"] = "KGM", ["kilogram"] = "KGM", ["kilograms"] = "KGM", ["g"] = "GRM", ["gram"] = "GRM", ["grams"] = "GRM",
        ["t"] = "TNE", ["tonne"] = "TNE", ["tonnes"] = "TNE", ["lb"] = "LBR", ["lbs"] = "LBR", ["pound"] = "LBR", ["pounds"] = "LBR",
        ["l"] = "LTR", ["litre"] = "LTR", ["litres"] = "LTR", ["liter"] = "LTR", ["liters"] = "LTR", ["ml"] = "MLT",
        ["m"] = "MTR", ["metre"] = "MTR", ["metres"] = "MTR", ["meter"] = "MTR", ["meters"] = "MTR", ["cm"] = "CMT", ["mm"] = "MMT",
        ["m2"] = "MTK", ["sqm"] = "MTK", ["m3"] = "MTQ", ["cbm"] = "MTQ",
        ["box"] = "XBX", ["boxes"] = "XBX", ["carton"] = "XCT", ["cartons"] = "XCT", ["ctn"] = "XCT", ["ctns"] = "XCT",
        ["pallet"] = "XPX", ["pallets"] = "XPX", ["plt"] = "XPX", ["bag"] = "XBG", ["bags"] = "XBG", ["roll"] = "XRO", ["rolls"] = "XRO",
        ["kwh"] = "KWH",
    };

    /// <summary>The Rec 20 code for a unit word, a Rec 20 code itself, or null when unknown.</summary>
    public static string? ToRec20(string text)
    {
        var t = text.Trim().TrimEnd('.');
        if (Map.TryGetValue(t, out var code)) return code;
        return UnitCode.TryParse(t, out var u) && t.Length >= 2 && t.All(char.IsAsciiLetterUpper) ? u.Code : null;
    }
}
