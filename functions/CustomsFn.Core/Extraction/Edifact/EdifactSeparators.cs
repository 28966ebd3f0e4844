namespace CustomsFn.Core.Extraction.Edifact;

/// <summary>The service characters of an interchange (UNA service string advice, or the ISO 9735 defaults).</summary>
public sealed record EdifactSeparators(char Component, char Element, char Decimal, char Release, char? Repetition, char Segment)
{
    /// <summary>ISO 9735 defaults: <c>:+.? '</c>.</summary>
    public static readonly EdifactSeparators Default = new(':', '+', '.', '?', null, '\'');
}
