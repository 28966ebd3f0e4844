using Newtonsoft.Json;

namespace CustomsFn.Core.Shipments;

/// <summary>A place in one member document: its id and a path into its result (a field name or <c>lines[i].field</c>).</summary>
public sealed record ShipmentEvidence
{
    public required string DocumentId { get; init; }
    public required string DocumentType { get; init; }
    public required string Path { get; init; }
    /// <summary>The value found there, as the document's result gives it (absent when the document lacks it).</summary>
    [JsonProperty(NullValueHandling = NullValueHandling.Ignore)] public object? Value { get; init; }
    [JsonProperty(NullValueHandling = NullValueHandling.Ignore)] public FieldSource? Source { get; init; }
}
