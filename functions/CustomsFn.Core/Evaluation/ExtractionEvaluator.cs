using System.Globalization;
using System.Text;
using CustomsFn.Core.Extraction.FacturX;
using CustomsFn.Core.Extraction.Layout;
using CustomsFn.Core.Pipeline;

namespace CustomsFn.Core.Evaluation;

/// <summary>
/// Runs the embedded pipeline over labelled documents and scores extraction: per field, per language and per format
/// precision, recall and exact-match accuracy, and a line-item score (goods lines with description, quantity, unit
/// price and amount all right).
/// </summary>
public static class ExtractionEvaluator
{
    /// <summary>The fields a document needs right to count for the key-field rate (the invoice2data acceptance).</summary>
    public static readonly IReadOnlyList<string> KeyFields = [FieldNames.InvoiceNumber, FieldNames.IssueDate, FieldNames.TotalAmount, FieldNames.Currency];

    /// <summary>The line fields that must all be right for a goods line to count.</summary>
    public static readonly IReadOnlyList<string> GoodsLineFields = [FieldNames.Description, FieldNames.Quantity, FieldNames.UnitPrice, FieldNames.Amount];

    public static async Task<EvaluationReport> EvaluateAsync(DocumentProcessor processor, IReadOnlyList<ExpectedDocument> documents,
        Action<ExpectedDocument>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(processor);
        ArgumentNullException.ThrowIfNull(documents);
        var results = new List<(ExpectedDocument, CustomsResult)>();
        DocumentProcessor? pagesOnly = null;
        try
        {
            foreach (var doc in documents)
            {
                progress?.Invoke(doc);
                var bytes = await File.ReadAllBytesAsync(doc.DocumentPath, cancellationToken).ConfigureAwait(false);
                var chosen = doc.IgnoreEmbeddedXml ? pagesOnly ??= WithoutEmbeddedXml(processor) : processor;
                var result = await chosen.ProcessAsync(UploadContent.FromBytes(bytes), new DocumentRef(doc.Name), cancellationToken).ConfigureAwait(false);
                results.Add((doc, result));
            }
        }
        finally
        {
            pagesOnly?.Dispose();
        }
        return Score(results);
    }

    /// <summary>A processor with the same options and rules whose extractors leave out the embedded e-invoice reader, so hybrid PDFs are read from their pages.</summary>
    internal static DocumentProcessor WithoutEmbeddedXml(DocumentProcessor processor) =>
        new(CustomsDefaults.Extractors(processor.Options).Where(e => e is not FacturXExtractor), processor.Rules, processor.Options);

