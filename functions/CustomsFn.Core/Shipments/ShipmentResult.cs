using System.Runtime.Serialization;
using CustomsFn.Core.Contract;
using CustomsFn.Core.Model;
using Newtonsoft.Json;

namespace CustomsFn.Core.Shipments;

/// <summary>The shipment's overall reading: do its documents tell the same story?</summary>
public enum ShipmentVerdict
{
    /// <summary>An invoice and at least one other document, and no finding above info.</summary>
    [EnumMember(Value = "consistent")] Consistent,
    /// <summary>Warnings only: a person should look.</summary>
    [EnumMember(Value = "needs-review")] NeedsReview,
    /// <summary>At least one error: the documents contradict each other.</summary>
    [EnumMember(Value = "inconsistent")] Inconsistent,
    /// <summary>No contradiction so far, but nothing to reconcile yet (one readable document, or no commercial invoice).</summary>
    [EnumMember(Value = "incomplete")] Incomplete,
}

/// <summary>How documents were put into one shipment (the grouping rules, in order of precedence).</summary>
public static class GroupingRules
{
    /// <summary>Blob metadata <c>shipment</c> on the upload.</summary>
    public const string Metadata = "metadata";
    /// <summary>The upload path <c>incoming/{shipmentId}/...</c> (the CLI: a shipment's folder).</summary>
    public const string UploadPath = "upload-path";
    /// <summary>The invoice number, as the invoice states it and as the other documents quote it.</summary>
    public const string Reference = "reference";
    /// <summary>The same seller and buyer, issued within the time window.</summary>
    public const string Parties = "parties";
}

/// <summary>Which rule grouped the shipment, on what key.</summary>
public sealed record ShipmentGrouping
{
    public required string Rule { get; init; }
    public required string Key { get; init; }
    public required string Description { get; init; }
}

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

/// <summary>One reconciliation outcome: rule, severity, the message naming both documents, and the evidence in each.</summary>
public sealed record ShipmentFinding
{
    public required string Rule { get; init; }
    public required Severity Severity { get; init; }
    public required string Message { get; init; }
    [JsonProperty(NullValueHandling = NullValueHandling.Ignore)] public string? Reference { get; init; }
    public required IReadOnlyList<ShipmentEvidence> Evidence { get; init; }
}

/// <summary>A goods line of one document matched to a goods line of another, with the matcher's score (0..1).</summary>
public sealed record LineMatch
{
    public required string DocumentId { get; init; }
    public required int Line { get; init; }
    public required string MatchedDocumentId { get; init; }
    public required int MatchedLine { get; init; }
    public required double Score { get; init; }
}

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
    public required string Ruleset { get; init; }
    /// <summary>SHA-256 of the result without <c>fingerprint</c> and <c>updatedAt</c>: equal fingerprints mean an unchanged reconciliation.</summary>
    public string Fingerprint { get; init; } = string.Empty;
    public required DateTimeOffset UpdatedAt { get; init; }
}

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
    /// <summary>The document whose arrival changed the shipment.</summary>
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

/// <summary>Storage names of shipment results, and shipment ids.</summary>
public static class ShipmentNames
{
    /// <summary>Blob metadata key on an upload naming its shipment.</summary>
    public const string Metadata = "shipment";
    public const string Folder = "shipments/";
    public const int MaxIdLength = 128;

    /// <summary>Blob name inside the results container: <c>shipments/{shipmentId}.json</c>.</summary>
    public static string ResultBlobName(string shipmentId) => $"{Folder}{shipmentId}.json";

    public static string ResultBlobPath(string shipmentId) => $"{StorageNames.ResultsContainer}/{ResultBlobName(shipmentId)}";

    /// <summary>
    /// A safe shipment id from what an uploader wrote: letters, digits, '.', '_' and '-' kept, anything else replaced
    /// by '-', starting with a letter or digit, at most 128 characters; null when nothing usable is left.
    /// </summary>
    public static string? Sanitize(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw)) return null;
        var chars = raw.Trim().Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '-').ToArray();
        var s = new string(chars).TrimStart('.', '_', '-');
        if (s.Length > MaxIdLength) s = s[..MaxIdLength];
        s = s.TrimEnd('.');
        return s.Length == 0 || s.All(c => c == '-') ? null : s;
    }
}
