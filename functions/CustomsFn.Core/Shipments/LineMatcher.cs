namespace CustomsFn.Core.Shipments;

/// <summary>
/// Matches goods lines across documents that list them differently (other order, other wording, split precision of
/// HS codes): each pair is scored on HS code (equal at the precision both give, or the same heading), description
/// similarity (token set + trigrams) and relative position, and the pairing with the highest total score is chosen
/// by the Hungarian method. Pairs under <see cref="MinimumScore"/> are not matched: those lines are reported as
/// missing from the other document.
/// </summary>
public static class LineMatcher
{
    public const double MinimumScore = 0.5;
    private const double HsWeight = 0.45;
    private const double DescriptionWeight = 0.40;
    private const double PositionWeight = 0.15;

    public static LineMatching Match(IReadOnlyList<LineRef> left, IReadOnlyList<LineRef> right)
    {
        var score = new double[left.Count, right.Count];
        var lp = left.Select(l => Prepared.Of(l.Fields)).ToArray();
        var rp = right.Select(r => Prepared.Of(r.Fields)).ToArray();
        for (var i = 0; i < left.Count; i++)
        {
            for (var j = 0; j < right.Count; j++)
                score[i, j] = Score(lp[i], i, left.Count, rp[j], j, right.Count);
        }
        var assigned = Assignment.Maximize(score, MinimumScore);
        var pairs = new List<LinePair>();
        var usedRight = new bool[right.Count];
        var unmatchedLeft = new List<LineRef>();
        for (var i = 0; i < left.Count; i++)
        {
            if (assigned[i] < 0) { unmatchedLeft.Add(left[i]); continue; }
            usedRight[assigned[i]] = true;
            pairs.Add(new LinePair(left[i], right[assigned[i]], Math.Round(score[i, assigned[i]], 4)));
        }
        var unmatchedRight = right.Where((_, j) => !usedRight[j]).ToList();
        return new LineMatching(pairs, unmatchedLeft, unmatchedRight);
    }

    /// <summary>0..1: the weighted mean of the evidence both lines carry (a component missing on either side is left out).</summary>
    public static double Score(FieldSet a, int ia, int na, FieldSet b, int ib, int nb) =>
        Score(Prepared.Of(a), ia, na, Prepared.Of(b), ib, nb);

    private sealed record Prepared(string? Hs, TextSimilarity.TextProfile? Description)
    {
        public static Prepared Of(FieldSet f)
        {
            var d = f.GetText(FieldNames.Description);
            return new Prepared(f.GetText(FieldNames.HsCode), string.IsNullOrWhiteSpace(d) ? null : TextSimilarity.Profile(d));
        }
    }

    private static double Score(Prepared a, int ia, int na, Prepared b, int ib, int nb)
    {
        double total = 0, weight = 0;
        if (HsSimilarity(a.Hs, b.Hs) is { } hs)
        {
            total += HsWeight * hs; weight += HsWeight;
        }
        if (a.Description is not null && b.Description is not null)
        {
            total += DescriptionWeight * TextSimilarity.Score(a.Description, b.Description); weight += DescriptionWeight;
        }
        var span = Math.Max(na, nb);
        var position = span <= 1 ? 1.0 : 1.0 - (double)Math.Abs(ia - ib) / span;
        total += PositionWeight * position; weight += PositionWeight;
        // Position alone is no evidence that two lines are the same goods.
        return weight <= PositionWeight ? 0 : total / weight;
    }

    /// <summary>1 when equal at the precision both give, 0.5 for the same heading, 0.2 for the same chapter, else 0; null when either is missing.</summary>
    public static double? HsSimilarity(string? a, string? b)
    {
        var x = Digits(a);
        var y = Digits(b);
        if (x.Length < 4 || y.Length < 4) return null;
        var n = Math.Min(x.Length, y.Length);
        if (string.CompareOrdinal(x, 0, y, 0, n) == 0) return 1;
        if (string.CompareOrdinal(x, 0, y, 0, 4) == 0) return 0.5;
        return string.CompareOrdinal(x, 0, y, 0, 2) == 0 ? 0.2 : 0;
    }

    internal static string Digits(string? code) => code is null ? string.Empty : new string(code.Where(char.IsAsciiDigit).ToArray());
}
