namespace CustomsFn.Core.Shipments;

/// <summary>
/// Present when a shipment has more findings or line matches than its stored result keeps in full: the totals, how
/// many are stored, and the findings per rule. <c>findingCounts</c> and the verdict always cover every finding.
/// </summary>
public sealed record ShipmentTruncation
{
    public required int Findings { get; init; }
    public required int StoredFindings { get; init; }
    public required IReadOnlyDictionary<string, int> FindingsByRule { get; init; }
    public required int LineMatches { get; init; }
    public required int StoredLineMatches { get; init; }
}
