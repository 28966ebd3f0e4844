namespace CustomsFn.Core.Evaluation;

/// <summary>One document of an evaluation set with the values it should yield.</summary>
public sealed record ExpectedDocument
{
    public required string DocumentPath { get; init; }
    /// <summary>"project" (samples/eval format) or "invoice2data" (tests/compare/*.json).</summary>
    public required string Set { get; init; }
    public string? Format { get; init; }
    public string? DocumentType { get; init; }
    public string? Language { get; init; }
    public Dictionary<string, object> Fields { get; init; } = new(StringComparer.Ordinal);
    /// <summary>Null when the set does not state the goods lines (invoice2data): line scores skip the document.</summary>
    public List<Dictionary<string, object>>? Lines { get; init; }
    public string Name => Path.GetFileName(DocumentPath);
}
