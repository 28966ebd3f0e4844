namespace CustomsFn.Core.Tariffs;

/// <summary>Goods that need a licence or permit check, by HS chapter, heading or subheading prefix.</summary>
public sealed record RestrictedGoods(string Prefix, string Category, string Source);
