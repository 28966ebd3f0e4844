namespace CustomsFn.Core.Shipments;

/// <summary>What reference grouping needs to know of a document (kept in the grouping pool, so grouping needs no document reads).</summary>
public sealed record GroupingKeys
{
    public required string DocumentId { get; init; }
    public required string DocumentType { get; init; }
    public string? InvoiceKey { get; init; }
    public string? SellerName { get; init; }
    public string? SellerTaxId { get; init; }
    public string? BuyerName { get; init; }
    public string? BuyerTaxId { get; init; }
    public string? IssueDate { get; init; }
    public DateTimeOffset AddedAt { get; init; }

    public static GroupingKeys From(ShipmentDocument d, DateTimeOffset addedAt) => new()
    {
        DocumentId = d.DocumentId,
        DocumentType = d.DocumentType,
        InvoiceKey = d.InvoiceKey,
        SellerName = d.Fields.GetText(FieldNames.SellerName),
        SellerTaxId = d.Fields.GetText(FieldNames.SellerTaxId),
        BuyerName = d.Fields.GetText(FieldNames.BuyerName),
        BuyerTaxId = d.Fields.GetText(FieldNames.BuyerTaxId),
        IssueDate = d.Fields.GetText(FieldNames.IssueDate),
        AddedAt = addedAt,
    };
}
