namespace CustomsFn.Core.Screening;

/// <summary>
/// One list entry that matches a party: the name or alias that matched, the score after country and type agreement,
/// the name similarity before it, whether it is a strong match (an identifier, or the exact full name with an agreeing
/// country; never a weak alias alone) and the reasons, in words.
/// </summary>
public sealed record ScreeningMatch(ScreeningEntry Entry, ListedName MatchedName, float Score, float NameSimilarity, bool IsStrong,
    string? MatchedIdentifier, IReadOnlyList<string> Reasons)
{
    public string Explain() => string.Join("; ", Reasons);
}
