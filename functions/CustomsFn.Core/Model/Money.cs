namespace CustomsFn.Core.Model;

/// <summary>An amount in a currency. Arithmetic refuses to mix currencies.</summary>
public readonly record struct Money(decimal Amount, CurrencyCode Currency)
{
    public static Money operator +(Money a, Money b)
    {
        SameCurrency(a, b);
        return new Money(a.Amount + b.Amount, a.Currency);
    }

    public static Money operator -(Money a, Money b)
    {
        SameCurrency(a, b);
        return new Money(a.Amount - b.Amount, a.Currency);
    }

    public static Money operator *(Money a, decimal factor) => new(a.Amount * factor, a.Currency);

    public static Money Add(Money a, Money b) => a + b;
    public static Money Subtract(Money a, Money b) => a - b;
    public static Money Multiply(Money a, decimal factor) => a * factor;

    /// <summary>Rounds half away from zero to the currency's minor unit, as invoices and customs do.</summary>
    public Money Rounded() => new(Math.Round(Amount, Currency.MinorUnits, MidpointRounding.AwayFromZero), Currency);

    private static void SameCurrency(Money a, Money b)
    {
        if (a.Currency != b.Currency)
            throw new InvalidOperationException($"Cannot combine {a.Currency} with {b.Currency} without an exchange rate.");
    }

    public override string ToString() => $"{Amount.ToString(System.Globalization.CultureInfo.InvariantCulture)} {Currency}";
}
