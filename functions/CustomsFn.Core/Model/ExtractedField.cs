using System.Globalization;
using Newtonsoft.Json;

namespace CustomsFn.Core.Model;

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
