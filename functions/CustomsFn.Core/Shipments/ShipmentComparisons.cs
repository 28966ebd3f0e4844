namespace CustomsFn.Core.Shipments;

/// <summary>How two documents' values are compared: units of one dimension, tax ids, references, free text.</summary>
internal static class ShipmentComparisons
{
    /// <summary>Both quantities in one unit when they can be compared: same unit, or units of one dimension (kg and t); null when they cannot.</summary>
    internal static (decimal A, decimal B)? Comparable(decimal qa, string? ua, decimal qb, string? ub)
    {
        if (ua is null || ub is null || SameText(ua, ub)) return (qa, qb);
        if (UnitCode.TryParse(ua, out var a) && UnitCode.TryParse(ub, out var b) && a.Dimension == b.Dimension && a.Dimension != UnitDimension.Other)
            return (Math.Round(qa * a.FactorToBase, 6), Math.Round(qb * b.FactorToBase, 6));
        return null;
    }

    internal static string? TaxId(string? raw)
    {
        if (raw is null) return null;
        var s = new string(raw.Where(char.IsAsciiLetterOrDigit).ToArray()).ToUpperInvariant();
        return s.Length == 0 ? null : s;
    }

    internal static bool SameReference(string? a, string? b) =>
        a is not null && b is not null && string.Equals(NormalizeReference(a), NormalizeReference(b), StringComparison.Ordinal);

    /// <summary>Invoice numbers compare without case, spaces and punctuation ("RHW 2026/417" = "rhw-2026-417").</summary>
    public static string NormalizeReference(string reference) =>
        new string(reference.Where(char.IsLetterOrDigit).ToArray()).ToUpperInvariant();

    internal static bool SameText(string? a, string? b) =>
        string.Equals(a?.Trim(), b?.Trim(), StringComparison.OrdinalIgnoreCase);
}
