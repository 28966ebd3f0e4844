namespace CustomsFn.Infrastructure.DocumentIntelligence;

/// <summary>The extraction engine (configuration <c>DocumentIntelligence:Engine</c>, CLI <c>--engine</c>).</summary>
public static class ExtractionEngines
{
    /// <summary>Only the embedded extractors (no network).</summary>
    public const string Local = "local";

    /// <summary>Every PDF and image goes to Azure AI Document Intelligence; structured formats (XML, EDIFACT) stay local.</summary>
    public const string DocumentIntelligence = "document-intelligence";

    /// <summary>Local for structured and text-layer documents, Document Intelligence for scans and images, local again when the service fails.</summary>
    public const string Auto = "auto";

    public static readonly IReadOnlyList<string> All = [Local, DocumentIntelligence, Auto];

    public static string? Normalize(string? engine) =>
        All.FirstOrDefault(e => string.Equals(e, engine?.Trim(), StringComparison.OrdinalIgnoreCase));
}
