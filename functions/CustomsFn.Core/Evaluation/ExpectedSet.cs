using System.Globalization;
using Newtonsoft.Json.Linq;

namespace CustomsFn.Core.Evaluation;

/// <summary>
/// Finds labelled documents in a folder: the project's <c>expected/&lt;file&gt;.expected.json</c> (or beside the
/// document) and invoice2data's <c>tests/compare/X.json</c> next to <c>X.pdf</c>, whose issuer, date, invoice number,
/// amount and currency map to sellerName, issueDate, invoiceNumber, totalAmount and currency; failing both, Factur-X /
/// ZUGFeRD PDFs whose embedded CII invoice labels their visible pages (<see cref="FacturXVisualSet"/>).
/// </summary>
public static class ExpectedSet
{
    /// <summary>invoice2data key -> canonical field.</summary>
    public static readonly IReadOnlyDictionary<string, string> Invoice2DataFields = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["issuer"] = FieldNames.SellerName,
        ["date"] = FieldNames.IssueDate,
        ["date_due"] = FieldNames.DueDate,
        ["invoice_number"] = FieldNames.InvoiceNumber,
        ["amount"] = FieldNames.TotalAmount,
        ["currency"] = FieldNames.Currency,
    };

    public static List<ExpectedDocument> Load(string folder)
    {
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"No folder {folder}.");
        var result = new List<ExpectedDocument>();
        var splits = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(folder, "*.expected.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var docName = Path.GetFileName(file)[..^".expected.json".Length];
            var dir = Path.GetDirectoryName(file)!;
            var candidates = new[] { Path.Combine(dir, docName), Path.Combine(Path.GetDirectoryName(dir) ?? dir, "documents", docName) };
            var doc = candidates.FirstOrDefault(File.Exists);
            if (doc is null) continue;
            var root = Path.GetDirectoryName(Path.GetDirectoryName(doc)!) ?? ".";
            if (!splits.TryGetValue(root, out var split)) splits[root] = split = FamilySplits(root);
            result.Add(ReadProject(file, doc, split.TryGetValue(Path.GetFileName(doc), out var s) ? FamiliesSet + s : ProjectSet));
        }
        foreach (var file in Directory.EnumerateFiles(folder, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (file.EndsWith(".expected.json", StringComparison.Ordinal) || file.EndsWith("manifest.json", StringComparison.Ordinal)) continue;
            var pdf = Path.ChangeExtension(file, ".pdf");
            if (!File.Exists(pdf)) continue;
            if (ReadInvoice2Data(file, pdf) is { } e) result.Add(e);
        }
        // A folder without labels may hold hybrid e-invoices: their embedded XML labels their pages.
        return result.Count > 0 ? result : FacturXVisualSet.Load(folder);
    }

    /// <summary>The set of the project's labelled documents (samples/eval).</summary>
    public const string ProjectSet = "project";

    /// <summary>
    /// The prefix of the layout families' sets (samples/families, issue #19): a document's set is "families/" + its
    /// split in the folder's manifest.json, "families/train" or "families/held-out", so that the two are scored apart.
    /// </summary>
    public const string FamiliesSet = "families/";

    /// <summary>File name -> split, from a manifest.json whose documents name their layout family and split; empty otherwise.</summary>
    internal static IReadOnlyDictionary<string, string> FamilySplits(string root)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var manifest = Path.Combine(root, "manifest.json");
        if (!File.Exists(manifest)) return result;
        try
        {
            if (JObject.Parse(File.ReadAllText(manifest))["documents"] is not JArray docs) return result;
            foreach (var d in docs.OfType<JObject>())
                if ((string?)d["file"] is { } file && (string?)d["family"] is not null && (string?)d["split"] is { Length: > 0 } split)
                    result[file] = split;
        }
        catch (Newtonsoft.Json.JsonException)
        {
            return result;
        }
        return result;
    }

    private static ExpectedDocument ReadProject(string expectedFile, string document, string set)
    {
        var json = JObject.Parse(File.ReadAllText(expectedFile));
        var fields = new Dictionary<string, object>(StringComparer.Ordinal);
        if (json["fields"] is JObject f)
            foreach (var p in f.Properties()) if (Value(p.Value) is { } v) fields[p.Name] = v;
        var lines = new List<Dictionary<string, object>>();
        if (json["lines"] is JArray arr)
        {
            foreach (var item in arr.OfType<JObject>())
            {
                var line = new Dictionary<string, object>(StringComparer.Ordinal);
                foreach (var p in item.Properties()) if (Value(p.Value) is { } v) line[p.Name] = v;
                lines.Add(line);
            }
        }
        return new ExpectedDocument
        {
            DocumentPath = document, Set = set, Format = (string?)json["format"], DocumentType = (string?)json["documentType"],
            Language = (string?)json["language"], Fields = fields, Lines = lines,
        };
    }

    private static ExpectedDocument? ReadInvoice2Data(string file, string pdf)
    {
        JToken token;
        try { token = JToken.Parse(File.ReadAllText(file)); }
        catch (Newtonsoft.Json.JsonException) { return null; }
        var obj = token is JArray a ? a.FirstOrDefault() as JObject : token as JObject;
        if (obj?["issuer"] is null) return null;
        var fields = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (key, field) in Invoice2DataFields)
        {
            if (obj[key] is not { } v || Value(v) is not { } value) continue;
            fields[field] = field == FieldNames.Currency && value is string s ? s.ToUpperInvariant() : value;
        }
        return new ExpectedDocument { DocumentPath = pdf, Set = "invoice2data", Format = "pdf-text", Fields = fields, Lines = null, StatedFieldsOnly = true };
    }

    // A field value in an expected file: a plain value or { "value": ... } as in a result.
    private static object? Value(JToken token) => token switch
    {
        JObject o when o["value"] is { } v => Value(v),
        JValue { Type: JTokenType.Integer or JTokenType.Float } n => Convert.ToDecimal(n.Value, CultureInfo.InvariantCulture),
        JValue { Type: JTokenType.String } s => (string)s!,
        _ => null,
    };
}
