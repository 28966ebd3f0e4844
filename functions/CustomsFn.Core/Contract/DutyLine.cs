using Newtonsoft.Json;

namespace CustomsFn.Core.Contract;

/// <summary>A duty estimate for one goods line.</summary>
public sealed record DutyLine
{
    public required int Line { get; init; }
    [JsonProperty(NullValueHandling = NullValueHandling.Ignore)] public string? HsCode { get; init; }
    public required decimal CustomsValue { get; init; }
    [JsonProperty(NullValueHandling = NullValueHandling.Ignore)] public string? Rate { get; init; }
    [JsonProperty(NullValueHandling = NullValueHandling.Ignore)] public decimal? Duty { get; init; }
    [JsonProperty(NullValueHandling = NullValueHandling.Ignore)] public decimal? Vat { get; init; }
    [JsonProperty(NullValueHandling = NullValueHandling.Ignore)] public string? PreferentialRate { get; init; }
    [JsonProperty(NullValueHandling = NullValueHandling.Ignore)] public string? Note { get; init; }
    [JsonProperty(NullValueHandling = NullValueHandling.Ignore)] public string? Reference { get; init; }
}
