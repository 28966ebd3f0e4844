namespace CustomsFn.Core.Model;

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
