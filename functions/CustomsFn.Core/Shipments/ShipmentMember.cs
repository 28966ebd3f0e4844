using Newtonsoft.Json;

namespace CustomsFn.Core.Shipments;

/// <summary>One member document, by reference to its own (unchanged) result.</summary>
public sealed record ShipmentMember
{
    public required string DocumentId { get; init; }
    public required string SourceName { get; init; }
    public required string DocumentType { get; init; }
    public required string Format { get; init; }
    public required ResultStatus Status { get; init; }
    public required string ResultBlob { get; init; }
    /// <summary>The grouping rule that put this document into the shipment.</summary>
    public required string JoinedBy { get; init; }
    /// <summary>The invoice number (invoices) or the invoice number quoted (other documents).</summary>
    [JsonProperty(NullValueHandling = NullValueHandling.Ignore)] public string? Reference { get; init; }
}
