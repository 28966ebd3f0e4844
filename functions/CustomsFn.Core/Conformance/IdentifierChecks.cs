using System.Collections.Concurrent;
using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;

namespace CustomsFn.Core.Conformance;

/// <summary>
/// The checks the CIUS rule sets need that XPath 1.0 cannot write: regular expressions (<c>f:matches</c>, XPath 2.0
/// <c>matches</c> with .NET syntax), identifier check digits (<c>f:check(kind, value)</c>: GLN, Norwegian organisation number,
/// Belgian enterprise number, Swedish organisation number, Australian ABN, Italian Partita IVA and Codice Fiscale, IBAN) and
/// the XRechnung skonto lines in payment terms (<c>f:skonto</c>, BR-DE-18). Each follows the algorithm of the rule set that
/// uses it (Peppol BIS 3 / KoSIT XRechnung Schematron functions u:gln, u:mod11, u:mod97-0208, u:checkSEOrgnr, u:abn, u:checkPIVAseIT,
/// u:checkCF and the BR-DE-19/20 IBAN test).
/// </summary>
internal static class IdentifierChecks
{
    private static readonly ConcurrentDictionary<string, Regex> Patterns = new(StringComparer.Ordinal);

    /// <summary>XPath 2.0 <c>matches</c> (unanchored search); the pattern is compiled once and cached.</summary>
    public static bool Matches(string value, string pattern) =>
        Patterns.GetOrAdd(pattern, p => new Regex(p, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1))).IsMatch(value);

    public static bool Check(string kind, string value)
    {
        var v = NormalizeSpace(value);
        return kind switch
        {
            "gln" => v.Length > 1 && v.All(char.IsAsciiDigit) && Gln(v),
            "no-org" => v.Length == 9 && v.All(char.IsAsciiDigit) && Mod11(v),
            "be-ent" => v.Length == 10 && v.All(char.IsAsciiDigit) && 97 - (long.Parse(v[..8], CultureInfo.InvariantCulture) % 97) == long.Parse(v[8..], CultureInfo.InvariantCulture),
            "se-org" => v.Length == 10 && v.All(char.IsAsciiDigit) && SeOrg(v),
            "abn" => v.Length == 11 && v.All(char.IsAsciiDigit) && Abn(v),
            "it-piva" => !v.StartsWith("IT", StringComparison.OrdinalIgnoreCase) || (v.Length == 13 && v[2..].All(char.IsAsciiDigit) && Piva(v[2..])),
            "it-cf" => (v.Length == 11 && v.All(char.IsAsciiDigit)) || (v.Length == 16 && Matches(v, "^[A-Za-z]{6}[0-9]{2}[A-Za-z][0-9]{2}...[0-9][A-Za-z]$")),
            "iban" => Iban(value),
            _ => throw new ArgumentException($"Unknown identifier check '{kind}'.", nameof(kind)),
        };
    }

    private static string NormalizeSpace(string s) => string.Join(' ', s.Split([' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries));

    /// <summary>GS1 check digit: weights 3,1,3,... from the right of the payload.</summary>
    private static bool Gln(string v)
    {
        var sum = 0;
        for (int i = v.Length - 2, w = 3; i >= 0; i--, w = 4 - w) sum += (v[i] - '0') * w;
        return (10 - sum % 10) % 10 == v[^1] - '0';
    }

    /// <summary>Peppol u:mod11: weights 2..7 repeating from the right of the payload, check = (11 - sum mod 11) mod 11, value above zero.</summary>
    private static bool Mod11(string v)
    {
        var sum = 0;
        for (var i = 0; i < v.Length - 1; i++) sum += (v[v.Length - 2 - i] - '0') * (i % 6 + 2);
        return long.Parse(v, CultureInfo.InvariantCulture) > 0 && (11 - sum % 11) % 11 == v[^1] - '0';
    }

    /// <summary>Luhn over the first nine digits (Swedish organisation number).</summary>
    private static bool SeOrg(string v)
    {
        var sum = 0;
        for (var pos = 1; pos <= 9; pos++)
        {
            var d = v[9 - pos] - '0';
            sum += pos % 2 == 1 ? d * 2 % 10 + d * 2 / 10 : d;
        }
        return (10 - sum % 10) % 10 == v[9] - '0';
    }

    private static bool Abn(string v)
    {
        int[] weights = [10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19];
        var sum = (v[0] - '1') * weights[0];
        for (var i = 1; i < 11; i++) sum += (v[i] - '0') * weights[i];
        return sum % 89 == 0;
    }

    /// <summary>Partita IVA: digits at odd positions as is, at even positions doubled (digit sum), total divisible by 10.</summary>
    private static bool Piva(string v)
    {
        var sum = 0;
        for (var i = 0; i < v.Length; i++) sum += i % 2 == 0 ? v[i] - '0' : "0246813579"[v[i] - '0'] - '0';
        return sum % 10 == 0;
    }

    /// <summary>BR-DE-19/20: whitespace removed, ^[A-Z]{2}[0-9]{2}[a-zA-Z0-9]{0,30}$, and ISO 13616 mod 97 = 1 (letters as 10..35).</summary>
    private static bool Iban(string value)
    {
        var v = new string(value.Where(c => !char.IsWhiteSpace(c)).ToArray());
        if (!Matches(v, "^[A-Z]{2}[0-9]{2}[a-zA-Z0-9]{0,30}$")) return false;
        var digits = new System.Text.StringBuilder();
        foreach (var c in v[4..] + v[..4]) digits.Append(c > 64 ? (char.ToUpperInvariant(c) - 55).ToString(CultureInfo.InvariantCulture) : c.ToString());
        return BigInteger.Parse(digits.ToString(), CultureInfo.InvariantCulture) % 97 == 1;
    }

    private const string SkontoLine = @"#(SKONTO|VERZUG)#TAGE=([0-9]+#PROZENT=[0-9]+\.[0-9]{2})(#BASISBETRAG=-?[0-9]+\.[0-9]{2})?#$";

    /// <summary>
    /// BR-DE-18: every line of the payment terms that starts with '#' is a skonto line
    /// (<c>#SKONTO#TAGE=n#PROZENT=n.nn[#BASISBETRAG=n.nn]#</c>, KoSIT 3.0.2 also accepts VERZUG), and a line break follows the last one.
    /// </summary>
    public static bool SkontoLinesValid(string text)
    {
        var any = false;
        foreach (var line in text.Split('\n'))
        {
            var n = NormalizeSpace(line.TrimEnd('\r'));
            if (!n.StartsWith('#')) continue;
            any = true;
            if (!Matches(n, SkontoLine)) return false;
        }
        if (!any) return true;
        // The text after the last "#...#" (on one line) must start with optional whitespace and a line break.
        var last = Regex.Matches(text, "#.+#", RegexOptions.None, TimeSpan.FromSeconds(1));
        var rest = last.Count == 0 ? text : text[(last[^1].Index + last[^1].Length)..];
        return Regex.IsMatch(rest, @"^\s*\n", RegexOptions.None, TimeSpan.FromSeconds(1));
    }
}
