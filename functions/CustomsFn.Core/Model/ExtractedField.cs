using System.Globalization;
using Newtonsoft.Json;

namespace CustomsFn.Core.Model;

/// <summary>
/// Where a value was read. PDF and images: <c>page</c> (1-based) and <c>box</c> [x0, y0, x1, y1] in <c>unit</c>
/// ("pt": PDF points, origin bottom-left; "px": image pixels, origin top-left). XML: <c>path</c> (XPath-like) and <c>line</c>.
/// EDIFACT: <c>path</c> (segment position and tag) and <c>line</c> (segment number).
/// </summary>
public sealed record FieldSource
{
    [JsonProperty(NullValueHandling = NullValueHandling.Ignore)] public int? Page { get; init; }
    [JsonProperty(NullValueHandling = NullValueHandling.Ignore)] public IReadOnlyList<double>? Box { get; init; }
    [JsonProperty(NullValueHandling = NullValueHandling.Ignore)] public string? Unit { get; init; }
    [JsonProperty(NullValueHandling = NullValueHandling.Ignore)] public string? Path { get; init; }
    [JsonProperty(NullValueHandling = NullValueHandling.Ignore)] public int? Line { get; init; }

    public static FieldSource Xml(string path, int? line) => new() { Path = path, Line = line is > 0 ? line : null };

    public static FieldSource PdfBox(int page, double x0, double y0, double x1, double y1) =>
        new() { Page = page, Box = [Math.Round(x0, 1), Math.Round(y0, 1), Math.Round(x1, 1), Math.Round(y1, 1)], Unit = "pt" };

    public static FieldSource ImageBox(int page, double x0, double y0, double x1, double y1) =>
        new() { Page = page, Box = [Math.Round(x0), Math.Round(y0), Math.Round(x1), Math.Round(y1)], Unit = "px" };
}

/// <summary>
/// One extracted value: a string (codes, names, ISO dates) or a decimal number (amounts, quantities, weights),
/// with the extractor's confidence (null when nothing was scored, as for exact structured input) and its source.
/// </summary>
public sealed record ExtractedField
{
    [JsonConstructor]
    public ExtractedField(object value, double? confidence = null, FieldSource? source = null)
    {
        Value = value switch
        {
            string or decimal => value,
            long l => (decimal)l,
            int i => (decimal)i,
            double d => (decimal)d,
            _ => throw new ArgumentException($"A field value is a string or a decimal, not {value?.GetType().Name ?? "null"}.", nameof(value)),
        };
        if (confidence is < 0 or > 1 || (confidence is { } c && double.IsNaN(c)))
            throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "Confidence is between 0 and 1.");
        Confidence = confidence;
        Source = source;
    }

    public object Value { get; }

    /// <summary>0..1; null when nothing was scored. Always written (null included) so consumers see the difference.</summary>
    [JsonProperty(NullValueHandling = NullValueHandling.Include)]
    public double? Confidence { get; init; }

    [JsonProperty(NullValueHandling = NullValueHandling.Ignore)]
    public FieldSource? Source { get; init; }

    [JsonIgnore] public string Text => Value as string ?? ((decimal)Value).ToString(CultureInfo.InvariantCulture);

    [JsonIgnore]
    public decimal? Number => Value switch
    {
        decimal d => d,
        string s when decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    };
}

/// <summary>A set of named fields: the document's header fields, or one goods line.</summary>
public sealed class FieldSet : Dictionary<string, ExtractedField>
{
    public FieldSet() : base(StringComparer.Ordinal) { }

    public string? GetText(string name) => TryGetValue(name, out var f) ? f.Text : null;

    public decimal? GetNumber(string name) => TryGetValue(name, out var f) ? f.Number : null;

    public FieldSource? SourceOf(string name) => TryGetValue(name, out var f) ? f.Source : null;

    public void Set(string name, object value, double? confidence = null, FieldSource? source = null) =>
        this[name] = new ExtractedField(value, confidence, source);

    /// <summary>Sets the field unless the value is null or blank: absent fields are left out, never null.</summary>
    public void SetIfPresent(string name, string? value, double? confidence = null, FieldSource? source = null)
    {
        if (!string.IsNullOrWhiteSpace(value)) this[name] = new ExtractedField(value.Trim(), confidence, source);
    }

    public void SetIfPresent(string name, decimal? value, double? confidence = null, FieldSource? source = null)
    {
        if (value is { } v) this[name] = new ExtractedField(v, confidence, source);
    }
}
