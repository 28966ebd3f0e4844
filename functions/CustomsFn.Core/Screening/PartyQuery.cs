namespace CustomsFn.Core.Screening;

/// <summary>
/// A party to screen: its name, and where known its country (ISO alpha-2), type, identifiers (tax id, EORI, registration,
/// IMO) and address as the document writes it.
/// </summary>
public sealed record PartyQuery(string Name, string? Country = null, PartyType Type = PartyType.Unknown, IReadOnlyList<string>? Identifiers = null,
    string? Address = null);
