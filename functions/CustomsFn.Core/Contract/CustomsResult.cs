using Newtonsoft.Json;

namespace CustomsFn.Core.Contract;

/// <summary>The <c>customsfn.result/v1</c> contract: one per processed upload, written once.</summary>
public sealed record CustomsResult
{
    public const string SchemaId = "customsfn.result/v1";

    public string Schema { get; init; } = SchemaId;
    public required string DocumentId { get; init; }
    public required SourceInfo Source { get; init; }
    public required string Format { get; init; }
    public required string DocumentType { get; init; }
    [JsonProperty(NullValueHandling = NullValueHandling.Ignore)] public string? Language { get; init; }
    [JsonProperty(NullValueHandling = NullValueHandling.Ignore)] public ExtractorInfo? Extractor { get; init; }
    public FieldSet Fields { get; init; } = new();
    public IReadOnlyList<FieldSet> Lines { get; init; } = [];
    public required ResultStatus Status { get; init; }
    public IReadOnlyList<Finding> Findings { get; init; } = [];
    [JsonProperty(NullValueHandling = NullValueHandling.Ignore)] public DutyEstimate? Duties { get; init; }
    public required VersionInfo Versions { get; init; }
    public required DateTimeOffset ProcessedAt { get; init; }
}
