using System.Globalization;

namespace CustomsFn.Core.Tariffs;

/// <summary>One term of a duty: either a percentage, or an amount of money per quantity of a unit.</summary>
public sealed record DutyTerm(decimal? Percent, decimal Amount, string? Currency, decimal Per, string? Unit, UnitDimension Dimension, decimal UnitFactor)
{
    public bool IsAdValorem => Percent is not null;

    public override string ToString() => Percent is { } p
        ? p.ToString("0.####", CultureInfo.InvariantCulture) + "%"
        : string.Create(CultureInfo.InvariantCulture, $"{Amount:0.####} {Currency}/{(Per != 1 ? Per.ToString("0.####", CultureInfo.InvariantCulture) + " " : "")}{Unit}");
}
