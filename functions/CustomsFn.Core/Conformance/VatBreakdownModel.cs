using System.Xml;
using System.Xml.XPath;

namespace CustomsFn.Core.Conformance;

/// <summary>
/// Where a syntax keeps the amounts a VAT breakdown sums (paths relative to the document element), declared in the rule
/// file's <c>&lt;vat-model&gt;</c> element: the lines with their category, rate and net amount, and the document level
/// allowances and charges with their indicator, category, rate and amount.
/// </summary>
internal sealed class VatBreakdownModel : IVatBreakdownModel
{
    private readonly XPathExpression _lines, _lineCategory, _lineRate, _lineAmount;
    private readonly XPathExpression _allowanceCharges, _isCharge, _acCategory, _acRate, _acAmount;

    public VatBreakdownModel(IReadOnlyDictionary<string, string> paths, IXmlNamespaceResolver namespaces)
    {
        XPathExpression C(string key) =>
            XPathExpression.Compile(paths.TryGetValue(key, out var p) ? p : throw new InvalidDataException($"vat-model has no '{key}'."), namespaces);
        _lines = C("lines");
        _lineCategory = C("line-category");
        _lineRate = C("line-rate");
        _lineAmount = C("line-amount");
        _allowanceCharges = C("allowance-charges");
        _isCharge = C("is-charge");
        _acCategory = C("ac-category");
        _acRate = C("ac-rate");
        _acAmount = C("ac-amount");
    }

    public decimal? Taxable(XPathNavigator anyNode, string category, decimal? rate)
    {
        decimal total = 0;
        foreach (var (amount, sign) in Matching(anyNode, category, rate))
        {
            if (amount is not { } a) return null;
            total += sign * a;
        }
        return total;
    }

    public bool HasCategory(XPathNavigator anyNode, string category, decimal? rate) => Matching(anyNode, category, rate).Any();

    private IEnumerable<(decimal? Amount, int Sign)> Matching(XPathNavigator anyNode, string category, decimal? rate)
    {
        var root = anyNode.Clone();
        root.MoveToRoot();
        root.MoveToFirstChild();
        while (root.NodeType != XPathNodeType.Element && root.MoveToNext()) { }

        foreach (XPathNavigator line in root.Select(_lines))
        {
            if (Matches(line, _lineCategory, _lineRate, category, rate))
                yield return (Amount(line, _lineAmount), 1);
        }
        foreach (XPathNavigator ac in root.Select(_allowanceCharges))
        {
            if (Matches(ac, _acCategory, _acRate, category, rate))
                yield return (Amount(ac, _acAmount), (bool)ac.Evaluate(_isCharge) ? 1 : -1);
        }
    }

    private static bool Matches(XPathNavigator node, XPathExpression categoryPath, XPathExpression ratePath, string category, decimal? rate)
    {
        if (!string.Equals(Text(node, categoryPath), category, StringComparison.Ordinal)) return false;
        if (rate is null) return true;
        return ConformanceFunctions.ParseDecimal(Text(node, ratePath)) is { } r && ConformanceFunctions.XPathRound(r, 0) == rate.Value;
    }

    /// <summary>An absent amount adds nothing (as a sum over an empty sequence); one that is not a number makes the sum unknown.</summary>
    private static decimal? Amount(XPathNavigator node, XPathExpression path) =>
        Text(node, path) is { Length: > 0 } text ? ConformanceFunctions.ParseDecimal(text) : 0m;

    private static string Text(XPathNavigator node, XPathExpression path) =>
        node.SelectSingleNode(path)?.Value.Trim() ?? string.Empty;
}
