namespace CustomsFn.Core.Foundation;

/// <summary>A search over the audit trail: a UTC day range (inclusive) and optional filters, all combined with AND.</summary>
public sealed record AuditQuery
{
    public required DateOnly From { get; init; }
    public required DateOnly To { get; init; }
    public ResultStatus? Status { get; init; }
    /// <summary>A seller name or the start of one; normalized like <see cref="AuditRecord.SellerKey"/> and matched as a prefix.</summary>
    public string? Seller { get; init; }
    /// <summary>An HS code or the start of one (a chapter "84", a heading "8471", a subheading "847130"); digits only.</summary>
    public string? HsCode { get; init; }
    public string? Kind { get; init; }
    public string? DocumentId { get; init; }
    /// <summary>Stops after this many records (default 1000).</summary>
    public int Max { get; init; } = 1000;
}
