namespace CustomsFn.Core.Screening;

/// <summary>An identifier a list gives for an entry: its type as the list names it (passport, tax id, IMO, registration) and the value.</summary>
public sealed record ListedIdentifier(string Type, string Value);
