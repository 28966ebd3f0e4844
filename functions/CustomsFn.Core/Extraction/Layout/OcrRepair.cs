using System.Globalization;

namespace CustomsFn.Core.Extraction.Layout;

/// <summary>
/// The single-error explanations that cross-checks (quantity x unit price = amount, lines adding up to the total) may use
/// to correct an OCR reading, and the letter-for-digit confusions of the recogniser. Each explanation is one error;
/// a reading that needs two is left alone.
/// </summary>
public static class OcrRepair
{
    /// <summary>
    /// How <paramref name="read"/> can be a misreading of <paramref name="pinned"/>, or <see cref="OcrMisread.None"/>.
    /// <paramref name="money"/>: the value is a price or an amount, written with two decimals even when whole.
    /// </summary>
    public static OcrMisread Explain(decimal read, decimal pinned, bool money = true)
    {
        if (read == pinned || read < 0 || pinned <= 0) return OcrMisread.None;
        if (LayoutFieldExtractor.OneDigitApart(read, pinned)) return OcrMisread.Digit;
        if (DecimalPointLost(read, pinned, money)) return OcrMisread.DecimalPoint;
        if (OneDigitMoreOrLess(read, pinned)) return OcrMisread.DigitCount;
        return OcrMisread.None;
    }

    /// <summary>
    /// True when <paramref name="read"/> is a whole number whose digits are those of <paramref name="pinned"/> written with
    /// one to four decimals ("861" and 8.61; "1550" and 15.50; for money also "1000" and 10.00): the recogniser dropped the
    /// decimal separator.
    /// </summary>
    public static bool DecimalPointLost(decimal read, decimal pinned, bool money = true)
    {
        if (Scale(read) != 0 || read != decimal.Truncate(read) || pinned <= 0) return false;
        var digits = Math.Abs(read).ToString(CultureInfo.InvariantCulture).TrimStart('0');
        // A whole value lost its point only as money is written, with two decimals ("1000" for "10,00"); a quantity "50"
        // is not "5.0".
        var whole = pinned == decimal.Truncate(pinned);
        if (whole && !money) return false;
        for (var s = whole ? 2 : 1; s <= (whole ? 2 : 4); s++)
        {
            if (Math.Round(pinned, s) != pinned) continue;
            var written = Math.Abs(pinned).ToString("F" + s, CultureInfo.InvariantCulture).Replace(".", "", StringComparison.Ordinal).TrimStart('0');
            if (written == digits) return true;
        }
        return false;
    }

    /// <summary>
    /// True when the two numbers, written with the same decimals, differ by one inserted or dropped digit and the shorter
    /// has at least three significant digits (a 10x error on "5" or "12" is too cheap to explain anything).
    /// </summary>
    public static bool OneDigitMoreOrLess(decimal read, decimal pinned)
    {
        var scale = Math.Max(Scale(read), Scale(pinned));
        var a = Math.Abs(read).ToString("F" + scale, CultureInfo.InvariantCulture).Replace(".", "", StringComparison.Ordinal).TrimStart('0');
        var b = Math.Abs(pinned).ToString("F" + scale, CultureInfo.InvariantCulture).Replace(".", "", StringComparison.Ordinal).TrimStart('0');
        if (Math.Abs(a.Length - b.Length) != 1) return false;
        var (longer, shorter) = a.Length > b.Length ? (a, b) : (b, a);
        if (shorter.Length < 3) return false;
        for (var i = 0; i < longer.Length; i++)
            if (string.Equals(longer.Remove(i, 1), shorter, StringComparison.Ordinal)) return true;
        return false;
    }

    // Letters and marks Tesseract returns for digits in Latin fonts (and the CJK models for Latin glyphs).
    private static readonly Dictionary<char, char> DigitLookalikes = new()
    {
        ['O'] = '0', ['o'] = '0', ['D'] = '0', ['Q'] = '0',
        ['I'] = '1', ['l'] = '1', ['|'] = '1', ['i'] = '1', ['!'] = '1', [']'] = '1',
        ['Z'] = '2', ['z'] = '2',
        ['A'] = '4',
        ['S'] = '5', ['s'] = '5',
        ['G'] = '6', ['b'] = '6',
        ['T'] = '7',
        ['B'] = '8',
        ['g'] = '9', ['q'] = '9',
    };

    /// <summary>
    /// The readings of a token with one letter taken for the digit it resembles ("Ast" -> "4st", "l2,50" -> "12,50"),
    /// each with the number it parses to. A token that already parses yields nothing.
    /// </summary>
    public static IEnumerable<(string Text, decimal Value)> DigitConfusions(string token, string? language)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (token.Length is 0 or > 16 || LocaleNumbers.Parse(token, language) is not null) yield break;
        for (var i = 0; i < token.Length; i++)
        {
            if (!DigitLookalikes.TryGetValue(token[i], out var digit)) continue;
            // The digit must touch the number: at the start, or beside a digit or separator.
            var touches = i == 0 || char.IsAsciiDigit(token[i - 1]) || token[i - 1] is '.' or ',' ||
                          i + 1 < token.Length && char.IsAsciiDigit(token[i + 1]);
            if (!touches) continue;
            var text = token[..i] + digit + token[(i + 1)..];
            // "4st": the number, then a unit glued to it.
            var lead = new string(text.TakeWhile(c => char.IsAsciiDigit(c) || c is '.' or ',').ToArray());
            if (lead.Length == 0 || !char.IsAsciiDigit(lead[0])) continue;
            var rest = text[lead.Length..];
            if (rest.Any(char.IsAsciiDigit)) continue;
            if (LocaleNumbers.Parse(lead, language) is { } v && v > 0) yield return (text, v);
        }
    }

    private static int Scale(decimal d) => (decimal.GetBits(d)[3] >> 16) & 0xFF;
}
