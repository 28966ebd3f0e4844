using System.Xml;
using System.Xml.Linq;
using System.Xml.XPath;

namespace CustomsFn.Core.Conformance;

/// <summary>
/// A data-driven rule set (EN 16931 UBL or CII business rules), loaded from an embedded XML rule file
/// (<c>Conformance/Rules/*.rules.xml</c>): namespaces, text macros (<c>{NAME}</c>), a VAT breakdown model, and patterns of
/// rule groups with XPath 1.0 tests. Every expression is compiled once when the rule set is loaded.
/// </summary>
public sealed class ConformanceRuleSet
{
    private const string ResourcePrefix = "CustomsFn.ConformanceRules.";

    private ConformanceRuleSet(string id, string version, string title, string source, string? rootNamespace,
        IReadOnlyList<ConformanceRuleGroup> groups, int patternCount, ConformanceFunctions context, IReadOnlyList<string> specifications)
    {
        Id = id; Version = version; Title = title; Source = source; RootNamespace = rootNamespace; Specifications = specifications;
        Groups = groups; PatternCount = patternCount; Context = context;
        // Per element name, its groups and the wildcard groups, in file order (first match per pattern follows file order).
        ByName = groups.SelectMany(g => g.Names).Distinct()
            .ToDictionary(n => n, n => groups.Where(g => g.AnyElement || g.Names.Contains(n)).ToArray());
        Wildcards = groups.Where(g => g.AnyElement).ToArray();
        Asserts = groups.SelectMany(g => g.Asserts).ToList();
    }

    public string Id { get; }
    public string Version { get; }
    public string Title { get; }
    /// <summary>The standard the rules implement.</summary>
    public string Source { get; }
    /// <summary>The document element namespace the rule set applies to (UBL Invoice/CreditNote, CII); null = any.</summary>
    public string? RootNamespace { get; }
    public IReadOnlyList<ConformanceAssert> Asserts { get; }

    /// <summary>
    /// For a CIUS rule set (applied on top of the EN 16931 rule set of its syntax): the specification identifier (BT-24) fragments
    /// that select it (attribute <c>specification</c>, '|'-separated, matched case-insensitively as substrings). Empty for a base
    /// rule set, which is chosen by the document element namespace alone.
    /// </summary>
    public IReadOnlyList<string> Specifications { get; }

    /// <summary>True for a CIUS layer (selected by the specification identifier), false for a base EN 16931 rule set.</summary>
    public bool IsCius => Specifications.Count > 0;

    /// <summary>True when this CIUS rule set applies to a document declaring <paramref name="specification"/>.</summary>
    public bool AppliesTo(string? specification) =>
        specification is not null && Specifications.Any(s => specification.Contains(s, StringComparison.OrdinalIgnoreCase));

    internal IReadOnlyList<ConformanceRuleGroup> Groups { get; }
    internal int PatternCount { get; }
    internal ConformanceFunctions Context { get; }
    internal Dictionary<XName, ConformanceRuleGroup[]> ByName { get; }
    internal ConformanceRuleGroup[] Wildcards { get; }

    /// <summary>Per pattern: the specification identifier fragments it is limited to (attribute <c>specification</c> on the pattern), or null (always).</summary>
    internal string[]?[] PatternSpecifications { get; private init; } = [];

    /// <summary>Marks the patterns that do not apply to a document declaring <paramref name="specification"/>.</summary>
    internal void DisabledPatterns(string? specification, Span<bool> disabled)
    {
        for (var p = 0; p < PatternSpecifications.Length && p < disabled.Length; p++)
        {
            // Fragments name the specifications a pattern is limited to; "!fragment" excludes one (Factur-X EXTENDED, ...).
            if (PatternSpecifications[p] is not { } fragments) { disabled[p] = false; continue; }
            bool Has(string f) => specification?.Contains(f, StringComparison.OrdinalIgnoreCase) == true;
            var included = fragments.Where(f => f[0] != '!').ToList();
            disabled[p] = (included.Count > 0 && !included.Any(Has)) || fragments.Any(f => f[0] == '!' && Has(f[1..]));
        }
    }

    /// <summary>"EN16931-UBL 1.3.16": the rule set name and version a result records.</summary>
    public string Label => $"{Id} {Version}";

    public static ConformanceRuleSet LoadEmbedded(string fileName)
    {
        var assembly = typeof(ConformanceRuleSet).Assembly;
        using var stream = assembly.GetManifestResourceStream(ResourcePrefix + fileName)
            ?? throw new InvalidOperationException($"Conformance rule file {fileName} is not embedded.");
        return Load(XDocument.Load(stream, LoadOptions.None));
    }

