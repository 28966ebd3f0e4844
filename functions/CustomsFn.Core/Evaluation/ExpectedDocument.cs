namespace CustomsFn.Core.Evaluation;

/// <summary>One document of an evaluation set with the values it should yield.</summary>
public sealed record ExpectedDocument
{
    public required string DocumentPath { get; init; }
    /// <summary>"project" (samples/eval format), "families/train" and "families/held-out" (samples/families, by the manifest's split), "invoice2data" (tests/compare/*.json) or "facturx-visual/&lt;folder&gt;" (<see cref="FacturXVisualSet"/>).</summary>
    public required string Set { get; init; }
    public string? Format { get; init; }
    public string? DocumentType { get; init; }
    public string? Language { get; init; }
    public Dictionary<string, object> Fields { get; init; } = new(StringComparer.Ordinal);
    /// <summary>Null when the set does not state the goods lines (invoice2data): line scores skip the document.</summary>
    public List<Dictionary<string, object>>? Lines { get; init; }
    /// <summary>Read the visible pages even when the PDF embeds an e-invoice XML (that XML is the expected values).</summary>
    public bool IgnoreEmbeddedXml { get; init; }
    /// <summary>
    /// The expected goods-line description is the item's name only: a read description is right when it begins with it
    /// (white space collapsed), the details printed under the name being part of the printed description.
    /// </summary>
    public bool DescriptionByName { get; init; }
    /// <summary>The set labels only some fields (invoice2data): only those are scored, a field it does not state is neither right nor wrong.</summary>
    public bool StatedFieldsOnly { get; init; }
    public string Name => Path.GetFileName(DocumentPath);
}
