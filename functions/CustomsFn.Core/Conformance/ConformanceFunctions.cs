using System.Globalization;
using System.Xml;
using System.Xml.XPath;
using System.Xml.Xsl;

namespace CustomsFn.Core.Conformance;

/// <summary>
/// The XPath 1.0 context the rule expressions are compiled with: the rule set's namespace prefixes and the functions XPath 1.0
/// lacks for EN 16931 (prefix <c>f</c>): exact decimal arithmetic (<c>f:dec</c>, <c>f:sum</c>, <c>f:r2</c>), code list
/// membership (<c>f:in</c>), distinct counts (<c>f:distinct</c>) and the VAT breakdown sums per category and rate
/// (<c>f:taxable</c>, <c>f:has-category</c>), which need a per-rate join that XPath 1.0 cannot express.
/// Immutable after construction, so one instance serves every thread.
/// </summary>
internal sealed class ConformanceFunctions : XsltContext
{
    public const string FunctionNamespace = "urn:customsfn:conformance:functions";

    private readonly IVatBreakdownModel _model;

    public ConformanceFunctions(IEnumerable<(string Prefix, string Uri)> namespaces, IVatBreakdownModel model) : base(new NameTable())
    {
        _model = model;
        foreach (var (prefix, uri) in namespaces) AddNamespace(prefix, uri);
        AddNamespace("f", FunctionNamespace);
    }

    public override bool Whitespace => false;

    public override bool PreserveWhitespace(XPathNavigator node) => false;

    public override int CompareDocument(string baseUri, string nextbaseUri) => string.CompareOrdinal(baseUri, nextbaseUri);

    public override IXsltContextVariable ResolveVariable(string prefix, string name) =>
        throw new XPathException($"Rule expressions use no variables (${prefix}:{name}).");

    public override IXsltContextFunction ResolveFunction(string prefix, string name, XPathResultType[] argTypes)
    {
        if (LookupNamespace(prefix) != FunctionNamespace) throw new XPathException($"Unknown function {prefix}:{name}.");
        return name switch
        {
            "dec" => new Function(1, 1, XPathResultType.Number, (args, _) => ToDouble(Decimal(args[0]))),
            "sum" => new Function(1, 1, XPathResultType.Number, (args, _) => ToDouble(Sum(args[0]))),
            "r2" => new Function(1, 1, XPathResultType.Number, (args, _) => Round2(Convert.ToDouble(args[0], CultureInfo.InvariantCulture))),
            "abs" => new Function(1, 1, XPathResultType.Number, (args, _) => Math.Abs(Convert.ToDouble(args[0], CultureInfo.InvariantCulture))),
            "in" => new Function(2, 2, XPathResultType.Boolean, (args, _) => CodeLists.Get(StringOf(args[0])).Contains(StringOf(args[1]).Trim())),
            "distinct" => new Function(1, 1, XPathResultType.Number, (args, _) => (double)Distinct(args[0])),
            "taxable" => new Function(1, 2, XPathResultType.Number, (args, ctx) => ToDouble(_model.Taxable(ctx, StringOf(args[0]), Rate(args)))),
            "has-category" => new Function(1, 2, XPathResultType.Boolean, (args, ctx) => _model.HasCategory(ctx, StringOf(args[0]), Rate(args))),
            "if" => new Function(3, 3, XPathResultType.Number, (args, _) => Truth(args[0]) ? Number(args[1]) : Number(args[2])),
            "slack" => new Function(3, 3, XPathResultType.Boolean, (args, _) => Slack(Number(args[0]), Number(args[1]), Number(args[2]))),
            "matches" => new Function(2, 2, XPathResultType.Boolean, (args, _) => IdentifierChecks.Matches(StringOf(args[0]), StringOf(args[1]))),
            "check" => new Function(2, 2, XPathResultType.Boolean, (args, _) => IdentifierChecks.Check(StringOf(args[0]), StringOf(args[1]))),
            "skonto" => new Function(1, 1, XPathResultType.Boolean, (args, _) => IdentifierChecks.SkontoLinesValid(StringOf(args[0]))),
            _ => throw new XPathException($"Unknown function f:{name}."),
        };
    }

