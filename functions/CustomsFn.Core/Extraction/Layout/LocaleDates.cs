using System.Globalization;
using System.Text.RegularExpressions;

namespace CustomsFn.Core.Extraction.Layout;

/// <summary>
/// Dates as printed in many languages: ISO, 04.03.2025, 04/03/2025 and 03/04/2025 (day or month first by language and
/// currency), 4 March 2025, March 4, 2025, 4. März 2025, 4 mars 2025, 4 de marzo de 2025, 2025年3月4日, 令和7年3月4日.
/// </summary>
public static partial class LocaleDates
{
    private static readonly Dictionary<string, int> Months = BuildMonths();

    private static Dictionary<string, int> BuildMonths()
    {
        var d = new Dictionary<string, int>(StringComparer.Ordinal);
        string[][] names =
        [
            ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"],
            ["januar", "februar", "marz", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "dezember"],
            ["janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre", "novembre", "decembre"],
            ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"],
            ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"],
            ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"],
            ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"],
            ["jan", "feb", "mrz", "apr", "mai", "jun", "jul", "aug", "sept", "okt", "nov", "dez"],
            ["janv", "fevr", "mar", "avr", "mai", "juin", "juil", "aou", "sept", "oct", "nov", "dec"],
            ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "set", "ott", "nov", "dic"],
            ["jan", "feb", "maa", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"],
            ["gen", "feb", "mar", "apr", "mag", "giu", "lug", "ago", "sep", "ott", "nov", "dic"],
        ];
        foreach (var set in names)
            for (var i = 0; i < 12; i++) d.TryAdd(set[i], i + 1);
        d["maerz"] = 3; d["sept"] = 9;
        return d;
    }

    /// <summary>Finds the first date in the text and returns it as yyyy-MM-dd, or null.</summary>
    /// <param name="monthFirst">For ambiguous n/n/yyyy dates: true reads month first (US), false day first.</param>
    public static string? Parse(string? text, bool monthFirst = false) => Find(text, monthFirst)?.Iso;

    public static (string Iso, int Index, int Length)? Find(string? text, bool monthFirst = false)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var t = TextNormalizer.Compatibility(text);

        var m = CjkDate().Match(t);
        if (m.Success)
        {
            var year = int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture);
            if (m.Groups["era"].Success)
            {
                var era = m.Groups["era"].Value;
                year = era switch { "令和" => 2018 + year, "平成" => 1988 + year, _ => 1925 + year };
            }
            return Make(year, Int(m.Groups["m"]), Int(m.Groups["d"]), m);
        }
        m = Iso().Match(t);
        if (m.Success) return Make(Int(m.Groups["y"]), Int(m.Groups["m"]), Int(m.Groups["d"]), m);
        m = Numeric().Match(t);
        if (m.Success)
        {
            int a = Int(m.Groups["a"]), b = Int(m.Groups["b"]);
            var y = Int(m.Groups["y"]);
            if (y < 100) y += 2000;
            var dotted = m.Groups["sep"].Value == ".";
            var (day, month) = a > 12 ? (a, b) : b > 12 ? (b, a) : monthFirst && !dotted ? (b, a) : (a, b);
            return Make(y, month, day, m);
        }
        m = DayMonthName().Match(t);
        if (m.Success && MonthOf(m.Groups["mon"].Value) is { } mon1) return Make(Int(m.Groups["y"]), mon1, Int(m.Groups["d"]), m);
        m = MonthNameDay().Match(t);
        if (m.Success && MonthOf(m.Groups["mon"].Value) is { } mon2) return Make(Int(m.Groups["y"]), mon2, Int(m.Groups["d"]), m);
        return null;
    }

    private static int? MonthOf(string name)
    {
        var key = TextNormalizer.Fold(name).TrimEnd('.');
        if (Months.TryGetValue(key, out var m)) return m;
        return key.Length >= 3 && Months.TryGetValue(key[..3], out m) ? m : null;
    }

    private static int Int(Group g) => int.Parse(g.Value, CultureInfo.InvariantCulture);

    private static (string, int, int)? Make(int y, int m, int d, Match match)
    {
        if (y is < 1900 or > 2200 || m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, m)) return null;
        return (new DateOnly(y, m, d).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), match.Index, match.Length);
    }

    [GeneratedRegex(@"(?<era>令和|平成|昭和)?\s*(?<y>\d{1,4})\s*年\s*(?<m>\d{1,2})\s*月\s*(?<d>\d{1,2})\s*日?")]
    private static partial Regex CjkDate();

    [GeneratedRegex(@"(?<!\d)(?<y>(?:19|20|21)\d{2})[-/.](?<m>\d{1,2})[-/.](?<d>\d{1,2})(?!\d)")]
    private static partial Regex Iso();

    [GeneratedRegex(@"(?<!\d)(?<a>\d{1,2})(?<sep>[./-])(?<b>\d{1,2})\k<sep>(?<y>(?:19|20|21)\d{2}|\d{2})(?![\d.]\d)")]
    private static partial Regex Numeric();

    [GeneratedRegex(@"(?<!\d)(?<d>\d{1,2})(?:\.|er|st|nd|rd|th)?\s*(?:de\s+)?(?<mon>\p{L}{3,10})\.?,?\s*(?:de\s+)?(?<y>(?:19|20|21)\d{2})(?!\d)", RegexOptions.IgnoreCase)]
    private static partial Regex DayMonthName();

    [GeneratedRegex(@"(?<mon>\p{L}{3,10})\.?\s+(?<d>\d{1,2})(?:st|nd|rd|th)?\s*,?\s*(?<y>(?:19|20|21)\d{2})(?!\d)", RegexOptions.IgnoreCase)]
    private static partial Regex MonthNameDay();
}
