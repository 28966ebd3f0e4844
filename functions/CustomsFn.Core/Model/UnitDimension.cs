namespace CustomsFn.Core.Model;

/// <summary>What a unit measures; duties are specified per mass, volume, count and so on.</summary>
public enum UnitDimension
{
    Count,
    Mass,
    Volume,
    Length,
    Area,
    Energy,
    Time,
    Other,
}
