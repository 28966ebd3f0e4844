namespace CustomsFn.Core.Screening;

/// <summary>One designation on one list: names and aliases, countries (ISO alpha-2), identifiers, addresses.</summary>
public sealed record ScreeningEntry(string Id, string List, string Programme, PartyType Type, IReadOnlyList<ListedName> Names,
    IReadOnlyList<string> Countries, IReadOnlyList<ListedIdentifier> Identifiers, IReadOnlyList<string> Addresses)
{
    public string PrimaryName => Names.Count > 0 ? Names[0].Text : Id;
}
