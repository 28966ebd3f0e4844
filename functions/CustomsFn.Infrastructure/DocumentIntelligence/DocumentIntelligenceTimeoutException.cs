namespace CustomsFn.Infrastructure.DocumentIntelligence;

/// <summary>The analysis did not finish within <see cref="DocumentIntelligenceOptions.Timeout"/> (or a request within its timeout on every try).</summary>
public sealed class DocumentIntelligenceTimeoutException : DocumentIntelligenceException
{
    public DocumentIntelligenceTimeoutException() { }

    public DocumentIntelligenceTimeoutException(string message) : base(message) { }

    public DocumentIntelligenceTimeoutException(string message, Exception? inner) : base(message, inner) { }
}
