using System.Globalization;

namespace CustomsFn.Core.Extraction;

/// <summary>Number and date parsing for structured formats (invariant: 1234.56, ISO dates).</summary>
public static class Numbers
{
    public static decimal? ParseInvariant(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        return decimal.TryParse(text.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite,
            CultureInfo.InvariantCulture, out var d) ? d : null;
    }

    /// <summary>ISO 8601 date (yyyy-MM-dd) or the compact form yyyyMMdd used by CII format 102 and EDIFACT.</summary>
    public static string? ParseIsoDate(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var t = text.Trim();
        if (t.Length >= 10 && DateOnly.TryParseExact(t[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            return d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (t.Length == 8 && DateOnly.TryParseExact(t, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out d))
            return d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return null;
    }

    /// <summary>Converts a weight in a Rec 20 unit to kilograms; null when the unit is not a mass.</summary>
    public static decimal? ToKilograms(decimal value, string? unitCode)
    {
        if (string.IsNullOrEmpty(unitCode)) return value; // documents that omit the unit state kilograms by convention
        return Model.UnitCode.TryParse(unitCode, out var u) && u.Dimension == Model.UnitDimension.Mass ? value * u.FactorToBase : null;
    }
}
