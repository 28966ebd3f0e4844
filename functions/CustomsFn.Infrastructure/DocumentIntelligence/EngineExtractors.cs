using CustomsFn.Core.Extraction;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CustomsFn.Infrastructure.DocumentIntelligence;

/// <summary>
/// Composes the extractor list for the configured engine around the local chain: <c>local</c> returns it unchanged;
/// <c>document-intelligence</c> puts Document Intelligence before it (every PDF and image to the service, XML and EDIFACT
/// stay local); <c>auto</c> wraps it in an <see cref="AutoEngineExtractor"/>. Owns the client (one per process, so one
/// rate limiter for every document).
/// </summary>
public sealed class EngineExtractors : IDisposable
{
    private readonly DocumentIntelligenceOptions _options;
    private readonly ILoggerFactory _loggers;
    private readonly Lazy<DocumentIntelligenceClient>? _client;

    public EngineExtractors(DocumentIntelligenceOptions options, ILoggerFactory? loggers = null, Func<DocumentIntelligenceOptions, DocumentIntelligenceClient>? clientFactory = null)
    {
        options.Validate();
        _options = options;
        _loggers = loggers ?? NullLoggerFactory.Instance;
        Engine = ExtractionEngines.Normalize(options.Engine)!;
        if (Engine == ExtractionEngines.DocumentIntelligence && !options.IsConfigured)
            throw new InvalidOperationException(
                "The document-intelligence engine needs DocumentIntelligence:Endpoint (and DocumentIntelligence:Key, or an identity for DefaultAzureCredential).");
        if (options.IsConfigured && Engine != ExtractionEngines.Local)
            _client = new Lazy<DocumentIntelligenceClient>(() => (clientFactory ?? (o => new DocumentIntelligenceClient(o)))(options));
    }

    /// <summary>The normalised engine name.</summary>
    public string Engine { get; }

    public IReadOnlyList<IDocumentExtractor> Compose(IReadOnlyList<IDocumentExtractor> local)
    {
        if (_client is null) return local;
        var cloud = new DocumentIntelligenceExtractor(_client.Value, logger: _loggers.CreateLogger<DocumentIntelligenceExtractor>());
        return Engine == ExtractionEngines.DocumentIntelligence
            ? [cloud, .. local]
            : [new AutoEngineExtractor(local, cloud, logger: _loggers.CreateLogger<AutoEngineExtractor>())];
    }

    public void Dispose()
    {
        if (_client is { IsValueCreated: true }) _client.Value.Dispose();
    }
}
