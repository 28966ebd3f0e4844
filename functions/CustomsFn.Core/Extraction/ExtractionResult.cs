namespace CustomsFn.Core.Extraction;

/// <summary>The extracted document plus notes the extractor wants recorded (e.g. "data read from the embedded factur-x.xml").</summary>
public sealed record ExtractionResult(ExtractedDocument Document, IReadOnlyList<Finding> Findings)
{
    public ExtractionResult(ExtractedDocument document) : this(document, []) { }
}
