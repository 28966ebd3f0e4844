namespace CustomsFn.Core.Tariffs;

/// <summary>
/// One preferential rate of a UK trade agreement: the partner countries, the code prefix it covers, the rate on 1 January 2022
/// and its yearly staging (the rate from each staging year on). Japan's schedule moves on 1 April (the UK-Japan CEPA keeps the
/// EU-Japan EPA's staging years, which begin on 1 April), the others on 1 January.
/// </summary>
public sealed record UkPreferenceRate(string Agreement, IReadOnlyList<string> Partners, string Prefix, string Rate2022, IReadOnlyDictionary<int, string> Staging)
{
    /// <summary>The staging year starts in April for Japan's schedule, in January otherwise.</summary>
    public int StagingMonth => Partners.Contains("JP") ? 4 : 1;

    /// <summary>The rate in force on <paramref name="date"/>: the staged rate of the staging year it falls in (the last one after the schedule ends), else the 2022 rate.</summary>
    public string RateOn(DateOnly date)
    {
        if (Staging.Count == 0) return Rate2022;
        var year = date.Month >= StagingMonth ? date.Year : date.Year - 1;
        if (Staging.TryGetValue(year, out var r)) return r;
        var last = Staging.Keys.Where(y => y <= year).DefaultIfEmpty(0).Max();
        return last == 0 ? Rate2022 : Staging[last];
    }
}
