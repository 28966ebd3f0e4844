using System.Text.RegularExpressions;

namespace CustomsFn.Core.Tariffs;

/// <summary>Parses the HTSUS special-programme column: a sequence of "rate (codes)" groups.</summary>
public static partial class SpecialRates
{
    /// <summary>The groups, or null when the text has text outside any group that is not understood.</summary>
    public static IReadOnlyList<SpecialRate>? Parse(string? raw)
    {
        var text = DutyExpression.Normalize(raw ?? string.Empty);
        if (text.Length == 0) return [];
        var groups = new List<SpecialRate>();
        var pos = 0;
        foreach (Match m in CodeList().Matches(text))
        {
            var rateText = text[pos..m.Index].Trim();
            pos = m.Index + m.Length;
            if (rateText.Length == 0) return null;
            var codes = m.Groups[1].Value.Split([',', ' ']).Select(c => c.Trim().Trim('.').Trim()).Where(c => c.Length > 0).ToArray();
            groups.Add(new SpecialRate(DutyExpression.Parse(rateText), codes));
        }
        var tail = text[pos..].Trim();
        if (tail.Length > 0) groups.Add(new SpecialRate(DutyExpression.Parse(tail), []));
        return groups;
    }

    [GeneratedRegex(@"\(\s*((?:\.?[A-Z]{1,2}[+*]?(?:\s*,\s*|\s+))*\.?[A-Z]{1,2}[+*]?)\s*\)")]
    private static partial Regex CodeList();
}
