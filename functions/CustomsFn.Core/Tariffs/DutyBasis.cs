namespace CustomsFn.Core.Tariffs;

/// <summary>The goods a duty is computed on: customs value in a currency and quantities in base units per dimension (kg, l, pieces, m, m2).</summary>
public sealed class DutyBasis
{
    public DutyBasis(decimal value, string currency, DateOnly date)
    {
        Value = value; Currency = currency; Date = date;
    }

    public decimal Value { get; }
    public string Currency { get; }
    public DateOnly Date { get; }
    // One slot per UnitDimension inside the object, and a bit per known slot (a dictionary per goods line cost more than the duty itself).
    private QuantitySlots _quantities;
    private int _known;

    public DutyBasis With(UnitDimension dimension, decimal quantityInBaseUnits)
    {
        _quantities[(int)dimension] = quantityInBaseUnits;
        _known |= 1 << (int)dimension;
        return this;
    }

    [System.Runtime.CompilerServices.InlineArray((int)UnitDimension.Other + 1)]
    private struct QuantitySlots
    {
        private decimal _first;
    }

    /// <summary>Sets the quantity unless one is already known for the dimension.</summary>
    public DutyBasis WithDefault(UnitDimension dimension, decimal quantityInBaseUnits) =>
        TryGetQuantity(dimension, out _) ? this : With(dimension, quantityInBaseUnits);

    public bool TryGetQuantity(UnitDimension dimension, out decimal quantityInBaseUnits)
    {
        var known = (_known & (1 << (int)dimension)) != 0;
        quantityInBaseUnits = known ? _quantities[(int)dimension] : 0;
        return known;
    }
}
