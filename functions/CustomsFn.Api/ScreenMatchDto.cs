namespace CustomsFn.Api;

/// <summary>One match as the screening API returns it.</summary>
public sealed record ScreenMatchDto(string Verdict, string Rule, double Score, double NameSimilarity, string EntryId, string List, string Programme,
    string EntryType, string PrimaryName, string MatchedName, string MatchedNameKind, IReadOnlyList<string> Countries, IReadOnlyList<string> Reasons);
