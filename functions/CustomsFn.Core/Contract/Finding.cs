using Newtonsoft.Json;

namespace CustomsFn.Core.Contract;

/// <summary>One rule outcome: which rule, how bad, where in the document, why, and the legal or tariff source that decided.</summary>
public sealed record Finding
{
    public required string Rule { get; init; }
    public required Severity Severity { get; init; }
    /// <summary>Path into the result: a field name ("currency"), a line field ("lines[1].hsCode", 0-based), or "document".</summary>
    public required string Path { get; init; }
    public required string Message { get; init; }
    [JsonProperty(NullValueHandling = NullValueHandling.Ignore)] public string? Reference { get; init; }
    /// <summary>Where the evidence is on the page or in the XML (copied from the field's source).</summary>
    [JsonProperty(NullValueHandling = NullValueHandling.Ignore)] public FieldSource? Source { get; init; }
    /// <summary>For <c>SANC-001</c>/<c>SANC-002</c>: the list entry the party matched, as data (optional).</summary>
    [JsonProperty(NullValueHandling = NullValueHandling.Ignore)] public SanctionsMatch? SanctionsMatch { get; init; }
}
