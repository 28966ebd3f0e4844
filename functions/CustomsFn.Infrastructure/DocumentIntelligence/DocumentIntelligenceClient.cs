using System.Globalization;
using System.Text.Json;
using System.Threading.RateLimiting;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;

namespace CustomsFn.Infrastructure.DocumentIntelligence;

/// <summary>
/// A small REST client for Azure AI Document Intelligence (Form Recognizer) on Azure.Core's HTTP pipeline:
/// <c>POST {endpoint}/documentintelligence/documentModels/{modelId}:analyze?api-version=2024-11-30</c> with the file as the
/// body, then polling of <c>Operation-Location</c> (honouring <c>Retry-After</c>) until the result is ready. Retries with
/// exponential backoff on 408/429/500/502/503/504 and network errors (Retry-After honoured), a per-request timeout, an
/// overall timeout, a client-side limit on analyze requests per second, key or Microsoft Entra ID authentication.
/// </summary>
public sealed class DocumentIntelligenceClient : IDisposable
{
    /// <summary>Token scope for Microsoft Entra ID authentication.</summary>
    public const string Scope = "https://cognitiveservices.azure.com/.default";

    public const string KeyHeader = "Ocp-Apim-Subscription-Key";

    private readonly DocumentIntelligenceOptions _options;
    private readonly HttpPipeline _pipeline;
    private readonly RateLimiter _limiter;
    private readonly bool _ownsLimiter;
    private readonly Uri _endpoint;

    /// <summary>Key authentication when <see cref="DocumentIntelligenceOptions.Key"/> is set, otherwise <c>DefaultAzureCredential</c>.</summary>
    public DocumentIntelligenceClient(DocumentIntelligenceOptions options, DocumentIntelligenceClientOptions? clientOptions = null, RateLimiter? limiter = null)
        : this(options, string.IsNullOrEmpty(options.Key) ? new DefaultAzureCredential() : null, clientOptions, limiter)
    {
    }

    /// <summary>With an explicit token credential (used when no key is configured).</summary>
    public DocumentIntelligenceClient(DocumentIntelligenceOptions options, TokenCredential? credential, DocumentIntelligenceClientOptions? clientOptions = null, RateLimiter? limiter = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _endpoint = options.Endpoint ?? throw new InvalidOperationException("DocumentIntelligence:Endpoint is not set.");
        clientOptions ??= new DocumentIntelligenceClientOptions();
        clientOptions.Retry.Mode = RetryMode.Exponential;
        clientOptions.Retry.MaxRetries = options.MaxRetries;
        clientOptions.Retry.Delay = options.RetryDelay;
        clientOptions.Retry.MaxDelay = options.MaxRetryDelay;
        clientOptions.Retry.NetworkTimeout = options.RequestTimeout;

        _ownsLimiter = limiter is null;
        _limiter = limiter ?? SlidingWindowLogRateLimiter.PerSecond(options.MaxRequestsPerSecond);

        HttpPipelinePolicy auth = !string.IsNullOrEmpty(options.Key)
            ? new KeyHeaderPolicy(options.Key)
            : new BearerTokenAuthenticationPolicy(credential ?? throw new ArgumentNullException(nameof(credential), "Give a key or a token credential."), Scope);
        // Per retry: every try of an analyze request takes a permit, so retries count against the rate too.
        _pipeline = HttpPipelineBuilder.Build(clientOptions, [], [new AnalyzeRateLimitPolicy(_limiter), auth], new ResponseClassifier());
    }

    public DocumentIntelligenceOptions Options => _options;

    /// <summary>The analyze URL for a model under the configured API version and path.</summary>
    public Uri AnalyzeUri(string modelId)
    {
        var basePath = _endpoint.AbsoluteUri.TrimEnd('/');
        var v = Uri.EscapeDataString(_options.ApiVersion);
        var m = Uri.EscapeDataString(modelId);
        if (_options.IsV2)
        {
            // v2.x: prebuilt-invoice -> prebuilt/invoice/analyze; custom -> custom/models/{id}/analyze.
            var route = modelId.StartsWith("prebuilt-", StringComparison.Ordinal)
                ? $"prebuilt/{Uri.EscapeDataString(modelId["prebuilt-".Length..])}/analyze"
                : $"custom/models/{m}/analyze";
            return new Uri($"{basePath}/formrecognizer/{v}/{route}");
        }
        return new Uri($"{basePath}/{_options.ResolvedApiPath}/documentModels/{m}:analyze?api-version={v}");
    }

    /// <summary>
    /// Analyzes a document and waits for the result within <see cref="DocumentIntelligenceOptions.Timeout"/>.
    /// Throws <see cref="DocumentIntelligenceException"/> (or its timeout subclass) when no result can be had.
    /// </summary>
    public async Task<AnalyzeOutcome> AnalyzeDocumentAsync(string modelId, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(_options.Timeout);
        try
        {
            var operation = await StartAnalyzeAsync(modelId, content, contentType, cts.Token).ConfigureAwait(false);
            await operation.WaitForCompletionAsync(DelayStrategy.CreateFixedDelayStrategy(_options.PollInterval), cts.Token).ConfigureAwait(false);
            return operation.Value;
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && cts.IsCancellationRequested)
        {
            throw new DocumentIntelligenceTimeoutException(
                $"Document Intelligence did not return a result within the configured timeout of {_options.Timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s (DocumentIntelligence:Timeout).", ex);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && IsNetworkTimeout(ex))
        {
            throw new DocumentIntelligenceTimeoutException(
                $"Document Intelligence did not respond within the request timeout of {_options.RequestTimeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s on any of {_options.MaxRetries + 1} tries (DocumentIntelligence:RequestTimeout).", ex);
        }
        catch (RequestFailedException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DocumentIntelligenceException($"Document Intelligence request failed: {ex.Message}", ex.Status, ex.ErrorCode, ex);
        }
        catch (AggregateException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Azure.Core's retry policy reports network failures on every try as one AggregateException.
            throw new DocumentIntelligenceException(
                $"Document Intelligence could not be reached on any of {_options.MaxRetries + 1} tries: {ex.InnerExceptions[^1].Message}", 0, null, ex);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is IOException or HttpRequestException)
        {
            // A connection dropped where the retry policy does not see it (reading a response body after the pipeline
            // returned it): the service gave no result, as for any other network failure.
            throw new DocumentIntelligenceException($"Document Intelligence connection failed: {ex.Message}", 0, null, ex);
        }
    }

