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
        foreach (Match m in NamePattern().Matches(line))
        {
            var code = WordCode(m.Groups["name"].Value.ToLowerInvariant());
            // "Canadian dollars", "Hong Kong dollar": the code or sign decides, not the word.
            if (code == "USD" && OtherDollarPattern().IsMatch(line)) continue;
            if (code is not null) counts[code] = counts.GetValueOrDefault(code) + 1;
        }
        foreach (var (name, code) in CjkNames)
            if (line.Contains(name, StringComparison.Ordinal)) counts[code] = counts.GetValueOrDefault(code) + 1;
    }

    private static readonly (string Name, string Code)[] CjkNames = [("人民币", "CNY"), ("人民幣", "CNY"), ("日本円", "JPY"), ("美元", "USD"), ("欧元", "EUR"), ("ユーロ", "EUR"), ("米ドル", "USD"), ("英镑", "GBP")];

    private static string? WordCode(string name) => name switch
    {
        "euro" or "euros" or "eur." => "EUR",
        "dollar" or "dollars" or "us-dollar" or "us dollar" or "us dollars" or "dólares" or "dolares" or "dólar" or "dolar" or "dollari" or "dollaro" => "USD",
        "pound sterling" or "pounds sterling" or "sterling" or "livres sterling" or "sterline" or "libras esterlinas" or "britische pfund" => "GBP",
        "yen" => "JPY",
        "yuan" or "renminbi" => "CNY",
        "franken" or "swiss francs" or "francs suisses" or "franchi svizzeri" => "CHF",
        _ => null,
    };

    [GeneratedRegex(@"(?:(?<=\d[\d.,' ]{0,3})|(?<=(?:\b(?:in|en|em|op|im)\s|\(|/)))\s*(?<name>euros?|eur\.|us[- ]dollars?|dollars?|d[oó]lar(?:es)?|dollar[io]|pounds? sterling|livres sterling|libras esterlinas|britische pfund|sterline|sterling|yen|yuan|renminbi|franken|swiss francs|francs suisses|franchi svizzeri)\b|\b(?<name>euros?|us[- ]dollars?|dollars?|d[oó]lar(?:es)?|yen|yuan|renminbi)(?=\s*:?\s*\d)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"canad|austral|hong ?kong|singapor|new zealand|taiwan|jamaica|namibia|hk\$|s\$|a\$|c\$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OtherDollarPattern();

    [GeneratedRegex(@"(?<![A-Za-z])[A-Z]{3}(?![A-Za-z])")]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"(?<![A-Za-z])(Rs\.?|INR)\s?-?\d")]
    private static partial Regex RupeePattern();
}
