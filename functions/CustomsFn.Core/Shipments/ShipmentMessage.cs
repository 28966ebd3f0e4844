namespace CustomsFn.Core.Shipments;

/// <summary>
/// The <c>customsfn.shipment-message/v1</c> queue message on <c>customs-results</c>, sent when a shipment result changes.
/// Consumers tell it from <c>customsfn.message/v1</c> by <c>schema</c>; <c>shipmentId</c> + <c>fingerprint</c> is the idempotency key.
/// </summary>
public sealed record ShipmentMessage
{
    public const string SchemaId = "customsfn.shipment-message/v1";

    public string Schema { get; init; } = SchemaId;
    public required string ShipmentId { get; init; }
    public required ShipmentVerdict Verdict { get; init; }
    public required int DocumentCount { get; init; }
    public required FindingCounts FindingCounts { get; init; }
    public required string ResultBlob { get; init; }
    public required string Fingerprint { get; init; }
    /// <summary>The document whose arrival changed the shipment (the first of several folded into one update).</summary>
    public required string DocumentId { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }

    public static ShipmentMessage For(ShipmentResult result, string documentId) => new()
    {
        ShipmentId = result.ShipmentId,
        Verdict = result.Verdict,
        DocumentCount = result.Documents.Count,
        FindingCounts = result.FindingCounts,
        ResultBlob = ShipmentNames.ResultBlobPath(result.ShipmentId),
        Fingerprint = result.Fingerprint,
        DocumentId = documentId,
        UpdatedAt = result.UpdatedAt,
    };
}
