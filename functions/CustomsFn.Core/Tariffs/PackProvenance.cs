namespace CustomsFn.Core.Tariffs;

/// <summary>Where a pack's data came from and when it applies: recorded in every pack and cited in findings.</summary>
public sealed record PackProvenance(string Id, string Title, string Kind, IReadOnlyList<string> Countries, string Source, string Licence,
    string Revision, DateOnly EffectiveFrom, DateOnly? EffectiveUntil, string SourceSha256)
{
    public bool AppliesOn(DateOnly date) => date >= EffectiveFrom && (EffectiveUntil is null || date <= EffectiveUntil);
}
