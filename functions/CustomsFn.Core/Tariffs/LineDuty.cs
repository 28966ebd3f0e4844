using System.Globalization;

namespace CustomsFn.Core.Tariffs;

/// <summary>The duty on one goods line: the tariff line used, the general rate and what it comes to, and any preference the origin may claim.</summary>
public sealed record LineDuty
{
    public required TariffLineMatch Match { get; init; }
    public TariffLine? Line { get; init; }
    /// <summary>The line that carries the rate (the line, or its 8-digit parent in the HTSUS).</summary>
    public TariffLine? RatedLine { get; init; }
    public DutyExpression? Rate { get; init; }
    public required DutyComputation Duty { get; init; }
    /// <summary>A lower rate the origin qualifies for under a preference programme listed on the line (claimable with proof of origin).</summary>
    public DutyExpression? PreferentialRate { get; init; }
    public PreferenceProgramme? Programme { get; init; }
    public DutyComputation? PreferentialDuty { get; init; }
    /// <summary>Why an additional duty may apply (HTSUS additional-duty column, column 2 origin, UK trade remedy), or null.</summary>
    public string? AdditionalDuty { get; init; }
    /// <summary>"column 2" when the origin is denied normal trade relations (US).</summary>
    public string? Column { get; init; }

    public string Reference(TariffPack pack) => RatedLine is { } l
        ? l.Reference ??= string.Create(CultureInfo.InvariantCulture, $"{pack.Id} ({pack.Provenance.Revision}) line {l.Index + 1}: {HsCode.Dotted(l.Code)}")
        : pack.Id;
}
