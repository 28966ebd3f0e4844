using System.Text;

namespace CustomsFn.Core.Screening;

/// <summary>
/// Hangul to Latin for comparing a Korean name with Latin names (<see cref="NameNormalizer.Romanized"/>), as the sanctions lists spell them: McCune-Reischauer without its diacritics, in
/// the form the DPRK's own romanisation and the UN, UK and OFAC lists use (김정은 "Kim Jong Un", 최룡해 "Choe Ryong Hae",
/// 장성택 "Jang Song Thaek", 리병철 "Ri Pyong Chol"): plain stops k t p, j for ㅈ, aspirates kh th ph ch, ㅓ and ㅗ both o,
/// ㅡ and ㅜ both u. A syllable is decomposed arithmetically (U+AC00 + (initial x 21 + vowel) x 28 + final).
/// A name of two to four syllables is a person's name and is split into syllables (surname and given-name syllables, as the
/// lists write them); a longer run stays one word. The surname 이 is read "Lee", the South Korean spelling (리 stays "Ri").
/// </summary>
internal static class HangulRomanization
{
    private static readonly string[] Initials = ["k", "kk", "n", "t", "tt", "r", "m", "p", "pp", "s", "ss", "", "j", "jj", "ch", "kh", "th", "ph", "h"];

    private static readonly string[] Vowels =
        ["a", "ae", "ya", "yae", "o", "e", "yo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi", "yu", "u", "ui", "i"];

    private static readonly string[] Finals =
        ["", "k", "kk", "k", "n", "n", "n", "t", "l", "k", "m", "p", "l", "l", "p", "l", "m", "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t"];

    /// <summary>The longest run of syllables read as a person's name, one word per syllable.</summary>
    public const int MaxPersonSyllables = 4;

    public static bool IsSyllable(char c) => c is >= '\uAC00' and <= '\uD7A3';

    /// <summary>The Latin words of one run of Hangul syllables (other characters in the run are dropped).</summary>
    public static IReadOnlyList<string> Words(string run)
    {
        var syllables = new List<string>(run.Length);
        foreach (var c in run)
        {
            if (!IsSyllable(c)) continue;
            var s = c - 0xAC00;
            var latin = Initials[s / (21 * 28)] + Vowels[s / 28 % 21] + Finals[s % 28];
            syllables.Add(latin);
        }
        if (syllables.Count == 0) return [];
        if (syllables.Count > MaxPersonSyllables) return [string.Concat(syllables)];
        if (run[0] == '이') syllables[0] = "lee";
        return syllables;
    }

    /// <summary>The whole run as one Latin string with the syllables separated by spaces (for explanations and tests).</summary>
    public static string Latin(string run)
    {
        var sb = new StringBuilder();
        foreach (var w in Words(run)) sb.Append(sb.Length > 0 ? " " : "").Append(w);
        return sb.ToString();
    }
}