    /// <summary>Sends the analyze request and returns the long-running operation it started (202 + Operation-Location).</summary>
    public async Task<AnalyzeOperation> StartAnalyzeAsync(string modelId, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        ArgumentException.ThrowIfNullOrWhiteSpace(contentType);
        using var message = _pipeline.CreateMessage();
        var request = message.Request;
        request.Method = RequestMethod.Post;
        request.Uri.Reset(AnalyzeUri(modelId));
        request.Headers.SetValue(HttpHeader.Names.ContentType, contentType);
        request.Headers.SetValue(HttpHeader.Names.Accept, "application/json");
        request.Content = RequestContent.Create(content);
        message.SetProperty(typeof(AnalyzeRateLimitPolicy), true);
        await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var response = message.Response;
        if (response.Status != 202)
            throw Failure("The analyze request", response);
        if (!response.Headers.TryGetValue("Operation-Location", out var location) || !Uri.TryCreate(location, UriKind.Absolute, out var operationUri))
            throw new DocumentIntelligenceException("Document Intelligence accepted the document (202) but sent no valid Operation-Location header.", 202, null);
        if (Uri.Compare(operationUri, _endpoint, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) != 0)
            throw new DocumentIntelligenceException($"Document Intelligence sent an Operation-Location on another host ({operationUri.Host}); credentials are not sent there.", 202, null);
        return new AnalyzeOperation(this, operationUri, response, modelId);
    }

    internal async ValueTask<(Response Response, byte[] Body)> GetAsync(Uri uri, bool async, CancellationToken cancellationToken)
    {
        using var message = _pipeline.CreateMessage();
        message.Request.Method = RequestMethod.Get;
        message.Request.Uri.Reset(uri);
        message.Request.Headers.SetValue(HttpHeader.Names.Accept, "application/json");
        if (async) await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        else _pipeline.Send(message, cancellationToken);
        var response = message.Response;
        return (response, response.Content.ToArray());
    }

    internal static DocumentIntelligenceException Failure(string what, Response response)
    {
        var (code, text) = ReadError(response.Content.ToMemory());
        var retryNote = response.Status is 429 or 500 or 502 or 503 or 504 ? " after retries" : string.Empty;
        return new DocumentIntelligenceException(
            $"{what} failed with HTTP {response.Status}{retryNote}{(code is null ? "" : $" ({code})")}{(text is null ? "" : $": {text}")}", response.Status, code);
    }

    /// <summary>Reads <c>{"error":{"code","message","innererror":{"code","message"}}}</c>; the innermost code is the most specific.</summary>
    internal static (string? Code, string? Message) ReadError(ReadOnlyMemory<byte> body)
    {
        if (body.IsEmpty) return (null, null);
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("error", out var error) || error.ValueKind != JsonValueKind.Object)
                return (null, null);
            string? code = null, text = null;
            for (var e = error; e.ValueKind == JsonValueKind.Object;)
            {
                if (e.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String) code = c.GetString();
                if (e.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String) text = m.GetString();
                if (!e.TryGetProperty("innererror", out e)) break;
            }
            return (code, text is { Length: > 300 } ? text[..300] + "…" : text);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    private static bool IsNetworkTimeout(Exception ex) => ex switch
    {
        TaskCanceledException => true,
        AggregateException a => a.InnerExceptions.Count > 0 && a.InnerExceptions.All(i => i is TaskCanceledException or TimeoutException),
        _ => false,
    };

    public void Dispose()
    {
        if (_ownsLimiter) _limiter.Dispose();
    }

    /// <summary>Sets the resource key header on every try.</summary>
    private sealed class KeyHeaderPolicy(string key) : HttpPipelineSynchronousPolicy
    {
        public override void OnSendingRequest(HttpMessage message) => message.Request.Headers.SetValue(KeyHeader, key);
    }

    /// <summary>Takes a rate-limit permit before each try of an analyze request (polling is not limited).</summary>
    private sealed class AnalyzeRateLimitPolicy(RateLimiter limiter) : HttpPipelinePolicy
    {
        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            if (message.TryGetProperty(typeof(AnalyzeRateLimitPolicy), out _))
            {
                using var lease = await limiter.AcquireAsync(1, message.CancellationToken).ConfigureAwait(false);
                if (!lease.IsAcquired) throw new DocumentIntelligenceException("The client-side rate limiter refused the request.");
            }
            await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
        }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            if (message.TryGetProperty(typeof(AnalyzeRateLimitPolicy), out _))
            {
                using var lease = limiter.AcquireAsync(1, message.CancellationToken).AsTask().GetAwaiter().GetResult();
                if (!lease.IsAcquired) throw new DocumentIntelligenceException("The client-side rate limiter refused the request.");
            }
            ProcessNext(message, pipeline);
        }
    }
}
