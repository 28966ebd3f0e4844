namespace CustomsFn.Core.Screening;

/// <summary>One name of a list entry as the list writes it, with how the list gives it.</summary>
public sealed record ListedName(string Text, NameKind Kind);
