using System.Xml.Linq;
using System.Xml.XPath;

namespace CustomsFn.Core.Conformance;

/// <summary>One assertion: a stable rule id, its severity (fatal -> error, warning -> warning) and a compiled XPath test.</summary>
public sealed record ConformanceAssert(string Id, Severity Severity, string Message, string Test)
{
    internal XPathExpression Compiled { get; init; } = null!;

    /// <summary>The same test evaluated natively (<see cref="FastTests"/>), when it has one of the common shapes; else null.</summary>
    internal Func<XElement, bool>? Fast { get; init; }
}