    private static bool Truth(object arg) => arg switch
    {
        bool b => b,
        double d => d != 0 && !double.IsNaN(d),
        string s => s.Length > 0,
        XPathNodeIterator it => it.MoveNext(),
        _ => false,
    };

    private static double Number(object arg) => arg switch
    {
        double d => d,
        bool b => b ? 1 : 0,
        _ => ParseDecimal(StringOf(arg)) is { } v ? (double)v : double.NaN,
    };

    /// <summary>Peppol u:slack(exp, val, slack): exp - slack &lt;= val &lt;= exp + slack, in decimal (each operand rounded to 15 significant digits, which removes binary noise).</summary>
    private static bool Slack(double expected, double value, double slack)
    {
        if (double.IsNaN(expected) || double.IsNaN(value) || double.IsNaN(slack) || double.IsInfinity(expected) || double.IsInfinity(value) || Math.Abs(expected) > 7.9e27 || Math.Abs(value) > 7.9e27) return false;
        var e = (decimal)expected; var v = (decimal)value; var s = (decimal)slack;
        return e + s >= v && e - s <= v;
    }

    private static decimal? Rate(object[] args) =>
        args.Length > 1 && Convert.ToDouble(args[1], CultureInfo.InvariantCulture) is var d && !double.IsNaN(d) && Math.Abs(d) < 1e15 ? XPathRound((decimal)d, 0) : args.Length > 1 ? -1m : null;

    /// <summary>XPath <c>round()</c>: to the nearest, halves towards positive infinity (2.5 -> 3, -2.5 -> -2), at the given decimals.</summary>
    internal static decimal XPathRound(decimal value, int decimals)
    {
        var scale = 1m;
        for (var i = 0; i < decimals; i++) scale *= 10;
        return Math.Floor(value * scale + 0.5m) / scale;
    }

    /// <summary>The string value of an argument (first node of a node-set, as XPath's string()).</summary>
    internal static string StringOf(object arg) => arg switch
    {
        XPathNodeIterator it => it.MoveNext() ? it.Current!.Value : string.Empty,
        string s => s,
        double d => d.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        _ => Convert.ToString(arg, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    internal static decimal? ParseDecimal(string text) =>
        decimal.TryParse(text.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d) ? d : null;

    private static decimal? Decimal(object arg) => arg is double d ? (double.IsNaN(d) || double.IsInfinity(d) ? null : (decimal)d) : ParseDecimal(StringOf(arg));

    private static decimal? Sum(object arg)
    {
        if (arg is not XPathNodeIterator it) return Decimal(arg);
        decimal total = 0;
        while (it.MoveNext())
        {
            if (ParseDecimal(it.Current!.Value) is not { } v) return null;
            total += v;
        }
        return total;
    }

    private static int Distinct(object arg)
    {
        if (arg is not XPathNodeIterator it) return 1;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (it.MoveNext()) seen.Add(it.Current!.Value.Trim());
        return seen.Count;
    }

    private static double ToDouble(decimal? d) => d is { } v ? (double)v : double.NaN;

    /// <summary>Rounds to two decimals as XPath 2.0 <c>round(x * 100) div 100</c> does (halves towards positive infinity), in decimal arithmetic.</summary>
    private static double Round2(double x)
    {
        if (double.IsNaN(x) || double.IsInfinity(x) || Math.Abs(x) > 7.9e27) return x;
        return (double)XPathRound((decimal)x, 2);
    }

    private sealed class Function(int min, int max, XPathResultType returns, Func<object[], XPathNavigator, object> body) : IXsltContextFunction
    {
        public int Minargs => min;
        public int Maxargs => max;
        public XPathResultType ReturnType => returns;
        public XPathResultType[] ArgTypes => [];
        public object Invoke(XsltContext xsltContext, object[] args, XPathNavigator docContext) => body(args, docContext);
    }
}
