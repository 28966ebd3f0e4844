using System.Globalization;
using System.Text;
using CustomsFn.Core.Extraction.Layout;

namespace CustomsFn.Core.Evaluation.Sroie;

/// <summary>
/// The SROIE comparisons of issue #19: total and date exact (the date read day first, as Malaysian receipts write it,
/// and compared as an ISO date); company exact after white-space collapse and case folding; address right when the
/// token F1 between the read and the labelled address is at least <see cref="AddressThreshold"/> (tokens: letters and
/// digits runs, case-folded; the mean token F1 is reported as well).
/// </summary>
public static class SroieScoring
{
    public const double AddressThreshold = 0.8;

    public static bool TotalRight(string truth, decimal? read) =>
        read is { } r && ParseTotal(truth) is { } t && Math.Abs(t - r) <= 0.005m;

    public static decimal? ParseTotal(string truth)
    {
        var digits = new string(truth.Where(c => char.IsAsciiDigit(c) || c is '.' or ',').ToArray()).Replace(",", "", StringComparison.Ordinal);
        return decimal.TryParse(digits, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : null;
    }

    public static bool DateRight(string truth, string? read)
    {
        if (read is null) return false;
        var iso = LocaleDates.Parse(truth, monthFirst: false);
        return iso is not null ? iso == read : Collapse(truth) == Collapse(read);
    }

    public static bool CompanyRight(string truth, string? read) => read is not null && Collapse(truth) == Collapse(read);

    public static string Collapse(string s) =>
        string.Join(' ', TextNormalizer.Compatibility(s).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant();

    /// <summary>Token F1 of two addresses (0 when either has no token).</summary>
    public static double AddressOverlap(string truth, string? read)
    {
        if (read is null) return 0;
        var want = Tokens(truth);
        var got = Tokens(read);
        if (want.Count == 0 || got.Count == 0) return 0;
        var pool = want.GroupBy(t => t, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var common = 0;
        foreach (var t in got)
            if (pool.TryGetValue(t, out var n) && n > 0) { pool[t] = n - 1; common++; }
        if (common == 0) return 0;
        var precision = (double)common / got.Count;
        var recall = (double)common / want.Count;
        return 2 * precision * recall / (precision + recall);
    }

    public static List<string> Tokens(string s)
    {
        var result = new List<string>();
        var sb = new StringBuilder();
        foreach (var c in TextNormalizer.Compatibility(s).ToUpperInvariant())
        {
            if (char.IsLetterOrDigit(c)) { sb.Append(c); continue; }
            if (sb.Length > 0) { result.Add(sb.ToString()); sb.Clear(); }
        }
        if (sb.Length > 0) result.Add(sb.ToString());
        return result;
    }
}
