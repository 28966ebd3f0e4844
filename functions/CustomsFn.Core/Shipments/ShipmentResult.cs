using Newtonsoft.Json;

namespace CustomsFn.Core.Shipments;

/// <summary>
/// The <c>customsfn.shipment/v1</c> contract: the reconciliation of every document of one shipment, stored at
/// <c>results/shipments/{shipmentId}.json</c> and replaced as documents arrive. The result is a function of the set
/// of member documents only, so the same documents in any arrival order give the same result.
/// </summary>
public sealed record ShipmentResult
{
    public const string SchemaId = "customsfn.shipment/v1";

    public string Schema { get; init; } = SchemaId;
    public required string ShipmentId { get; init; }
    public required ShipmentGrouping Grouping { get; init; }
    public required ShipmentVerdict Verdict { get; init; }
    public required IReadOnlyList<ShipmentMember> Documents { get; init; }
    public IReadOnlyList<ShipmentFinding> Findings { get; init; } = [];
    public required FindingCounts FindingCounts { get; init; }
    public IReadOnlyList<LineMatch> LineMatches { get; init; } = [];
    [JsonProperty(NullValueHandling = NullValueHandling.Ignore)] public ShipmentValuation? Valuation { get; init; }
    /// <summary>Every distinct party of the shipment screened once, with the documents it appears on (absent in results stored before it).</summary>
    [JsonProperty(NullValueHandling = NullValueHandling.Ignore)] public ShipmentScreening? Screening { get; init; }
    /// <summary>Only when findings or line matches were left out of this stored result (past the reconciler's limits).</summary>
    [JsonProperty(NullValueHandling = NullValueHandling.Ignore)] public ShipmentTruncation? Truncated { get; init; }
    public required string Ruleset { get; init; }
    /// <summary>SHA-256 of the result without <c>fingerprint</c> and <c>updatedAt</c>: equal fingerprints mean an unchanged reconciliation.</summary>
    public string Fingerprint { get; init; } = string.Empty;
    public required DateTimeOffset UpdatedAt { get; init; }
}
