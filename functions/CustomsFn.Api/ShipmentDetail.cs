using CustomsFn.Core.Contract;
using CustomsFn.Core.Shipments;
using Newtonsoft.Json;

namespace CustomsFn.Api;

/// <summary>
/// <c>GET /api/shipments/{shipmentId}</c>: the stored <c>customsfn.shipment/v1</c> result with a link from each member
/// document to its own result. Evidence paths and line numbers are the contract's (0-based); the dashboard shows them 1-based.
/// </summary>
public sealed record ShipmentDetail
{
    public required string ShipmentId { get; init; }
    public required ShipmentVerdict Verdict { get; init; }
    public required ShipmentGrouping Grouping { get; init; }
    public required IReadOnlyList<ShipmentDocumentLink> Documents { get; init; }
    public required IReadOnlyList<ShipmentFinding> Findings { get; init; }
    public required FindingCounts FindingCounts { get; init; }
    public required IReadOnlyList<LineMatch> LineMatches { get; init; }
    [JsonProperty(NullValueHandling = NullValueHandling.Ignore)] public ShipmentValuation? Valuation { get; init; }
    /// <summary>As stored: every distinct party screened once, with the documents it appears on (absent in shipments stored before it).</summary>
    [JsonProperty(NullValueHandling = NullValueHandling.Ignore)] public ShipmentScreening? Screening { get; init; }
    /// <summary>As stored: present when findings or line matches were left out (counts per rule).</summary>
    [JsonProperty(NullValueHandling = NullValueHandling.Ignore)] public ShipmentTruncation? Truncated { get; init; }
    public required string Ruleset { get; init; }
    public required string Fingerprint { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    /// <summary>Where the result is stored: <c>results/shipments/{shipmentId}.json</c>.</summary>
    public required string ResultBlob { get; init; }

    public static ShipmentDetail From(ShipmentResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new ShipmentDetail
        {
            ShipmentId = result.ShipmentId, Verdict = result.Verdict, Grouping = result.Grouping,
            Documents = result.Documents.Select(ShipmentDocumentLink.From).ToList(),
            Findings = result.Findings, FindingCounts = result.FindingCounts, LineMatches = result.LineMatches, Valuation = result.Valuation, Screening = result.Screening,
            Truncated = result.Truncated, Ruleset = result.Ruleset, Fingerprint = result.Fingerprint, UpdatedAt = result.UpdatedAt,
            ResultBlob = ShipmentNames.ResultBlobPath(result.ShipmentId),
        };
    }
}

/// <summary>A member document of a shipment with the link to its result (<c>/api/results/{documentId}</c>).</summary>
public sealed record ShipmentDocumentLink
{
    public required string DocumentId { get; init; }
    public required string SourceName { get; init; }
    public required string DocumentType { get; init; }
    public required string Format { get; init; }
    /// <summary>The status the document was processed with (a later review is in its audit history).</summary>
    public required ResultStatus Status { get; init; }
    public required string JoinedBy { get; init; }
    [JsonProperty(NullValueHandling = NullValueHandling.Ignore)] public string? Reference { get; init; }
    public required string Result { get; init; }

    public static ShipmentDocumentLink From(ShipmentMember member)
    {
        ArgumentNullException.ThrowIfNull(member);
        return new ShipmentDocumentLink
        {
            DocumentId = member.DocumentId, SourceName = member.SourceName, DocumentType = member.DocumentType, Format = member.Format,
            Status = member.Status, JoinedBy = member.JoinedBy, Reference = member.Reference, Result = "/api/results/" + member.DocumentId,
        };
    }
}
