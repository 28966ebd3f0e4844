using System.Globalization;
using CustomsFn.Core.Extraction.Layout;
using CustomsFn.Core.Extraction.Layout.Candidates;

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
    public static double AddressOverlap(string truth, string? read) => read is null ? 0 : HeaderFeatures.TokenF1(truth, read);
}
