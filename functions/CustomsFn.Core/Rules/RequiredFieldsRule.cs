namespace CustomsFn.Core.Rules;

/// <summary>REQ-001..004: the fields a customs check needs are present, and the upload reads as a trade document at all.</summary>
public sealed class RequiredFieldsRule : IRule
{
    public static readonly RuleInfo MissingField = new("REQ-001", Severity.Error, "A required document field is missing", "EN 16931-1 BT-1, BT-2, BT-5, BT-27, BT-44, BT-112; WCO Data Model invoice class");
    public static readonly RuleInfo NoLines = new("REQ-002", Severity.Error, "An invoice has no goods lines", "EN 16931-1 BG-25 (at least one invoice line)");
    public static readonly RuleInfo MissingHsCode = new("REQ-003", Severity.Warning, "A goods line of a cross-border invoice has no HS code", "WCO HS Convention art. 3; Union Customs Code art. 57 (tariff classification)");
    public static readonly RuleInfo NoTradeContent = new("REQ-004", Severity.Warning, "Nothing in the upload reads as a trade document (no number, date, party, total or goods line)", "WCO Data Model: a trade document identifies itself, its parties and its goods");

    /// <summary>What identifies a trade document: one of these, or a goods line, is enough not to be a non-document.</summary>
    private static readonly string[] TradeContent =
        [FieldNames.InvoiceNumber, FieldNames.DeclarationNumber, FieldNames.IssueDate, FieldNames.SellerName, FieldNames.BuyerName,
         FieldNames.TotalAmount, FieldNames.LineTotal];

    private static readonly Dictionary<string, IReadOnlyList<string>> RequiredByType = new(StringComparer.Ordinal)
    {
        [DocumentType.CommercialInvoice] = FieldNames.RequiredForInvoice,
        [DocumentType.CreditNote] = FieldNames.RequiredForInvoice,
        [DocumentType.CustomsDeclaration] = FieldNames.RequiredForDeclaration,
    };

    public IReadOnlyList<RuleInfo> Describes => [MissingField, NoLines, MissingHsCode, NoTradeContent];

    public void Evaluate(RuleContext context)
    {
        var type = context.Document.DocumentType;
        // A table of digits, a photo of a wall, a blank form: read without error, but nothing a trade system can act on.
        // It goes to a person, never to the trade systems as "accepted".
        if (context.Lines.Count == 0 && !TradeContent.Any(context.Fields.ContainsKey))
            context.Report(NoTradeContent, "document",
                "No document number, date, party, total or goods line was recognised; check that the upload is the intended document.");
        if (RequiredByType.TryGetValue(type, out var required))
        {
            foreach (var name in required)
            {
                if (!context.Fields.ContainsKey(name))
                    context.Report(MissingField, name, $"The {Describe(type)} has no {name}.");
            }
        }
        if (type is DocumentType.CommercialInvoice or DocumentType.CreditNote)
        {
            if (context.Lines.Count == 0 && !Conformance.Profiles.HasNoLines(context.Document.Specification))
                context.Report(NoLines, "lines", $"The {Describe(type)} has no goods lines; customs needs each item's description, quantity and value.");
            else if (context.IsCrossBorder)
            {
                for (var i = 0; i < context.Lines.Count; i++)
                {
                    if (!context.Lines[i].ContainsKey(FieldNames.HsCode))
                        context.Report(MissingHsCode, RuleContext.LinePath(i, FieldNames.HsCode),
                            $"Line {i + 1} has no HS code; the shipment crosses a border ({context.Export ?? "?"} to {context.Destination ?? "?"}) and customs needs a classification.");
                }
            }
        }
    }

    private static string Describe(string type) => type.Replace('-', ' ');
}
