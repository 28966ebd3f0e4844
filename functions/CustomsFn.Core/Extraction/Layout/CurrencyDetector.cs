using System.Text.RegularExpressions;

namespace CustomsFn.Core.Extraction.Layout;

/// <summary>
/// The document currency from ISO codes and signs printed on it: € EUR, £ GBP, ₹/Rs INR, zł PLN, $ USD (unless a more
/// specific dollar is written), ¥ resolved to JPY or CNY from the language and from 円/元/RMB.
/// </summary>
public static partial class CurrencyDetector
{
    private static readonly string[] Common = ["EUR", "USD", "GBP", "JPY", "CNY", "CHF", "INR", "PLN", "SEK", "NOK", "DKK", "CAD", "AUD", "HKD", "SGD", "KRW", "TWD", "THB", "MXN", "BRL", "CZK", "HUF", "TRY", "AED", "ZAR", "NZD", "VND", "IDR", "MYR", "PHP"];

    /// <summary>A currency written in a short value ("EUR", "€", "US Dollar", "人民币"), or null.</summary>
    public static string? FromValue(string text, string? language)
    {
        var t = TextNormalizer.Compatibility(text).Trim();
        foreach (Match m in CodePattern().Matches(t))
            if (CurrencyCode.IsValid(m.Value)) return m.Value;
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        CountSigns(t, language, counts);
        var folded = TextNormalizer.Fold(t);
        foreach (var (word, code) in Words) if (folded.Contains(word, StringComparison.Ordinal)) counts[code] = counts.GetValueOrDefault(code) + 1;
        return counts.Count == 0 ? null : counts.OrderByDescending(kv => kv.Value).First().Key;
    }

    private static readonly (string Word, string Code)[] Words =
    [
        ("euro", "EUR"), ("us dollar", "USD"), ("u.s. dollar", "USD"), ("dollar", "USD"), ("pound sterling", "GBP"), ("yen", "JPY"), ("renminbi", "CNY"),
        ("yuan", "CNY"), ("人民币", "CNY"), ("日本円", "JPY"), ("rupee", "INR"), ("zloty", "PLN"), ("franken", "CHF"), ("swiss franc", "CHF"),
    ];

    /// <summary>Votes over the whole document: codes next to amounts, currency signs, and the language for ¥.</summary>
    public static (string Code, double Confidence)? Detect(IEnumerable<string> lines, string? language)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var raw in lines)
        {
            var line = TextNormalizer.Compatibility(raw);
            foreach (Match m in CodePattern().Matches(line))
                if (Array.IndexOf(Common, m.Value) >= 0 || (m.Value == "RMB")) counts[m.Value == "RMB" ? "CNY" : m.Value] = counts.GetValueOrDefault(m.Value == "RMB" ? "CNY" : m.Value) + 2;
            CountSigns(line, language, counts);
        }
        if (counts.Count == 0) return null;
        var ordered = counts.OrderByDescending(kv => kv.Value).ToList();
        var total = counts.Values.Sum();
        var share = (double)ordered[0].Value / total;
        return (ordered[0].Key, Math.Round(Math.Clamp(0.45 + 0.4 * share + Math.Min(ordered[0].Value, 6) * 0.015, 0.4, 0.92), 2));
    }

    private static void CountSigns(string line, string? language, Dictionary<string, int> counts)
    {
        void Add(string c, int n = 1) => counts[c] = counts.GetValueOrDefault(c) + n;
        foreach (var ch in line)
        {
            switch (ch)
            {
                case '€': Add("EUR"); break;
                case '£': Add("GBP"); break;
                case '₹': Add("INR"); break;
                case '₩': Add("KRW"); break;
                case '¥' or '￥': Add(language == "zh" ? "CNY" : language == "ja" ? "JPY" : line.Contains('元') ? "CNY" : "JPY"); break;
                case '円': Add("JPY"); break;
                case '元': if (language == "zh") Add("CNY"); break;
                default: break;
            }
        }
        if (line.Contains('$'))
        {
            if (line.Contains("HK$", StringComparison.Ordinal)) Add("HKD");
            else if (line.Contains("S$", StringComparison.Ordinal) && !line.Contains("US$", StringComparison.Ordinal)) Add("SGD");
            else if (line.Contains("A$", StringComparison.Ordinal)) Add("AUD");
            else if (line.Contains("C$", StringComparison.Ordinal) || line.Contains("CA$", StringComparison.Ordinal)) Add("CAD");
            else Add("USD");
        }
        if (RupeePattern().IsMatch(line)) Add("INR");
        if (line.Contains("zł", StringComparison.Ordinal)) Add("PLN");
    }

    [GeneratedRegex(@"(?<![A-Za-z])[A-Z]{3}(?![A-Za-z])")]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"(?<![A-Za-z])(Rs\.?|INR)\s?-?\d")]
    private static partial Regex RupeePattern();
}
