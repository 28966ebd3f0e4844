namespace CustomsFn.Core.Model;

/// <summary>
/// A Harmonized System commodity code: 6 digits (HS subheading) extended nationally to 8 (CN, HTS 8) or 10 digits
/// (TARIC, HTS statistical suffix). Dots and spaces written on documents ("8471.30.01") are removed.
/// </summary>
public readonly record struct HsCode
{
    private HsCode(string digits) => Digits = digits;

    public string Digits { get; }

    public string Chapter => Digits[..2];
    public string Heading => Digits[..4];
    public string Subheading => Digits[..6];
    public int Length => Digits.Length;

    public static HsCode Parse(string text) =>
        TryParse(text, out var code, out var error) ? code : throw new FormatException(error);

    public static bool TryParse(string? text, out HsCode code) => TryParse(text, out code, out _);

    public static bool TryParse(string? text, out HsCode code, out string error)
    {
        code = default;
        if (string.IsNullOrWhiteSpace(text)) { error = "HS code is empty."; return false; }
        Span<char> buf = stackalloc char[16];
        var n = 0;
        foreach (var c in text)
        {
            if (c is '.' or ' ' or '-') continue;
            if (c is < '0' or > '9') { error = $"HS code '{text}' contains '{c}'; only digits (and dots or spaces as separators) are allowed."; return false; }
            if (n == buf.Length) { error = $"HS code '{text}' has more than 10 digits."; return false; }
            buf[n++] = c;
        }
        if (n is < 6 or > 10) { error = $"HS code '{text}' has {n} digits; a commodity code has 6 to 10."; return false; }
        if (n % 2 == 1) { error = $"HS code '{text}' has an odd number of digits ({n}); HS, CN and HTS codes have 6, 8 or 10."; return false; }
        if (buf[0] == '0' && buf[1] == '0') { error = $"HS code '{text}' starts with chapter 00, which does not exist."; return false; }
        code = new HsCode(new string(buf[..n]));
        error = string.Empty;
        return true;
    }

    /// <summary>Formats as the HS convention: 8471.30 / 8471.30.01 / 8471.30.01.00.</summary>
    public string ToDottedString() => Dotted(Digits);

    /// <summary>
    /// The HS convention for a string of code digits (a tariff line's code, a subheading): 8471.30 / 8471.30.01 /
    /// 8471.30.01.00; digits of another length as they are.
    /// </summary>
    public static string Dotted(string digits)
    {
        ArgumentNullException.ThrowIfNull(digits);
        return digits.Length switch
        {
            >= 10 => $"{digits[..4]}.{digits[4..6]}.{digits[6..8]}.{digits[8..]}",
            8 => $"{digits[..4]}.{digits[4..6]}.{digits[6..8]}",
            6 => $"{digits[..4]}.{digits[4..6]}",
            _ => digits,
        };
    }

    public override string ToString() => Digits ?? string.Empty;
}
