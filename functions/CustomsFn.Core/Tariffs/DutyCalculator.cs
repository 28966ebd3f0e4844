using System.Globalization;

namespace CustomsFn.Core.Tariffs;

/// <summary>Finds the tariff line for a code and computes the duty on it.</summary>
public static class DutyCalculator
{
    /// <summary>Countries denied normal trade relations: HTSUS column 2 applies (General Note 3(b); Russia and Belarus since 9 Apr 2022, Pub. L. 117-110).</summary>
    private static readonly Dictionary<string, DateOnly> Column2Countries = new(StringComparer.Ordinal)
    {
        ["CU"] = DateOnly.MinValue,
        ["KP"] = DateOnly.MinValue,
        ["RU"] = new DateOnly(2022, 4, 9),
        ["BY"] = new DateOnly(2022, 4, 9),
    };

    public static (TariffLineMatch Match, TariffLine? Line) Find(TariffPack pack, string digits)
    {
        if (pack.FindLine(digits) is { } exact) return (TariffLineMatch.Exact, exact);
        if (digits.Length == 10 && pack.FindLine(digits[..8]) is { } parent && !pack.HasChildren(parent.Code))
            return (TariffLineMatch.Parent, parent);
        // A CN8 code in a tariff of 10-digit lines (UK 2022): its CN8 line is the code padded with 00, which carries the CN8 rate.
        if (digits.Length == 8 && pack.FindLine(string.Concat(digits, "00")) is { HasRate: true } padded)
            return (TariffLineMatch.Exact, padded);
        if (digits.Length < 10 && pack.AnyUnder(digits)) return (TariffLineMatch.Prefix, null);
        return (TariffLineMatch.NotFound, null);
    }

    public static LineDuty Compute(TariffPack pack, string digits, string? origin, DutyBasis basis)
    {
        var (match, line) = Find(pack, digits);
        var ratedLine = line is null ? null : pack.RatedLine(line);
        if (line is not null && ratedLine is null && pack.LinesUnder(digits).Skip(1).Any())
            (match, line) = (TariffLineMatch.Prefix, null); // a heading line without a rate (HTSUS 6-digit rows): decide from its lines
        if (match == TariffLineMatch.NotFound)
            return new LineDuty { Match = match, Duty = DutyComputation.NotComputable("the code is not in the tariff") };
        if (match == TariffLineMatch.Prefix)
        {
            // A short code: computable only when every rated line under it has the same general rate.
            var rates = pack.LinesUnder(digits).Where(l => l.HasRate).Select(l => l.General).Distinct(StringComparer.Ordinal).ToList();
            if (rates.Count == 1)
            {
                var rated = pack.LinesUnder(digits).First(l => l.HasRate);
                var r = rated.GeneralRate;
                return new LineDuty { Match = match, RatedLine = rated, Rate = r, Duty = r.Compute(basis) };
            }
            return new LineDuty
            {
                Match = match,
                Duty = DutyComputation.NotComputable(string.Create(CultureInfo.InvariantCulture,
                    $"the {digits.Length}-digit code covers {rates.Count} national lines with different rates; the full national code is needed")),
            };
        }

        if (ratedLine is null)
            return new LineDuty
            {
                Match = match, Line = line,
                Duty = DutyComputation.NotComputable(line is not null && line.HasFlag("new-2022")
                    ? "the code is new in the 2022 nomenclature (or split differently from 2021), so no 2021 rate carries over to it; check the current UK tariff"
                    : "no rate on the line or its parents"),
            };

        var general = ratedLine.GeneralRate;
        string? column = null;
        if (origin is not null && pack.Id.StartsWith("us-", StringComparison.Ordinal) && Column2Countries.TryGetValue(origin, out var since) && basis.Date >= since
            && ratedLine.Column2.Length > 0)
        {
            general = DutyExpression.Parse(ratedLine.Column2);
            column = "column 2";
        }
        var duty = general.Compute(basis);

        DutyExpression? prefRate = null;
        PreferenceProgramme? programme = null;
        DutyComputation? prefDuty = null;
        if (origin is not null && column is null)
        {
            var candidates = ratedLine.OriginProgrammes; // resolved once per line: most lines list no origin-based programme
            for (var i = 0; i < candidates.Length; i++)
            {
                var (g, p) = candidates[i];
                if (!p.Qualifies(origin, basis.Date)) continue;
                var d = g.Rate.Compute(basis);
                if (d.Amount is { } a && (prefDuty?.Amount is null || a < prefDuty.Amount) && (duty.Amount is null || a < duty.Amount))
                {
                    prefRate = g.Rate; programme = p; prefDuty = d;
                }
            }
        }

        string? additional = null;
        if (ratedLine.Additional.Length > 0 && !ratedLine.Additional.StartsWith("No additional", StringComparison.OrdinalIgnoreCase))
            additional = $"the HTSUS lists an additional duty for this line: {ratedLine.Additional}";
        else if (ratedLine.HasFlag("trade-remedy"))
            additional = "a trade remedy (anti-dumping, countervailing or safeguard duty) applies to this code";
        if (column is not null)
            additional = $"origin {origin} is denied normal trade relations: the column 2 rate {ratedLine.Column2} applies";

        return new LineDuty
        {
            Match = match, Line = line, RatedLine = ratedLine, Rate = general, Duty = duty, PreferentialRate = prefRate, Programme = programme,
            PreferentialDuty = prefDuty, AdditionalDuty = additional, Column = column,
        };
    }
}
