using CustomsFn.Core.Model;
using CustomsFn.Core.Contract;

namespace CustomsFn.Api;

/// <summary>
/// What a compliance officer reads of a document at a glance in a list, taken from its stored result: its type and
/// number, the parties' names as written, value and currency, issue date and worst finding.
/// </summary>
public sealed record ResultDigest
{
    public required string DocumentType { get; init; }
    /// <summary>The invoice, document or declaration number.</summary>
    public string? DocumentNumber { get; init; }
    public string? IssueDate { get; init; }
    public string? SellerName { get; init; }
    public string? BuyerName { get; init; }
    /// <summary>The document's total (<c>totalAmount</c>, else <c>taxExclusiveAmount</c>, else <c>customsValue</c>).</summary>
    public decimal? Value { get; init; }
    public string? Currency { get; init; }
    public FindingBrief? WorstFinding { get; init; }

    public static ResultDigest From(CustomsResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var f = result.Fields;
        return new ResultDigest
        {
            DocumentType = result.DocumentType,
            DocumentNumber = f.GetText(FieldNames.InvoiceNumber) ?? f.GetText(FieldNames.DocumentNumber) ?? f.GetText(FieldNames.DeclarationNumber),
            IssueDate = f.GetText(FieldNames.IssueDate),
            SellerName = f.GetText(FieldNames.SellerName),
            BuyerName = f.GetText(FieldNames.BuyerName),
            Value = f.GetNumber(FieldNames.TotalAmount) ?? f.GetNumber(FieldNames.TaxExclusiveAmount) ?? f.GetNumber(FieldNames.CustomsValue),
            Currency = f.GetText(FieldNames.Currency),
            WorstFinding = FindingBrief.Worst(result.Findings, x => (x.Rule, x.Severity, x.Message)),
        };
    }
}