    /// <summary>Parses and compiles a rule file. Throws <see cref="InvalidDataException"/> on an unknown flag, a duplicate id or an expression that does not compile.</summary>
    public static ConformanceRuleSet Load(XDocument file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var root = file.Root ?? throw new InvalidDataException("Empty rule file.");
        string Attr(XElement e, string name) => (string?)e.Attribute(name) ?? throw new InvalidDataException($"<{e.Name.LocalName}> has no '{name}'.");

        var namespaces = root.Elements("ns").Select(n => (Attr(n, "prefix"), Attr(n, "uri"))).ToList();
        var macros = root.Elements("let").ToDictionary(l => Attr(l, "name"), l => Attr(l, "value"), StringComparer.Ordinal);
        string Expand(string expression)
        {
            // Macros may use earlier macros; expand until stable (bounded).
            for (var pass = 0; pass < 5 && expression.Contains('{', StringComparison.Ordinal); pass++)
            {
                foreach (var (name, value) in macros) expression = expression.Replace("{" + name + "}", value, StringComparison.Ordinal);
            }
            return expression;
        }

        var plainNamespaces = new XmlNamespaceManager(new NameTable());
        foreach (var (p, u) in namespaces) plainNamespaces.AddNamespace(p, u);
        var vatPaths = root.Element("vat-model")?.Attributes().ToDictionary(a => a.Name.LocalName, a => Expand(a.Value), StringComparer.Ordinal)
            ?? throw new InvalidDataException("The rule file has no <vat-model>.");
        var context = new ConformanceFunctions(namespaces, new VatBreakdownModel(vatPaths, plainNamespaces));

        XPathExpression Compile(string expression, string where)
        {
            try
            {
                return XPathExpression.Compile(Expand(expression), context);
            }
            catch (XPathException ex)
            {
                throw new InvalidDataException($"{where}: the expression does not compile ({ex.Message}): {Expand(expression)}", ex);
            }
        }

        XName Name(string qname)
        {
            var colon = qname.IndexOf(':', StringComparison.Ordinal);
            var uri = namespaces.FirstOrDefault(n => n.Item1 == qname[..Math.Max(colon, 0)]).Item2
                ?? throw new InvalidDataException($"Unknown prefix in '{qname}'.");
            return XName.Get(qname[(colon + 1)..], uri);
        }

        var groups = new List<ConformanceRuleGroup>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var patterns = root.Elements("pattern").ToList();
        for (var p = 0; p < patterns.Count; p++)
        {
            foreach (var rule in patterns[p].Elements("rule"))
            {
                var contextAttr = Attr(rule, "context");
                var any = contextAttr.Trim() == "*";
                // Each alternative is a name or parent/name.
                var alternatives = any ? [] : contextAttr.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                    .Select(a => a.Split('/') is [var parentName, var childName] ? (Name: Name(childName), Parent: (XName?)Name(parentName)) : (Name: Name(a), Parent: null))
                    .ToList();
                var names = alternatives.Select(a => a.Name).Distinct().ToList();
                var key = ((string?)rule.Attribute("key"))?.Split('=', 2);
                var where = (string?)rule.Attribute("where") is { } w ? Compile($"boolean({w})", contextAttr) : null;
                var asserts = new List<ConformanceAssert>();
                foreach (var a in rule.Elements("assert"))
                {
                    var id = Attr(a, "id");
                    var severity = Attr(a, "flag") switch
                    {
                        "fatal" => Severity.Error,
                        "warning" => Severity.Warning,
                        var other => throw new InvalidDataException($"{id}: unknown flag '{other}' (fatal or warning)."),
                    };
                    // One id may be asserted in several contexts (the same rule for invoice and credit note lines), but only with one severity.
                    if (!ids.Add(id + "|" + contextAttr)) throw new InvalidDataException($"Rule id {id} is defined twice in the context '{contextAttr}'.");
                    var test = Expand(Attr(a, "test"));
                    asserts.Add(new ConformanceAssert(id, severity, a.Value.Trim(), test)
                    {
                        Compiled = Compile($"boolean({test})", id),
                        Fast = FastTests.TryCompile(test, plainNamespaces),
                    });
                }
                groups.Add(new ConformanceRuleGroup(p, names, any, where, asserts)
                {
                    Parents = alternatives.GroupBy(a => a.Name).ToDictionary(g => g.Key,
                        g => g.Any(a => a.Parent is null) ? null : g.Select(a => a.Parent!).ToArray()),
                    KeyChild = key is [var child, _] ? Name(child) : null,
                    KeyValue = key is [_, var value] ? value : null,
                });
            }
        }
        static string[]? Fragments(XElement e) => ((string?)e.Attribute("specification"))?.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return new ConformanceRuleSet(Attr(root, "id"), Attr(root, "version"), Attr(root, "title"), Attr(root, "source"),
            (string?)root.Attribute("root-namespace"), groups, patterns.Count, context, Fragments(root) ?? [])
        {
            PatternSpecifications = patterns.Select(Fragments).ToArray(),
        };
    }
}
