namespace CustomsFn.Core.Shipments;

/// <summary>
/// A document as the reconciliation sees it: the fields and lines of its result, whatever extractor produced them
/// (UBL, CII, WCO, EDIFACT, PDF text or OCR).
/// </summary>
public sealed record ShipmentDocument
{
    public required string DocumentId { get; init; }
    public required string SourceName { get; init; }
    public required string DocumentType { get; init; }
    public required string Format { get; init; }
    public ResultStatus Status { get; init; } = ResultStatus.Accepted;
    public FieldSet Fields { get; init; } = new();
    public IReadOnlyList<FieldSet> Lines { get; init; } = [];
    /// <summary>True when the document could not be read at all (a rejected result with an INPUT-* finding).</summary>
    public bool Unreadable { get; init; }
    /// <summary>The list editions the document's parties were screened against (its result's <c>versions.screening</c>); null when it was not screened.</summary>
    public IReadOnlyList<string>? ScreenedAgainst { get; init; }
    /// <summary>The document's own sanctions findings (SANC-001 / SANC-002), reused by the shipment's screening.</summary>
    public IReadOnlyList<Finding> ScreeningFindings { get; init; } = [];

    public static ShipmentDocument From(CustomsResult result) => new()
    {
        DocumentId = result.DocumentId,
        SourceName = result.Source.Name,
        DocumentType = result.DocumentType,
        Format = result.Format,
        Status = result.Status,
        Fields = result.Fields,
        Lines = result.Lines,
        Unreadable = result.Findings.Any(f => f.Rule.StartsWith("INPUT-", StringComparison.Ordinal)),
        ScreenedAgainst = result.Versions.Screening,
        ScreeningFindings = result.Findings.Where(f => f.Rule == Rules.SanctionsScreeningRule.PossibleMatch.Id || f.Rule == Rules.SanctionsScreeningRule.StrongMatch.Id).ToList(),
    };

    public bool IsInvoice => DocumentType == Model.DocumentType.CommercialInvoice;

    /// <summary>The invoice number this document is or quotes: an invoice's own number, else the quoted invoice reference.</summary>
    public string? InvoiceKey => IsInvoice ? Fields.GetText(FieldNames.InvoiceNumber) : Fields.GetText(FieldNames.InvoiceReference);

    /// <summary>A short human label: "commercial-invoice RHW-2026-00417 (incoming/s1/invoice.xml)".</summary>
    public string Label
    {
        get
        {
            var number = Fields.GetText(FieldNames.InvoiceNumber) ?? Fields.GetText(FieldNames.DocumentNumber) ?? Fields.GetText(FieldNames.DeclarationNumber);
            var type = DocumentType.Replace('-', ' ');
            return number is null ? $"{type} {DocumentId[..Math.Min(12, DocumentId.Length)]}" : $"{type} {number}";
        }
    }

    /// <summary>Role order in a shipment: invoice, packing list, declaration, certificate, others.</summary>
    internal int RoleOrder => DocumentType switch
    {
        Model.DocumentType.CommercialInvoice => 0,
        Model.DocumentType.PackingList => 1,
        Model.DocumentType.CustomsDeclaration => 2,
        Model.DocumentType.CertificateOfOrigin => 3,
        Model.DocumentType.CreditNote => 5,
        _ => 4,
    };
}
