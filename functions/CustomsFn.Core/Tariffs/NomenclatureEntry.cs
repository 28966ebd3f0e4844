namespace CustomsFn.Core.Tariffs;

/// <summary>One code of the HS nomenclature (2, 4 or 6 digits) with its parent.</summary>
public sealed record NomenclatureEntry(string Code, string Parent, int Level, string Section, string Description);
