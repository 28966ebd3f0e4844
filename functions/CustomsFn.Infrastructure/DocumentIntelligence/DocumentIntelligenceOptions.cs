namespace CustomsFn.Infrastructure.DocumentIntelligence;

/// <summary>Azure AI Document Intelligence (configuration section "DocumentIntelligence").</summary>
public sealed class DocumentIntelligenceOptions
{
    public const string SectionName = "DocumentIntelligence";

    /// <summary>The current GA API version (DI v4).</summary>
    public const string DefaultApiVersion = "2024-11-30";

    /// <summary>The Form Recognizer v3.1 GA API version, served on the older <c>formrecognizer/</c> path.</summary>
    public const string FormRecognizerApiVersion = "2023-07-31";

    /// <summary>The resource endpoint, e.g. https://my-resource.cognitiveservices.azure.com. Null: the cloud engine is not configured.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>Resource key sent as Ocp-Apim-Subscription-Key. Null or empty: Microsoft Entra ID through DefaultAzureCredential.</summary>
    public string? Key { get; set; }

    /// <summary><c>local</c> (default), <c>document-intelligence</c> or <c>auto</c>.</summary>
    public string Engine { get; set; } = ExtractionEngines.Local;

    /// <summary>Model for invoices (default prebuilt-invoice).</summary>
    public string ModelId { get; set; } = "prebuilt-invoice";

    /// <summary>Custom (or composed) model for customs declarations; tried when the invoice model finds no invoice.</summary>
    public string? DeclarationModelId { get; set; }

    /// <summary>Custom (or composed) model for packing lists; tried when the invoice model finds no invoice.</summary>
    public string? PackingListModelId { get; set; }

    /// <summary>
    /// 2024-11-30 (default) and 2024-02-29-preview use <c>documentintelligence/</c>; 2023-07-31, 2022-08-31 and the
    /// 2021/2022 previews use <c>formrecognizer/</c>; v2.1 uses <c>formrecognizer/v2.1/prebuilt/invoice/analyze</c>.
    /// </summary>
    public string ApiVersion { get; set; } = DefaultApiVersion;

    /// <summary>Path segment before <c>/documentModels</c>: null derives it from <see cref="ApiVersion"/>; set "formrecognizer" or "documentintelligence" to force.</summary>
    public string? ApiPath { get; set; }

    /// <summary>Analyze requests per second sent by this process at most (the service's default limit is 15 per resource).</summary>
    public double MaxRequestsPerSecond { get; set; } = 15;

    /// <summary>Longest time for one document, upload to result, including retries and polling.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(40);

    /// <summary>Longest time for one HTTP request (one try).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Retries per request on 408, 429, 500, 502, 503, 504 and network errors (exponential backoff; Retry-After honoured).</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>First retry delay (doubles each retry, with jitter) when the service sends no Retry-After.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest retry delay.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Polling interval when the service sends no Retry-After.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>True when an endpoint is set.</summary>
    public bool IsConfigured => Endpoint is not null;

    /// <summary>The path segment for this configuration: "documentintelligence" or "formrecognizer".</summary>
    public string ResolvedApiPath => ApiPath is { Length: > 0 } p ? p.Trim('/') : DefaultPathFor(ApiVersion);

    /// <summary>v2.x API (different URL scheme and result shape).</summary>
    public bool IsV2 => ApiVersion.StartsWith("v2", StringComparison.OrdinalIgnoreCase);

    public static string DefaultPathFor(string apiVersion) =>
        apiVersion.StartsWith("v2", StringComparison.OrdinalIgnoreCase) || string.CompareOrdinal(apiVersion, "2023-10-31") < 0
            ? "formrecognizer"
            : "documentintelligence";

    /// <summary>Throws with a message naming the setting when the options cannot work.</summary>
    public void Validate()
    {
        if (ExtractionEngines.Normalize(Engine) is null)
            throw new InvalidOperationException($"DocumentIntelligence:Engine '{Engine}' is not one of {string.Join(", ", ExtractionEngines.All)}.");
        if (Endpoint is { } e && !e.IsAbsoluteUri)
            throw new InvalidOperationException("DocumentIntelligence:Endpoint must be an absolute URI such as https://my-resource.cognitiveservices.azure.com.");
        if (string.IsNullOrWhiteSpace(ModelId)) throw new InvalidOperationException("DocumentIntelligence:ModelId is empty.");
        if (string.IsNullOrWhiteSpace(ApiVersion)) throw new InvalidOperationException("DocumentIntelligence:ApiVersion is empty.");
        if (MaxRequestsPerSecond is <= 0 or double.NaN) throw new InvalidOperationException("DocumentIntelligence:MaxRequestsPerSecond must be positive.");
        if (Timeout <= TimeSpan.Zero || RequestTimeout <= TimeSpan.Zero) throw new InvalidOperationException("DocumentIntelligence:Timeout and RequestTimeout must be positive.");
        if (MaxRetries < 0) throw new InvalidOperationException("DocumentIntelligence:MaxRetries must not be negative.");
    }
}
