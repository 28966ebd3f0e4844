namespace CustomsFn.Core.Shipments;

/// <summary>
/// Where to look for the shipment of a processed document, as the tracker filed it: the shipment its upload named (blob
/// metadata or path), then its reference or party group over the grouping pool. The caller confirms a candidate by its
/// member list (the result keeps the upload's name but not how it was uploaded, so a path candidate may not be one).
/// </summary>
public sealed class ShipmentLocator(ShipmentOptions? options = null)
{
    private readonly ShipmentGrouper _grouper = new(options);

    public IReadOnlyList<string> Candidates(CustomsResult result, ShipmentPool? pool)
    {
        ArgumentNullException.ThrowIfNull(result);
        var candidates = new List<string>(2);
        if (ShipmentGrouper.Explicit(ShipmentGrouper.UploadOf(result)) is { } named) candidates.Add(named.ShipmentId);
        if (pool is not null && pool.Documents.Any(d => d.DocumentId == result.DocumentId)
            && _grouper.Group(pool.Documents).FirstOrDefault(g => g.JoinedBy.ContainsKey(result.DocumentId)) is { } group
            && !candidates.Contains(group.ShipmentId, StringComparer.Ordinal))
            candidates.Add(group.ShipmentId);
        return candidates;
    }
}
