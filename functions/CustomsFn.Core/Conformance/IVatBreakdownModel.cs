using System.Xml.XPath;

namespace CustomsFn.Core.Conformance;

/// <summary>The VAT breakdown sums of one syntax: per VAT category (and rate), line net amounts plus document charges minus allowances.</summary>
internal interface IVatBreakdownModel
{
    /// <summary>Σ line net amounts + Σ document charges - Σ document allowances with that category (and rounded rate; -1 = no rate); null when an amount is not a number.</summary>
    decimal? Taxable(XPathNavigator anyNode, string category, decimal? rate);

    /// <summary>True when a line, allowance or charge has that category (and rounded rate).</summary>
    bool HasCategory(XPathNavigator anyNode, string category, decimal? rate);
}
