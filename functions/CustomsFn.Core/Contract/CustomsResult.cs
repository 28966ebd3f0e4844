using System.Runtime.Serialization;
using CustomsFn.Core.Model;
using Newtonsoft.Json;

namespace CustomsFn.Core.Contract;

public enum ResultStatus
{
    [EnumMember(Value = "accepted")] Accepted,
    [EnumMember(Value = "needs-review")] NeedsReview,
    [EnumMember(Value = "rejected")] Rejected,
}

public enum Severity
{
    [EnumMember(Value = "error")] Error,
    [EnumMember(Value = "warning")] Warning,
    [EnumMember(Value = "info")] Info,
}

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
}

public sealed record SourceInfo(string Name, long SizeBytes, string MediaType)
{
    /// <summary>
    /// The shipment the upload named in its blob metadata (<c>shipment</c>, made safe), when it did: kept with the
    /// result so that whoever publishes it later (the reconciliation sweep, after the upload is gone) still files it
    /// in that shipment. A path-named shipment is in <see cref="Name"/> already.
    /// </summary>
    [JsonProperty(NullValueHandling = NullValueHandling.Ignore)] public string? Shipment { get; init; }
}

public sealed record VersionInfo(string Ruleset, IReadOnlyList<string> Tariffs)
{
    /// <summary>The sanctions and denied-party list editions the parties were screened against; absent when they were not screened.</summary>
    [JsonProperty(NullValueHandling = NullValueHandling.Ignore)] public IReadOnlyList<string>? Screening { get; init; }
}

public sealed record FindingCounts(int Error, int Warning, int Info)
{
    public static FindingCounts Of(IEnumerable<Finding> findings)
    {
        int e = 0, w = 0, i = 0;
        foreach (var f in findings)
        {
            switch (f.Severity)
            {
                case Severity.Error: e++; break;
                case Severity.Warning: w++; break;
                default: i++; break;
            }
        }
        return new FindingCounts(e, w, i);
    }
}

/// <summary>A duty estimate for one goods line.</summary>
public sealed record DutyLine
{
    public required int Line { get; init; }
    [JsonProperty(NullValueHandling = NullValueHandling.Ignore)] public string? HsCode { get; init; }
    public required decimal CustomsValue { get; init; }
    [JsonProperty(NullValueHandling = NullValueHandling.Ignore)] public string? Rate { get; init; }
    [JsonProperty(NullValueHandling = NullValueHandling.Ignore)] public decimal? Duty { get; init; }
    [JsonProperty(NullValueHandling = NullValueHandling.Ignore)] public decimal? Vat { get; init; }
    [JsonProperty(NullValueHandling = NullValueHandling.Ignore)] public string? PreferentialRate { get; init; }
    [JsonProperty(NullValueHandling = NullValueHandling.Ignore)] public string? Note { get; init; }
    [JsonProperty(NullValueHandling = NullValueHandling.Ignore)] public string? Reference { get; init; }
}

/// <summary>The estimated duty and import taxes at the destination.</summary>
public sealed record DutyEstimate
{
    public required string Destination { get; init; }
    /// <summary>Valuation basis: FOB (US transaction value) or CIF (UK, EU).</summary>
    public required string Basis { get; init; }
    public required decimal CustomsValue { get; init; }
    public required string Currency { get; init; }
    public IReadOnlyList<DutyLine> Lines { get; init; } = [];
    public required decimal TotalDuty { get; init; }
    [JsonProperty(NullValueHandling = NullValueHandling.Ignore)] public decimal? TotalVat { get; init; }
}

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
