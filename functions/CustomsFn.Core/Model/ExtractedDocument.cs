namespace CustomsFn.Core.Model;

/// <summary>What an extractor read from one upload: canonical fields and goods lines, each with confidence and source.</summary>
public sealed class ExtractedDocument
{
    public required string Format { get; init; }
    public string DocumentType { get; init; } = Model.DocumentType.Unknown;
    /// <summary>ISO 639-1 language of the document's text, when it was detected.</summary>
    public string? Language { get; init; }
    public required ExtractorInfo Extractor { get; init; }
    /// <summary>The e-invoice specification identifier (EN 16931 BT-24: UBL CustomizationID, CII guideline parameter), when the document states one.</summary>
    public string? Specification { get; init; }
    public FieldSet Fields { get; init; } = new();
    public List<FieldSet> Lines { get; init; } = [];
}
