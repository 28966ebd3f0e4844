namespace CustomsFn.Core.Extraction.Layout;

/// <summary>One known label: the field or column it names, its language (ISO 639-1, "*" for any) and its folded text.</summary>
public sealed record Label(LabelKind Kind, string Target, string Language, string Text)
{
    /// <summary>Labels shared by several fields ("Date", "Total") are weaker evidence than specific ones.</summary>
    public bool Generic { get; init; }
}
