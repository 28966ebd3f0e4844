namespace CustomsFn.Core.Xml;

/// <summary>Limits for parsing untrusted XML.</summary>
public sealed record XmlLimits
{
    public int MaxDepth { get; init; } = 128;
    public long MaxCharacters { get; init; } = 64L * 1024 * 1024;
    public int MaxTextNodeCharacters { get; init; } = 4 * 1024 * 1024;
    public int MaxAttributeCharacters { get; init; } = 64 * 1024;
    public int MaxElements { get; init; } = 2_000_000;

    /// <summary>
    /// Goods lines one document may carry (UBL invoice, credit-note and despatch lines, CII trade line items, WCO goods
    /// items), counted while streaming, before the document is loaded: 10,000 by default, ten times the 999 items a
    /// customs declaration may hold. A 40,000-line invoice would need about 1.3 GB to read and check whole.
    /// </summary>
    public int MaxGoodsLines { get; init; } = 10_000;

    /// <summary>Element names that are one goods line each (any namespace).</summary>
    public static readonly IReadOnlySet<string> GoodsLineElements = new HashSet<string>(StringComparer.Ordinal)
    {
        "InvoiceLine", "CreditNoteLine", "DespatchLine", "IncludedSupplyChainTradeLineItem", "GovernmentAgencyGoodsItem",
    };

    public static readonly XmlLimits Default = new();
}
