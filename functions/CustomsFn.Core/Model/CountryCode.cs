namespace CustomsFn.Core.Model;

/// <summary>An ISO 3166-1 alpha-2 country code that is assigned (or exceptionally reserved and used in trade, such as XK), or a
/// code of HMRC's CDS country list (XI Northern Ireland, XU Great Britain, XC, XL, QP/QQ/QS/QU/QW/QX).</summary>
public readonly record struct CountryCode
{
    private CountryCode(string value) => Value = value;

    public string Value { get; }

    public string Name => IsoCountries.Names.TryGetValue(Value, out var n) ? n : IsoCountries.HmrcCodes[Value];

    public static CountryCode Parse(string text) =>
        TryParse(text, out var code) ? code : throw new FormatException($"'{text}' is not an ISO 3166-1 alpha-2 country code.");

    public static bool TryParse(string? text, out CountryCode code)
    {
        code = default;
        if (text is null) return false;
        var t = text.Trim().ToUpperInvariant();
        if (t.Length != 2 || !(IsoCountries.Names.ContainsKey(t) || IsoCountries.HmrcCodes.ContainsKey(t))) return false;
        code = new CountryCode(t);
        return true;
    }

    public static bool IsValid(string? text) => TryParse(text, out _);

    public override string ToString() => Value ?? string.Empty;
}
