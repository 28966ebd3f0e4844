using System.Collections.Frozen;
using System.Text;

namespace CustomsFn.Core.Shipments;

/// <summary>
/// Similarity of short trade texts (goods descriptions, party names) that different documents write differently:
/// a token-set score (word overlap, order-free, tolerant of extra words) blended with a character-trigram Dice score
/// (tolerant of plurals, typos, OCR slips and joined words).
/// </summary>
public static class TextSimilarity
{
    private static readonly FrozenSet<string> StopWords = new[]
    {
        "a", "an", "and", "the", "of", "for", "with", "in", "on", "to", "by", "or", "x", "pcs", "pc", "piece", "pieces",
        "und", "mit", "fur", "der", "die", "das", "de", "du", "des", "la", "le", "les", "et", "en", "y", "el", "del",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Legal-form words that say nothing about which company it is.</summary>
    private static readonly FrozenSet<string> LegalForms = new[]
    {
        "gmbh", "ag", "kg", "co", "company", "inc", "incorporated", "corp", "corporation", "ltd", "limited", "llc", "plc", "llp",
        "sa", "cv", "sab", "sas", "sarl", "srl", "spa", "bv", "nv", "oy", "ab", "as", "aps", "kk", "pty", "pte", "sl", "mbh", "ug", "kgaa", "se",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>0..1: how alike two goods descriptions are.</summary>
    public static double Description(string? a, string? b) => Score(Profile(a, keepLegalForms: true), Profile(b, keepLegalForms: true));

    /// <summary>0..1: how alike two party names are, ignoring legal forms (GmbH, Inc., Ltd...) and punctuation.</summary>
    public static double PartyName(string? a, string? b) => Score(Profile(a, keepLegalForms: false), Profile(b, keepLegalForms: false));

    /// <summary>A text prepared once for many comparisons (the line matcher compares every line with every other).</summary>
    public sealed record TextProfile(HashSet<string> Tokens, Dictionary<string, int> Trigrams, int TrigramCount);

    public static TextProfile Profile(string? text, bool keepLegalForms = true)
    {
        var tokens = Tokens(text, keepLegalForms);
        var trigrams = Trigrams(string.Join(' ', tokens.Order(StringComparer.Ordinal)));
        return new TextProfile(tokens.ToHashSet(StringComparer.Ordinal), trigrams, trigrams.Values.Sum());
    }

    public static double Score(TextProfile a, TextProfile b)
    {
        if (a.Tokens.Count == 0 || b.Tokens.Count == 0) return 0;
        var common = a.Tokens.Count(b.Tokens.Contains);
        // Token-set: the share of the shorter description found in the longer one, damped by the share of all words.
        var overlap = (double)common / Math.Min(a.Tokens.Count, b.Tokens.Count);
        var jaccard = (double)common / (a.Tokens.Count + b.Tokens.Count - common);
        var tokenSet = 0.5 * overlap + 0.5 * jaccard;
        var shared = 0;
        foreach (var (g, n) in a.Trigrams)
        {
            if (b.Trigrams.TryGetValue(g, out var m)) shared += Math.Min(n, m);
        }
        var trigram = 2.0 * shared / (a.TrigramCount + b.TrigramCount);
        return Math.Round(Math.Max(tokenSet, 0.5 * tokenSet + 0.5 * trigram), 4);
    }

    internal static IReadOnlyList<string> Tokens(string? text, bool keepLegalForms)
    {
        if (string.IsNullOrWhiteSpace(text)) return [];
        var folded = Fold(text);
        var tokens = new List<string>();
        var sb = new StringBuilder();
        void Flush()
        {
            if (sb.Length == 0) return;
            var t = sb.ToString();
            sb.Clear();
            if (StopWords.Contains(t)) return;
            if (!keepLegalForms && LegalForms.Contains(t)) return;
            // Light stemming: plural "s" (bearings/bearing), never on short words or numbers.
            if (t.Length > 3 && t[^1] == 's' && t[^2] != 's' && char.IsAsciiLetter(t[^2])) t = t[..^1];
            tokens.Add(t);
        }
        foreach (var c in folded)
        {
            if (char.IsLetterOrDigit(c)) sb.Append(c);
            else Flush();
        }
        Flush();
        return tokens;
    }

    /// <summary>Lower case, common Latin diacritics and ß folded, so that "Kugellager" and "KUGELLAGER" or "Müller" and "Mueller" meet.</summary>
    private static string Fold(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var ch in text.ToLowerInvariant())
        {
            switch (ch)
            {
                case 'ä': sb.Append("ae"); break;
                case 'ö': sb.Append("oe"); break;
                case 'ü': sb.Append("ue"); break;
                case 'ß': sb.Append("ss"); break;
                case 'à' or 'á' or 'â' or 'ã' or 'å': sb.Append('a'); break;
                case 'ç': sb.Append('c'); break;
                case 'è' or 'é' or 'ê' or 'ë': sb.Append('e'); break;
                case 'ì' or 'í' or 'î' or 'ï': sb.Append('i'); break;
                case 'ñ': sb.Append('n'); break;
                case 'ò' or 'ó' or 'ô' or 'õ' or 'ø': sb.Append('o'); break;
                case 'ù' or 'ú' or 'û': sb.Append('u'); break;
                case '.' or '\'': break; // "Inc." and "O'Neil" keep their words whole
                default: sb.Append(ch); break;
            }
        }
        return sb.ToString();
    }

    private static Dictionary<string, int> Trigrams(string s)
    {
        var padded = $"  {s} ";
        var d = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i + 3 <= padded.Length; i++)
        {
            var g = padded.Substring(i, 3);
            d[g] = d.GetValueOrDefault(g) + 1;
        }
        return d;
    }
}
