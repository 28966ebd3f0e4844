namespace CustomsFn.Core.Tariffs;

/// <summary>A dated low-value threshold below which a destination does not collect customs duty.</summary>
public sealed record DeMinimis(string Destination, decimal Threshold, string Currency, DateOnly From, DateOnly? Until, IReadOnlyList<string> ExcludedOrigins, DateOnly? ExclusionFrom, string Source)
{
    public bool AppliesOn(DateOnly date) => date >= From && (Until is null || date <= Until);
}
