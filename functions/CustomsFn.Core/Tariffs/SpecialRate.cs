namespace CustomsFn.Core.Tariffs;

/// <summary>One group of the HTSUS "Special" column: a rate and the programme codes it applies to ("Free (A+,AU,BH)").</summary>
public sealed record SpecialRate(DutyExpression Rate, IReadOnlyList<string> Programmes);
