using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace CustomsFn.Core.Extraction.Layout;

/// <summary>
/// Amounts as printed on documents in many languages: 1,234.56 and 1.234,56 and 1 234,56 and 1'234.56, full-width
/// digits, currency signs and codes around the number, trailing minus and accounting parentheses.
/// </summary>
public static partial class LocaleNumbers
{
    /// <summary>True for languages that write the decimal separator as a comma (1.234,56).</summary>
    public static bool CommaDecimal(string? language) => language is "de" or "fr" or "es" or "it" or "nl" or "pl" or "pt";

    /// <summary>Parses an amount. Returns null when the text is not a single number (with currency or unit decoration).</summary>
    public static decimal? Parse(string? text, string? language = null)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var t = TextNormalizer.Compatibility(text).Trim();
        var m = NumberPattern().Match(t);
        if (!m.Success) return null;
        var core = m.Groups["num"].Value;
        // Anything else around the number must be a currency sign/code, a unit or a sign, not more words.
        var rest = (t[..m.Index] + " " + t[(m.Index + m.Length)..]).Trim();
        if (rest.Length > 0 && !IsDecoration(rest)) return null;
        var negative = m.Groups["neg"].Success || m.Groups["paren"].Success || m.Groups["tneg"].Success;
        var value = ParseCore(core.Replace(" ", "", StringComparison.Ordinal).Replace("'", "", StringComparison.Ordinal).Replace("\u2009", "", StringComparison.Ordinal), language);
        if (value is null) return null;
        return negative ? -value : value;
    }

    private static decimal? ParseCore(string s, string? language)
    {
        var lastDot = s.LastIndexOf('.');
        var lastComma = s.LastIndexOf(',');
        string normal;
        if (lastDot >= 0 && lastComma >= 0)
        {
            normal = lastComma > lastDot ? s.Replace(".", "", StringComparison.Ordinal).Replace(',', '.') : s.Replace(",", "", StringComparison.Ordinal);
        }
        else if (lastComma >= 0)
        {
            var groups = s.Split(',');
            var tail = groups[^1].Length;
            // "1,234" and "1,234,567": thousands unless the language writes decimal commas; "12,50": decimal comma.
            var thousands = groups.Length > 2 || (tail == 3 && !CommaDecimal(language));
            if (thousands && groups.Skip(1).All(g => g.Length == 3)) normal = s.Replace(",", "", StringComparison.Ordinal);
            else if (groups.Length == 2) normal = s.Replace(',', '.');
            else return null;
        }
        else if (lastDot >= 0)
        {
            var groups = s.Split('.');
            if (groups.Length > 2)
            {
                if (!groups.Skip(1).All(g => g.Length == 3)) return null;
                normal = s.Replace(".", "", StringComparison.Ordinal);
            }
            else normal = groups[1].Length == 3 && CommaDecimal(language) ? s.Replace(".", "", StringComparison.Ordinal) : s;
        }
        else normal = s;
        return decimal.TryParse(normal, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d) ? d : null;
    }

    /// <summary>Digits only (for codes such as HS numbers written 8471.30.00 or 8471 30 00).</summary>
    public static string DigitsOnly(string text)
    {
        var sb = new StringBuilder();
        foreach (var c in TextNormalizer.Compatibility(text)) if (c is >= '0' and <= '9') sb.Append(c);
        return sb.ToString();
    }

    [GeneratedRegex(@"(?<paren>\()?(?<neg>-\s?)?(?<num>\d{1,3}(?:[ '\u2009.,]\d{3}(?!\d))+(?:[.,]\d{1,4})?|\d+(?:[.,]\d{1,4})?)(?<tneg>-)?\)?", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();

    private static readonly string[] Signs = ["€", "$", "£", "¥", "₹", "₩", "zł", "%", "*", "-", "(", ")", "US$", "HK$", "S$", "A$", "C$", "R$", "Rs", "Rs.", "円", "元", "人民币", "RMB"];

    /// <summary>Currency signs and codes, short unit words and signs that may surround an amount (token by token: no backtracking).</summary>
    private static bool IsDecoration(string rest)
    {
        foreach (var token in rest.Split([' ', '\u00A0'], StringSplitOptions.RemoveEmptyEntries))
        {
            var t = token;
            foreach (var sign in new[] { "(", ")", "-", "*", "%", ":" }) t = t.Replace(sign, "", StringComparison.Ordinal);
            if (t.Length == 0) continue;
            if (Array.IndexOf(Signs, t) >= 0) continue;
            if (t.Length <= 5 && t.TrimEnd('.').All(c => char.IsLetter(c) || c is '€' or '$' or '£' or '¥' or '₹') ) continue;
            return false;
        }
        return true;
    }
}
