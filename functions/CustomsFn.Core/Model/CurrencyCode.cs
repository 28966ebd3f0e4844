namespace CustomsFn.Core.Model;

/// <summary>An active ISO 4217 alphabetic currency code, with its number of minor units.</summary>
public readonly record struct CurrencyCode
{
    private CurrencyCode(string value) => Value = value;

    public string Value { get; }

    /// <summary>Decimal places of the currency's minor unit (2 for EUR, 0 for JPY, 3 for KWD).</summary>
    public int MinorUnits => IsoCurrencies.MinorUnits[Value];

    public static CurrencyCode Parse(string text) =>
        TryParse(text, out var code) ? code : throw new FormatException($"'{text}' is not an active ISO 4217 currency code.");

    public static bool TryParse(string? text, out CurrencyCode code)
    {
        code = default;
        if (text is null) return false;
        var t = text.Trim().ToUpperInvariant();
        if (t.Length != 3 || !IsoCurrencies.MinorUnits.ContainsKey(t)) return false;
        code = new CurrencyCode(t);
        return true;
    }

    public static bool IsValid(string? text) => TryParse(text, out _);

    public override string ToString() => Value ?? string.Empty;
}
