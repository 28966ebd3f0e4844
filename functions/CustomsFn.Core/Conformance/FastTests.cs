using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace CustomsFn.Core.Conformance;

/// <summary>
/// Native evaluation of the most common assertion shapes, so that most per-line tests skip the XPath machinery: a child or
/// attribute path exists (<c>cbc:A/cbc:B</c>, <c>@schemeID</c>), a path has a non-empty value (<c>cbc:ID != ''</c>), a code
/// list holds a value (<c>f:in('LIST', .)</c>, <c>f:in('LIST', @a)</c>) and "at most two decimals"
/// (<c>string-length(substring-after(cbc:A,'.')) &lt;= 2</c>). Each has exactly the XPath 1.0 meaning; anything else is
/// left to the compiled XPath.
/// </summary>
internal static partial class FastTests
{
    [GeneratedRegex(@"^(?<path>(?:[A-Za-z]+:[A-Za-z]+/)*(?:[A-Za-z]+:[A-Za-z]+|@[A-Za-z]+))(?<nonEmpty> != '')?$")]
    private static partial Regex PathPattern();

    [GeneratedRegex(@"^f:in\('(?<list>[A-Za-z0-9]+)', (?<target>\.|@[A-Za-z]+)\)(?: or f:in\('(?<list2>[A-Za-z0-9]+)', \k<target>\))?$")]
    private static partial Regex InPattern();

    [GeneratedRegex(@"^string-length\(substring-after\((?<target>\.|[A-Za-z]+:[A-Za-z]+),'\.'\)\) <= 2$")]
    private static partial Regex DecimalsPattern();

    public static Func<XElement, bool>? TryCompile(string test, IXmlNamespaceResolver namespaces)
    {
        var t = test.Trim();
        // "Not an empty element" (PEPPOL-EN16931-R008 on every element): a child element or non-blank text.
        if (t == "* or normalize-space(.) != ''")
            return e => e.HasElements || e.Value.AsSpan().IndexOfAnyExcept(" \t\r\n") >= 0;
        if (PathPattern().Match(t) is { Success: true } p)
        {
            var steps = p.Groups["path"].Value.Split('/');
            var elements = steps.Where(s => s[0] != '@').Select(s => Name(s, namespaces)).ToArray();
            var attribute = steps[^1][0] == '@' ? XName.Get(steps[^1][1..]) : null;
            var nonEmpty = p.Groups["nonEmpty"].Success;
            return e => Exists(e, elements, attribute, nonEmpty);
        }
        if (InPattern().Match(t) is { Success: true } m)
        {
            var first = CodeLists.Get(m.Groups["list"].Value);
            var second = m.Groups["list2"].Success ? CodeLists.Get(m.Groups["list2"].Value) : null;
            var target = m.Groups["target"].Value;
            var attribute = target == "." ? null : XName.Get(target[1..]);
            return e =>
            {
                var value = attribute is null ? e.Value : (string?)e.Attribute(attribute) ?? string.Empty;
                value = value.Trim();
                return first.Codes.Contains(value) || (second is not null && second.Codes.Contains(value));
            };
        }
        if (DecimalsPattern().Match(t) is { Success: true } d)
        {
            var target = d.Groups["target"].Value;
            var child = target == "." ? null : Name(target, namespaces);
            return e =>
            {
                var value = child is null ? e.Value : e.Element(child)?.Value ?? string.Empty;
                var dot = value.IndexOf('.', StringComparison.Ordinal);
                return dot < 0 || value.Length - dot - 1 <= 2;
            };
        }
        return null;
    }

    private static XName Name(string qname, IXmlNamespaceResolver namespaces)
    {
        var colon = qname.IndexOf(':', StringComparison.Ordinal);
        var uri = namespaces.LookupNamespace(qname[..colon]) ?? throw new InvalidDataException($"Unknown prefix in '{qname}'.");
        return XName.Get(qname[(colon + 1)..], uri);
    }

    /// <summary>XPath node-set semantics: any node along the path exists (and, for != '', has a non-empty string value).</summary>
    private static bool Exists(XElement context, XName[] elements, XName? attribute, bool nonEmpty)
    {
        IEnumerable<XElement> current = [context];
        foreach (var name in elements) current = current.Elements(name);
        if (attribute is not null)
        {
            foreach (var e in current)
            {
                if (e.Attribute(attribute) is { } a && (!nonEmpty || a.Value.Length > 0)) return true;
            }
            return false;
        }
        foreach (var e in current)
        {
            if (!nonEmpty || e.Value.Length > 0) return true;
        }
        return false;
    }
}
