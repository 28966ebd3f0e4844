using System.Text.RegularExpressions;

namespace CustomsFn.Core.Extraction.Layout;

/// <summary>
/// The document currency from ISO codes, signs and names printed on it: € EUR, £ GBP, ₹/Rs INR, zł PLN, $ USD (unless a
/// more specific dollar is written), ¥ resolved to JPY or CNY from the language and from 円/元/RMB, and names written out
/// next to an amount or as a column's unit (EURO, Euro, euros, Dollar, Yen, 人民币, 日本円).
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
        foreach (var (name, code) in FoldedNames) if (folded.Contains(name, StringComparison.Ordinal)) counts[code] = counts.GetValueOrDefault(code) + 1;
        return counts.Count == 0 ? null : counts.OrderByDescending(kv => kv.Value).First().Key;
    }

    /// <summary>
    /// Currency names written out, in the languages read (EN, DE, FR, ES, IT, NL, PT; Chinese and Japanese names): the one
    /// table behind <see cref="FromValue"/> (a short value naming a currency) and the votes of <see cref="Detect"/>.
    /// </summary>
    private static readonly (string Name, string Code)[] Names =
    [
        ("euro", "EUR"), ("euros", "EUR"), ("欧元", "EUR"), ("ユーロ", "EUR"),
        ("us dollar", "USD"), ("us dollars", "USD"), ("us-dollar", "USD"), ("u.s. dollar", "USD"), ("dollar", "USD"), ("dollars", "USD"),
        ("dólar", "USD"), ("dólares", "USD"), ("dolar", "USD"), ("dolares", "USD"), ("dollaro", "USD"), ("dollari", "USD"), ("美元", "USD"), ("米ドル", "USD"),
        ("pound sterling", "GBP"), ("pounds sterling", "GBP"), ("sterling", "GBP"), ("livres sterling", "GBP"), ("libras esterlinas", "GBP"),
        ("sterline", "GBP"), ("britische pfund", "GBP"), ("英镑", "GBP"),
        ("yen", "JPY"), ("日本円", "JPY"),
        ("renminbi", "CNY"), ("yuan", "CNY"), ("人民币", "CNY"), ("人民幣", "CNY"),
        ("rupee", "INR"), ("zloty", "PLN"),
        ("franken", "CHF"), ("swiss franc", "CHF"), ("swiss francs", "CHF"), ("francs suisses", "CHF"), ("franchi svizzeri", "CHF"),
    ];

    private static readonly (string Folded, string Code)[] FoldedNames =
        Names.Select(n => (TextNormalizer.Fold(n.Name), n.Code)).DistinctBy(n => n.Item1).ToArray();

    private static string? CodeOfName(string name) =>
        FoldedNames.FirstOrDefault(n => n.Folded == TextNormalizer.Fold(name)).Code;

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
            CountWords(line, counts);
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

    /// <summary>
    /// Currency names written out, in the languages read (EN, DE, FR, ES, IT, NL, PT; Chinese and Japanese names):
    /// counted only next to an amount ("1.250,00 EURO", "Euro 30") or as a column or total unit ("in Euro", "(euros)",
    /// "en euros"), so that a company called "Euro Logistics" does not vote.
    /// </summary>
    private static void CountWords(string line, Dictionary<string, int> counts)
    {
        if (!line.Any(char.IsLetter)) return;
        foreach (Match m in NamePattern.Matches(line))
        {
            var code = CodeOfName(m.Groups["name"].Value);
            // "Canadian dollars", "Hong Kong dollar": the code or sign decides, not the word.
            if (code == "USD" && OtherDollarPattern().IsMatch(line)) continue;
            if (code is not null) counts[code] = counts.GetValueOrDefault(code) + 1;
        }
        foreach (var (name, code) in Names.Where(n => !IsLatin(n.Name)))
            if (line.Contains(name, StringComparison.Ordinal)) counts[code] = counts.GetValueOrDefault(code) + 1;
    }

    private static bool IsLatin(string name) => name.All(c => c < '\u0250');

    /// <summary>A Latin currency name next to an amount ("1.250,00 EURO", "Euro 30") or as a unit ("in Euro", "(euros)").</summary>
    private static readonly Regex NamePattern = BuildNamePattern();

    private static Regex BuildNamePattern()
    {
        var names = string.Join("|", Names.Select(n => n.Name).Where(IsLatin).OrderByDescending(n => n.Length).Select(Regex.Escape));
        return new Regex($@"(?:(?<=\d[\d.,' ]{{0,3}})|(?<=(?:\b(?:in|en|em|op|im)\s|\(|/)))\s*(?<name>{names})\b|\b(?<name>{names})(?=\s*:?\s*\d)",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);
    }

    [GeneratedRegex(@"canad|austral|hong ?kong|singapor|new zealand|taiwan|jamaica|namibia|hk\$|s\$|a\$|c\$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OtherDollarPattern();

    [GeneratedRegex(@"(?<![A-Za-z])[A-Z]{3}(?![A-Za-z])")]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"(?<![A-Za-z])(Rs\.?|INR)\s?-?\d")]
    private static partial Regex RupeePattern();
}
