using Newtonsoft.Json;

namespace CustomsFn.Core.Shipments;

/// <summary>
/// Present when a shipment has more findings, line matches or screened parties than its stored result keeps in full:
/// the totals, how many are stored, and the findings per rule. <c>findingCounts</c> and the verdict always cover every finding.
/// </summary>
public sealed record ShipmentTruncation
{
    public required int Findings { get; init; }
    public required int StoredFindings { get; init; }
    public required IReadOnlyDictionary<string, int> FindingsByRule { get; init; }
    public required int LineMatches { get; init; }
    public required int StoredLineMatches { get; init; }
    /// <summary>Only when the screening section left parties or their documents out: every distinct party of the shipment.</summary>
    [JsonProperty(NullValueHandling = NullValueHandling.Ignore)] public int? ScreenedParties { get; init; }
    [JsonProperty(NullValueHandling = NullValueHandling.Ignore)] public int? StoredScreenedParties { get; init; }
    /// <summary>Every appearance of a party (a document and a field), and how many the stored parties list.</summary>
    [JsonProperty(NullValueHandling = NullValueHandling.Ignore)] public int? PartyAppearances { get; init; }
    [JsonProperty(NullValueHandling = NullValueHandling.Ignore)] public int? StoredPartyAppearances { get; init; }
}
