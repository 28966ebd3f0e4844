using System.Collections.Frozen;

namespace CustomsFn.Core.Tariffs;

/// <summary>An origin-based US preference programme: the countries whose goods qualify and the dates it was in force.</summary>
public sealed record PreferenceProgramme(string Code, string Name, FrozenSet<string> Countries, DateOnly? From, DateOnly? Until, string Source)
{
    public bool Qualifies(string origin, DateOnly date) =>
        Countries.Contains(origin) && (From is null || date >= From) && (Until is null || date <= Until);
}
