using Newtonsoft.Json;

namespace CustomsFn.Core.Shipments;

/// <summary>One reconciliation outcome: rule, severity, the message naming both documents, and the evidence in each.</summary>
public sealed record ShipmentFinding
{
    public required string Rule { get; init; }
    public required Severity Severity { get; init; }
    public required string Message { get; init; }
    [JsonProperty(NullValueHandling = NullValueHandling.Ignore)] public string? Reference { get; init; }
    public required IReadOnlyList<ShipmentEvidence> Evidence { get; init; }
}
