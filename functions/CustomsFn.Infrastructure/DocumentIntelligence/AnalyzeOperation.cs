using System.Text.Json;
using Azure;

namespace CustomsFn.Infrastructure.DocumentIntelligence;

/// <summary>
/// The long-running analysis started by <see cref="DocumentIntelligenceClient.StartAnalyzeAsync"/>: each update GETs the
/// Operation-Location; Azure.Core's poller waits between updates for the longer of the configured interval and the
/// service's Retry-After.
/// </summary>
public sealed class AnalyzeOperation : Operation<AnalyzeOutcome>
{
    private readonly DocumentIntelligenceClient _client;
    private readonly Uri _location;
    private readonly string _modelId;
    private Response _raw;
    private AnalyzeOutcome? _value;
    private bool _completed;

    internal AnalyzeOperation(DocumentIntelligenceClient client, Uri location, Response initial, string modelId)
    {
        _client = client;
        _location = location;
        _raw = initial;
        _modelId = modelId;
        Id = location.Segments[^1].TrimEnd('/');
    }

    public override string Id { get; }

    public Uri OperationLocation => _location;

    public override AnalyzeOutcome Value => _value ?? throw new InvalidOperationException(
        _completed ? "The analysis finished without a result." : "The analysis has not finished; call WaitForCompletionAsync.");

    public override bool HasCompleted => _completed;

    public override bool HasValue => _value is not null;

    public override Response GetRawResponse() => _raw;

    public override Response UpdateStatus(CancellationToken cancellationToken = default) =>
        UpdateAsync(async: false, cancellationToken).AsTask().GetAwaiter().GetResult();

    public override ValueTask<Response> UpdateStatusAsync(CancellationToken cancellationToken = default) =>
        UpdateAsync(async: true, cancellationToken);

    private async ValueTask<Response> UpdateAsync(bool async, CancellationToken cancellationToken)
    {
        if (_completed) return _raw;
        var (response, body) = await _client.GetAsync(_location, async, cancellationToken).ConfigureAwait(false);
        _raw = response;
        if (response.Status != 200) throw DocumentIntelligenceClient.Failure("Polling the analysis", response);

        JsonElement root;
        try
        {
            using var doc = JsonDocument.Parse(body);
            root = doc.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new DocumentIntelligenceException($"Document Intelligence sent a malformed status response (not JSON: {ex.Message}).", response.Status, null, ex);
        }
        var status = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
        switch (status?.ToLowerInvariant())
        {
            case "notstarted" or "running":
                return response;
            case "succeeded":
                if (!root.TryGetProperty("analyzeResult", out var ar) || ar.ValueKind != JsonValueKind.Object)
                    throw new DocumentIntelligenceException("Document Intelligence reported success but sent no analyzeResult.", response.Status, null);
                _completed = true;
                _value = new AnalyzeOutcome(_modelId, _client.Options.ApiVersion, Id, root);
                return response;
            case "failed" or "canceled" or "cancelled":
                _completed = true;
                var (code, text) = DocumentIntelligenceClient.ReadError(body);
                throw new DocumentIntelligenceException(
                    $"Document Intelligence analysis {status}{(code is null ? "" : $" ({code})")}{(text is null ? "" : $": {text}")}", response.Status, code);
            default:
                throw new DocumentIntelligenceException(
                    $"Document Intelligence sent a malformed status response (status '{status ?? "missing"}').", response.Status, null);
        }
    }
}
