using CustomsFn.Core.Contract;
using CustomsFn.Core.Shipments;

namespace CustomsFn.Api;

/// <summary>One shipment in <c>GET /api/shipments</c>: its verdict, size, worst finding and when it last changed.</summary>
public sealed record ShipmentSummary
{
    public required string ShipmentId { get; init; }
    public required ShipmentVerdict Verdict { get; init; }
    public required int DocumentCount { get; init; }
    public required FindingCounts FindingCounts { get; init; }
    /// <summary>The first finding of the highest severity, or null when the shipment has none.</summary>
    public FindingBrief? WorstFinding { get; init; }
    /// <summary>The grouping rule: <c>metadata</c>, <c>upload-path</c>, <c>reference</c> or <c>parties</c>.</summary>
    public required string GroupedBy { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    /// <summary><c>/api/shipments/{shipmentId}</c>.</summary>
    public required string Href { get; init; }

    public static ShipmentSummary From(ShipmentResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new ShipmentSummary
        {
            ShipmentId = result.ShipmentId, Verdict = result.Verdict, DocumentCount = result.Documents.Count, FindingCounts = result.FindingCounts,
            WorstFinding = FindingBrief.Worst(result.Findings, f => (f.Rule, f.Severity, f.Message)),
            GroupedBy = result.Grouping.Rule, UpdatedAt = result.UpdatedAt, Href = ShipmentsApi.Route + result.ShipmentId,
        };
    }
}

/// <summary>A page of <see cref="ShipmentSummary"/>, newest first, with the verdict counts over every stored shipment.</summary>
public sealed record ShipmentPage
{
    public required int Page { get; init; }
    public required int PageSize { get; init; }
    public required int Total { get; init; }
    public required IReadOnlyDictionary<string, int> Counts { get; init; }
    /// <summary>True when more shipments are stored than one request lists (<see cref="ShipmentsApi.MaxListed"/>).</summary>
    public bool Truncated { get; init; }
    public required IReadOnlyList<ShipmentSummary> Items { get; init; }
}
