namespace CustomsFn.Core.Foundation;

/// <summary>
/// Thrown by sniffers and extractors when an upload cannot be read at all. The pipeline turns it into a
/// <c>rejected</c> result with an <c>INPUT-*</c> finding; it never escapes the pipeline.
/// </summary>
public sealed class DocumentRejectedException : Exception
{
    public DocumentRejectedException(string code, string message, Exception? inner = null) : base(message, inner)
    {
        if (!code.StartsWith("INPUT-", StringComparison.Ordinal)) throw new ArgumentException("Rejection codes start with INPUT-.", nameof(code));
        Code = code;
    }

    public DocumentRejectedException() : this(InputCodes.Unprocessable, "The document could not be processed.") { }

    public DocumentRejectedException(string message) : this(InputCodes.Unprocessable, message) { }

    public DocumentRejectedException(string message, Exception inner) : this(InputCodes.Unprocessable, message, inner) { }

    public string Code { get; }
}
