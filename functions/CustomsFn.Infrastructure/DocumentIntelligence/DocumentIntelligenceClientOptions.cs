using Azure.Core;

namespace CustomsFn.Infrastructure.DocumentIntelligence;

/// <summary>Azure.Core client options for <see cref="DocumentIntelligenceClient"/> (transport, diagnostics, retries).</summary>
public sealed class DocumentIntelligenceClientOptions : ClientOptions
{
    public DocumentIntelligenceClientOptions() => Diagnostics.IsLoggingContentEnabled = false;
}
