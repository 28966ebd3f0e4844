namespace CustomsFn.Core.Rules;

/// <summary>
/// The match a SANC-001 / SANC-002 finding reports, read back from the finding (<see cref="SanctionsScreeningRule.Read"/>):
/// the party field, the verdict, the entry, the name or alias that matched and the score (two decimals, as written).
/// </summary>
public sealed record ReportedMatch(string Field, bool IsStrong, string EntryId, string List, string Programme, string PrimaryName,
    string? MatchedName, string? MatchedNameKind, double Score);
