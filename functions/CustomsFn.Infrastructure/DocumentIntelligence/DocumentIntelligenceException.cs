namespace CustomsFn.Infrastructure.DocumentIntelligence;

/// <summary>
/// Document Intelligence could not deliver a result: an HTTP error after retries, a failed analysis, a malformed
/// response or a timeout. The message says which, with the service's error code; it never contains document content.
/// </summary>
public class DocumentIntelligenceException : Exception
{
    public DocumentIntelligenceException() { }

    public DocumentIntelligenceException(string message) : base(message) { }

    public DocumentIntelligenceException(string message, Exception? inner) : base(message, inner) { }

    public DocumentIntelligenceException(string message, int status, string? errorCode, Exception? inner = null) : base(message, inner)
    {
        Status = status;
        ErrorCode = errorCode;
    }

    /// <summary>The HTTP status of the failing response, 0 when there was none (timeout, network error).</summary>
    public int Status { get; }

    /// <summary>The service's error code (e.g. "InvalidContent", "Throttled"), when it sent one.</summary>
    public string? ErrorCode { get; }

    /// <summary>
    /// True when the service judged the document itself unusable (400 InvalidContent and similar): another try will not help,
    /// unlike throttling, outages or timeouts.
    /// </summary>
    public bool IsContentError => Status == 400 && ErrorCode is not null &&
        (ErrorCode.Contains("InvalidContent", StringComparison.OrdinalIgnoreCase) || ErrorCode.Contains("InvalidImage", StringComparison.OrdinalIgnoreCase) ||
         ErrorCode.Contains("InvalidPdf", StringComparison.OrdinalIgnoreCase) || ErrorCode.Contains("UnsupportedContent", StringComparison.OrdinalIgnoreCase));
}
