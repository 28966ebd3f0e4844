using System.Globalization;
using System.Xml;
using CustomsFn.Core;
using CustomsFn.Core.Contract;
using CustomsFn.Core.Foundation;
using CustomsFn.Core.Model;
using CustomsFn.Core.Pipeline;
using Newtonsoft.Json;

namespace CustomsFn.Tests.Structured;

/// <summary>Shared helpers for the structured-format tests: run the default processor, read XML independently.</summary>
internal static class Structured
{
    private static readonly DocumentProcessor Processor = CustomsDefaults.CreateProcessor();

    public static async Task<CustomsResult> ProcessAsync(string path)
    {
        var bytes = await File.ReadAllBytesAsync(path);
        return await ProcessAsync(bytes, Path.GetFileName(path));
    }

    public static async Task<CustomsResult> ProcessAsync(byte[] bytes, string name = "upload")
    {
        var result = await Processor.ProcessAsync(UploadContent.FromBytes(bytes), new DocumentRef("incoming/" + name), CancellationToken.None);
        Schemas.AssertValid(Schemas.Result, ResultSerializer.Serialize(result), name);
        return result;
    }

    public static string Describe(CustomsResult r) =>
        $"{r.Status} {r.Format}: " + string.Join("; ", r.Findings.Where(f => f.Severity == Severity.Error).Select(f => $"{f.Rule} {f.Message}"));

    /// <summary>An XPath evaluator over a file loaded with no resolver, independent of the code under test.</summary>
    public sealed class XPath
    {
        private readonly XmlNamespaceManager _ns;

        public XPath(string path, params (string Prefix, string Uri)[] namespaces) : this(File.ReadAllBytes(path), namespaces) { }

        public XPath(byte[] content, params (string Prefix, string Uri)[] namespaces)
        {
            var doc = new XmlDocument { XmlResolver = null };
            using var reader = XmlReader.Create(new MemoryStream(content), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            doc.Load(reader);
            Document = doc;
            _ns = new XmlNamespaceManager(doc.NameTable);
            foreach (var (p, u) in namespaces) _ns.AddNamespace(p, u);
        }

        public XmlDocument Document { get; }

        public string? Text(string xpath, XmlNode? context = null) =>
            (context ?? Document).SelectSingleNode(xpath, _ns) is { } n && n.InnerText.Trim() is { Length: > 0 } t ? t : null;

        public decimal? Number(string xpath, XmlNode? context = null) =>
            Text(xpath, context) is { } t ? decimal.Parse(t, NumberStyles.Number, CultureInfo.InvariantCulture) : null;

        public IReadOnlyList<XmlNode> Nodes(string xpath, XmlNode? context = null) =>
            (context ?? Document).SelectNodes(xpath, _ns)!.Cast<XmlNode>().ToList();
    }

    /// <summary>Compares a field with an expected value (null = the field must be absent); collects mismatches instead of stopping at the first.</summary>
    public static void Expect(List<string> failures, string where, FieldSet set, string field, object? expected)
    {
        set.TryGetValue(field, out var actual);
        var ok = expected switch
        {
            null => actual is null,
            decimal d => actual?.Number == d,
            string s => actual?.Text == s,
            _ => false,
        };
        if (!ok) failures.Add($"{where}: {field} expected {Show(expected)} got {Show(actual?.Value)}");
    }

    public static string Show(object? v) => v is null ? "(absent)" : JsonConvert.ToString(Convert.ToString(v, CultureInfo.InvariantCulture));

    public static void AssertNoFailures(List<string> failures, int compared, int atLeast, string what)
    {
        Assert.True(failures.Count == 0, $"{failures.Count} mismatches over {compared} {what}:\n" + string.Join('\n', failures.Take(60)));
        Assert.True(compared >= atLeast, $"only {compared} {what} were compared (expected at least {atLeast})");
    }
}
