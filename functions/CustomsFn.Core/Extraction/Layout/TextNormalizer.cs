using System.Globalization;
using System.Text;

namespace CustomsFn.Core.Extraction.Layout;

/// <summary>Text folding for matching labels: full-width to ASCII (NFKC), lower case, accents removed, spaces collapsed.</summary>
public static class TextNormalizer
{
    /// <summary>NFKC (full-width digits and letters become ASCII) and collapsed white space; case and accents kept.</summary>
    public static string Compatibility(string text)
    {
        // Mapped by hand: the app runs with invariant globalization, where string.Normalize does not fold these.
        var sb = new StringBuilder(text.Length);
        var s = text;
        var space = false;
        foreach (var c in s)
        {
            if (char.IsWhiteSpace(c)) { space = sb.Length > 0; continue; }
            if (space) { sb.Append(' '); space = false; }
            sb.Append(Narrow(c));
        }
        return sb.ToString();
    }

    /// <summary>Full-width ASCII forms (Ｎｏ．１２３, （）：) to ASCII; other characters unchanged.</summary>
    public static char Narrow(char c) => c switch
    {
        >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
        '\u3000' or '\u00A0' or '\u2009' or '\u202F' => ' ',
        '\uFFE5' => '¥',
        '\u2212' => '-',
        _ => c,
    };

    private const string Accented = "àáâãäåāăąçćčďèéêëēėęěìíîïīįłñńňòóôõöøōőŕřśšşţťùúûüūůűųýÿźżž";
    private const string Plain = "aaaaaaaaacccdeeeeeeeeiiiiiilnnnoooooooorrsssttuuuuuuuuyyzzz";

    private static char StripAccent(char c)
    {
        var i = Accented.IndexOf(c, StringComparison.Ordinal);
        return i >= 0 ? Plain[i] : c;
    }

    /// <summary>The key used to compare labels: compatibility form, lower case, no accents, no trailing colon or dots.</summary>
    public static string Fold(string text)
    {
        var s = Compatibility(text).ToLowerInvariant();
        var sb = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            sb.Append(c switch { 'ß' => 's', 'æ' => 'a', 'œ' => 'o', '’' or '‘' => '\'', '–' or '—' => '-', 'º' => 'o', _ => StripAccent(c) });
        }
        var r = sb.ToString().Replace("ss", "s", StringComparison.Ordinal);
        return JoinCjk(r).Trim().TrimEnd(':', '.', '#', ' ', '：');
    }

    /// <summary>Drops the spaces between two CJK characters: they carry no meaning ("原 产 国" as OCR spaced it is "原产国").</summary>
    public static string JoinCjk(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Contains(' ', StringComparison.Ordinal) || !text.Any(IsCjk)) return text;
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == ' ' && sb.Length > 0 && IsCjk(sb[^1]))
            {
                var j = i;
                while (j < text.Length && text[j] == ' ') j++;
                if (j < text.Length && IsCjk(text[j])) { i = j - 1; continue; }
            }
            sb.Append(text[i]);
        }
        return sb.ToString();
    }

    public static bool IsCjk(char c) =>
        c is (>= '\u3040' and <= '\u30FF') or (>= '\u3400' and <= '\u4DBF') or (>= '\u4E00' and <= '\u9FFF') or (>= '\uF900' and <= '\uFAFF') or (>= '\u3000' and <= '\u303F') or (>= '\uFF00' and <= '\uFFEF');

    /// <summary>Joins two pieces of text as they would be read: no space between CJK characters, one space otherwise.</summary>
    public static string Join(string left, string right)
    {
        if (left.Length == 0) return right;
        if (right.Length == 0) return left;
        return IsCjk(left[^1]) && IsCjk(right[0]) ? left + right : left + " " + right;
    }

    /// <summary>Edit distance with an early exit above <paramref name="max"/>.</summary>
    public static int Distance(string a, string b, int max)
    {
        if (Math.Abs(a.Length - b.Length) > max) return max + 1;
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) prev[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            var rowMin = cur[0];
            for (var j = 1; j <= b.Length; j++)
            {
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
                rowMin = Math.Min(rowMin, cur[j]);
            }
            if (rowMin > max) return max + 1;
            (prev, cur) = (cur, prev);
        }
        return prev[b.Length];
    }
}
