namespace CustomsFn.Core.Tariffs;

/// <summary>A season of a seasonal rate: day-of-year ranges (inclusive, a range may wrap the year end) and the rate in them.</summary>
public sealed record DutySeason(DutyExpression Rate, IReadOnlyList<(int FromMonth, int FromDay, int ToMonth, int ToDay)> Ranges)
{
    public bool Contains(DateOnly date)
    {
        var d = date.Month * 100 + date.Day;
        foreach (var (fm, fd, tm, td) in Ranges)
        {
            int from = fm * 100 + fd, to = tm * 100 + td;
            if (from <= to ? d >= from && d <= to : d >= from || d <= to) return true;
        }
        return false;
    }
}
