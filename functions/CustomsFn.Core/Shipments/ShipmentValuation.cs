using Newtonsoft.Json;

namespace CustomsFn.Core.Shipments;

/// <summary>The customs-value check of a declaration against the invoice under the Incoterm.</summary>
public sealed record ShipmentValuation
{
    public required string DeclarationId { get; init; }
    public required string InvoiceId { get; init; }
    /// <summary>CIF (WTO valuation with carriage and insurance to the border: EU, UK and most countries) or FOB (US, CA, AU, NZ).</summary>
    public required string Basis { get; init; }
    [JsonProperty(NullValueHandling = NullValueHandling.Ignore)] public string? Incoterm { get; init; }
    public required string Currency { get; init; }
    public required decimal InvoiceValue { get; init; }
    public required decimal Freight { get; init; }
    public required decimal Insurance { get; init; }
    public required decimal Expected { get; init; }
    public required decimal Declared { get; init; }
    public required decimal Difference { get; init; }
}
