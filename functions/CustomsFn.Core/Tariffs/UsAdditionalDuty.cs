namespace CustomsFn.Core.Tariffs;

/// <summary>
/// One chapter 99 additional duty of the HTSUS on a code prefix: the programme (Section 301 or 232), the chapter 99 heading
/// (its legal reference), the rate as the heading writes it, the origins it applies to and the date it applies from.
/// </summary>
public sealed record UsAdditionalDuty(string Programme, string Prefix, string Heading, string Rate, string Origins, DateOnly From, string Basis)
{
    /// <summary>The ad valorem percentage added to the duty, or null when the rate is on a metal content the document does not give.</summary>
    public decimal? Percent => ContentBased ? null : UsAdditionalDuties.AddedPercent(Rate);

    /// <summary>The duty is on the value of the steel, aluminium or copper content, not on the customs value.</summary>
    public bool ContentBased => Rate.Contains("content", StringComparison.OrdinalIgnoreCase);

    /// <summary>True when the duty applies to goods of <paramref name="origin"/> entered on <paramref name="date"/>.</summary>
    public bool AppliesTo(string? origin, DateOnly date) => date >= From && (Origins == "*" || (origin is not null && Origins == origin));
}
