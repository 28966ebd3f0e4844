using Newtonsoft.Json;

namespace CustomsFn.Core.Contract;

/// <summary>The estimated duty and import taxes at the destination.</summary>
public sealed record DutyEstimate
{
    public required string Destination { get; init; }
    /// <summary>Valuation basis: FOB (US transaction value) or CIF (UK, EU).</summary>
    public required string Basis { get; init; }
    public required decimal CustomsValue { get; init; }
    public required string Currency { get; init; }
    public IReadOnlyList<DutyLine> Lines { get; init; } = [];
    public required decimal TotalDuty { get; init; }
    [JsonProperty(NullValueHandling = NullValueHandling.Ignore)] public decimal? TotalVat { get; init; }
}