    public static EvaluationReport Score(IReadOnlyList<(ExpectedDocument Expected, CustomsResult Result)> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var fields = new Dictionary<string, int[]>(StringComparer.Ordinal);
        var setFields = new Dictionary<string, int[]>(StringComparer.Ordinal);
        var languages = new Dictionary<string, int[]>(StringComparer.Ordinal);
        var formats = new Dictionary<string, int[]>(StringComparer.Ordinal);
        var lineFields = new Dictionary<string, int[]>(StringComparer.Ordinal);
        var outcomes = new List<DocumentOutcome>();
        var values = new List<ScoredValue>();
        int goodsExpected = 0, goodsCorrect = 0;

        // A set scores the fields it labels: a field no document of the set labels (an address the generator does not
        // write down) is neither right nor wrong when predicted.
        var labelled = results.GroupBy(r => r.Expected.Set)
            .ToDictionary(g => g.Key, g => g.SelectMany(r => r.Expected.Fields.Keys).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var (expected, result) in results)
        {
            var format = expected.Set + "/" + (expected.Format ?? result.Format);
            var language = expected.Language ?? result.Language ?? "?";
            var errors = new List<string>();
            int docExpected = 0, docCorrect = 0;
            // invoice2data only states some fields: score just those; the project set states every field it prints.
            var names = expected.StatedFieldsOnly
                ? expected.Fields.Keys.ToList()
                : expected.Fields.Keys.Union(result.Fields.Keys.Where(labelled[expected.Set].Contains)).ToList();
            foreach (var name in names)
            {
                var has = expected.Fields.TryGetValue(name, out var want);
                var got = result.Fields.TryGetValue(name, out var field) ? field.Value : null;
                var correct = has && got is not null && Same(name, want!, got);
                foreach (var (dict, key) in new[] { (fields, name), (languages, language), (formats, format), (setFields, expected.Set + "/" + name) })
                    Add(dict, key, has, got is not null, correct);
                if (has && got is not null) values.Add(new ScoredValue(expected.Set, name, field!.Confidence, correct));
                if (has) docExpected++;
                if (correct) docCorrect++;
                else errors.Add($"{name}: expected {Show(want)}, got {Show(got)}" +
                                (got is not null && field!.Confidence is { } c ? string.Create(CultureInfo.InvariantCulture, $" (confidence {c:0.00})") : ""));
            }
            var keyOk = KeyFields.All(k => !expected.Fields.ContainsKey(k) || (result.Fields.TryGetValue(k, out var f) && Same(k, expected.Fields[k], f.Value)))
                        && KeyFields.Any(expected.Fields.ContainsKey);

            int linesExpected = 0, linesCorrect = 0;
            if (expected.Lines is { } want2)
            {
                var got2 = result.Lines;
                linesExpected = want2.Count;
                for (var i = 0; i < want2.Count; i++)
                {
                    var w = want2[i];
                    var g = i < got2.Count ? got2[i] : null;
                    foreach (var (name, value) in w)
                    {
                        var gv = g is not null && g.TryGetValue(name, out var gf) ? gf.Value : null;
                        Add(lineFields, name, true, gv is not null, gv is not null && SameInLine(expected, name, value, gv));
                    }
                    if (g is not null)
                        foreach (var extra in g.Keys.Where(k => !w.ContainsKey(k))) Add(lineFields, extra, false, true, false);
                    var ok = g is not null && GoodsLineFields.All(n => !w.ContainsKey(n) || (g.TryGetValue(n, out var f) && SameInLine(expected, n, w[n], f.Value)));
                    if (ok) linesCorrect++;
                    else if (errors.Count < 40) errors.Add($"lines[{i}]: " + string.Join("; ", GoodsLineFields.Where(n => w.ContainsKey(n))
                        .Where(n => g is null || !g.TryGetValue(n, out var f) || !SameInLine(expected, n, w[n], f.Value))
                        .Select(n => $"{n} expected {Show(w[n])}, got {Show(g is not null && g.TryGetValue(n, out var f2) ? f2.Value : null)}")));
                }
                if (got2.Count > want2.Count) errors.Add($"{got2.Count - want2.Count} extra line(s)");
                goodsExpected += linesExpected;
                goodsCorrect += linesCorrect;
            }
            outcomes.Add(new DocumentOutcome(expected.Name, expected.Set, format, language, docExpected, docCorrect, linesExpected, linesCorrect, keyOk,
                errors, result.Status.ToString(), result.DocumentType, expected.DocumentType) { OcrModels = OcrModels(result) });
        }

        static List<FieldScore> ToScores(Dictionary<string, int[]> d) =>
            d.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => new FieldScore(kv.Key, kv.Value[0], kv.Value[1], kv.Value[2], kv.Value[3])).ToList();
        return new EvaluationReport(ToScores(fields), ToScores(languages), ToScores(formats), ToScores(lineFields), goodsExpected, goodsCorrect, outcomes) { Values = values, SetFields = ToScores(setFields) };
    }

    /// <summary>The models named by the EXTRACT-OCR finding ("OCR languages eng (worker)"), or null when nothing was read by OCR.</summary>
    internal static string? OcrModels(CustomsResult result)
    {
        const string Marker = "OCR languages ";
        var message = result.Findings.FirstOrDefault(f => f.Rule == Extraction.Ocr.OcrExtractor.OcrRule)?.Message;
        var at = message?.IndexOf(Marker, StringComparison.Ordinal) ?? -1;
        if (at < 0) return null;
        var rest = message![(at + Marker.Length)..];
        var end = rest.IndexOf(' ', StringComparison.Ordinal);
        return end < 0 ? rest : rest[..end];
    }

    private static void Add(Dictionary<string, int[]> d, string key, bool expected, bool predicted, bool correct)
    {
        if (!d.TryGetValue(key, out var c)) d[key] = c = new int[4];
        if (expected) c[0]++;
        if (predicted) c[1]++;
        if (correct) c[2]++;
        if (expected || predicted) c[3]++;
    }

    /// <summary>Exact match: numbers within half a minor unit, text equal after Unicode compatibility folding and white-space collapse.</summary>
    public static bool Same(string field, object expected, object actual)
    {
        var e = AsNumber(expected);
        var a = AsNumber(actual);
        if (e is not null && a is not null && (expected is decimal || actual is decimal)) return Math.Abs(e.Value - a.Value) <= 0.005m;
        var es = Normalize(Convert.ToString(expected, CultureInfo.InvariantCulture) ?? "");
        var @as = Normalize(Convert.ToString(actual, CultureInfo.InvariantCulture) ?? "");
        if (field is FieldNames.Currency or FieldNames.HsCode or FieldNames.UnitCode || field.EndsWith("Country", StringComparison.Ordinal))
            return string.Equals(es, @as, StringComparison.OrdinalIgnoreCase);
        return string.Equals(es, @as, StringComparison.Ordinal);
    }

    /// <summary>A line value: as <see cref="Same"/>, but a description by name only (<see cref="ExpectedDocument.DescriptionByName"/>) needs to begin the read one.</summary>
    internal static bool SameInLine(ExpectedDocument document, string field, object expected, object actual)
    {
        if (Same(field, expected, actual)) return true;
        if (!document.DescriptionByName || field != FieldNames.Description || expected is not string name || actual is not string read) return false;
        var prefix = Collapse(name);
        var text = Collapse(read);
        return prefix.Length > 0 && text.StartsWith(prefix, StringComparison.Ordinal) && (text.Length == prefix.Length || text[prefix.Length] == ' ');
    }

    private static string Collapse(string s) =>
        string.Join(' ', TextNormalizer.Compatibility(s).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static decimal? AsNumber(object o) => o switch
    {
        decimal d => d,
        string s when decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    };

    private static string Normalize(string s)
    {
        var t = TextNormalizer.Compatibility(s);
        var sb = new StringBuilder(t.Length);
        foreach (var c in t) sb.Append(c);
        return sb.ToString().Trim();
    }

    private static string Show(object? o) => o switch
    {
        null => "(none)",
        decimal d => d.ToString("0.####", CultureInfo.InvariantCulture),
        _ => "'" + o + "'",
    };
}
