using System.Diagnostics.CodeAnalysis;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Polly;
using Polly.Simmy;
using Polly.Simmy.Fault;
using Polly.Simmy.Latency;
using Polly.Simmy.Outcomes;

namespace CustomsFn.Testing;

/// <summary>
/// Fault injection for Azure.Core clients (storage, and the Document Intelligence client), built on Polly's chaos
/// strategies (Simmy), as the clients' transport: every
/// try the SDK makes goes through it, so the SDK's retry policy meets every fault as it would meet a real one: transient
/// 503s, timed-out requests, connections dropped before the request is sent, responses lost after the service handled the
/// request (for idempotent or conditional operations only), and latency that reorders concurrent calls. Seeded. Shared by
/// CustomsFn.IntegrationTests and CustomsFn.Infrastructure.Tests (linked into both).
/// </summary>
/// <remarks>
/// A transport, not a per-retry policy: the SDK classifies a response as an error (<see cref="Response.IsError"/>) right
/// after the transport returns it. A fake 503 returned by a policy skips that step: the retry policy does not retry it, and
/// operations that classify the status themselves take it for success (<c>BlobClient.ExistsAsync</c> answers true, a
/// queue send parses its empty body). That is what made the injected 503s of the first version of this test lose messages:
/// see the README, Security and reliability.
/// </remarks>
public sealed class ChaosTransport : HttpPipelineTransport
{
    private readonly HttpPipelineTransport _inner;
    private readonly ResiliencePipeline<bool> _before;
    private readonly ResiliencePipeline<bool> _after;
    private readonly int _sustainedOutages;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _operations = new();
    private int _unavailable, _timeouts, _dropped, _lost, _sustained, _operationCount;

    /// <param name="sustainedOutages">
    /// How many operations (counted by client request id, which the SDK keeps across the retries of one operation: the
    /// 5th, the 25th, the 45th, ...) meet a sustained outage: every try of them answers 503, so they outlast any retry
    /// policy and fail, as an outage longer than the retries would. Random faults outlast two retries only by chance
    /// (about one operation in forty), so without these a run could exercise no failed operation at all.
    /// </param>
    public ChaosTransport(int seed, double unavailableRate = 0.12, double timeoutRate = 0.06, double dropRate = 0.06, double lostResponseRate = 0.06,
        HttpPipelineTransport? inner = null, int sustainedOutages = 0)
    {
        _inner = inner ?? new HttpClientTransport();
        _sustainedOutages = sustainedOutages;
        var random = new Random(seed);
        double Next() { lock (random) return random.NextDouble(); }
        _before = new ResiliencePipelineBuilder<bool>()
            .AddChaosLatency(new ChaosLatencyStrategyOptions { InjectionRate = 0.2, Latency = TimeSpan.FromMilliseconds(60), Randomizer = Next })
            .AddChaosFault(new ChaosFaultStrategyOptions
            {
                InjectionRate = timeoutRate + dropRate,
                Randomizer = Next,
                FaultGenerator = new FaultGenerator()
                    .AddException(() => { Interlocked.Increment(ref _timeouts); return new TaskCanceledException("chaos: the request timed out", new TimeoutException()); }, weight: (int)(timeoutRate * 1000))
                    .AddException(() => { Interlocked.Increment(ref _dropped); return new IOException("chaos: the connection was reset before the request was sent"); }, weight: (int)(dropRate * 1000)),
            })
            .AddChaosOutcome(new ChaosOutcomeStrategyOptions<bool>
            {
                InjectionRate = unavailableRate,
                Randomizer = Next,
                OutcomeGenerator = _ => { Interlocked.Increment(ref _unavailable); return ValueTask.FromResult<Outcome<bool>?>(Outcome.FromResult(true)); },
            })
            .Build();
        _after = new ResiliencePipelineBuilder<bool>()
            .AddChaosOutcome(new ChaosOutcomeStrategyOptions<bool>
            {
                InjectionRate = lostResponseRate,
                Randomizer = Next,
                OutcomeGenerator = _ => ValueTask.FromResult<Outcome<bool>?>(Outcome.FromResult(true)),
            })
            .Build();
    }

    public int Unavailable => _unavailable;
    public int Timeouts => _timeouts;
    public int Dropped => _dropped;
    public int LostResponses => _lost;
    /// <summary>Operations that met a sustained outage (every try answered 503).</summary>
    public int SustainedOutages => _sustained;
    public int Total => Unavailable + Timeouts + Dropped + LostResponses;

    public override Request CreateRequest() => _inner.CreateRequest();

    public override async ValueTask ProcessAsync(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (InSustainedOutage(message.Request.ClientRequestId))
        {
            message.Response = new ServiceBusyResponse(message.Request.ClientRequestId);
            return;
        }
        // true = answer 503 instead of sending; false = send. Faults are thrown by the strategies themselves.
        var unavailable = await _before.ExecuteAsync(static _ => ValueTask.FromResult(false), message.CancellationToken).ConfigureAwait(false);
        if (unavailable)
        {
            message.Response = new ServiceBusyResponse(message.Request.ClientRequestId);
            return;
        }
        await _inner.ProcessAsync(message).ConfigureAwait(false);
        if (LosableResponse(message) && await _after.ExecuteAsync(static _ => ValueTask.FromResult(false), message.CancellationToken).ConfigureAwait(false))
        {
            Interlocked.Increment(ref _lost);
            throw new IOException("chaos: the connection dropped after the service handled the request; the response was lost");
        }
    }

    private bool InSustainedOutage(string clientRequestId)
    {
        if (_sustainedOutages <= 0) return false;
        return _operations.GetOrAdd(clientRequestId, _ =>
        {
            var n = Interlocked.Increment(ref _operationCount);
            if (n % 20 != 5 || n / 20 >= _sustainedOutages) return false;
            Interlocked.Increment(ref _sustained);
            return true;
        });
    }

    public override void Process(HttpMessage message) => ProcessAsync(message).AsTask().GetAwaiter().GetResult();

    /// <summary>
    /// Reads, conditional writes (If-None-Match / If-Match) and deletes can have their response lost and be retried
    /// safely; a queue send cannot (a retry would send the message twice: Azure queues deliver at least once).
    /// </summary>
    private static bool LosableResponse(HttpMessage message)
    {
        var method = message.Request.Method;
        if (method == RequestMethod.Get || method == RequestMethod.Head || method == RequestMethod.Delete) return true;
        return message.Request.Headers.Contains("If-None-Match") || message.Request.Headers.Contains("If-Match");
    }
}

/// <summary>What a service front end answers when it sheds load: 503 (storage's ServerBusy error code), request not executed.</summary>
public sealed class ServiceBusyResponse(string clientRequestId) : Response
{
    private readonly Dictionary<string, string> _headers = new(StringComparer.OrdinalIgnoreCase)
    {
        ["x-ms-error-code"] = "ServerBusy",
        ["Content-Length"] = "0",
    };

    public override int Status => 503;
    public override string ReasonPhrase => "Service Unavailable";
    public override Stream? ContentStream { get; set; } = new MemoryStream();
    public override string ClientRequestId { get; set; } = clientRequestId;
    public override void Dispose() => ContentStream?.Dispose();
    protected override bool ContainsHeader(string name) => _headers.ContainsKey(name);
    protected override IEnumerable<HttpHeader> EnumerateHeaders() => _headers.Select(h => new HttpHeader(h.Key, h.Value));
    protected override bool TryGetHeader(string name, [NotNullWhen(true)] out string? value) => _headers.TryGetValue(name, out value);

    protected override bool TryGetHeaderValues(string name, [NotNullWhen(true)] out IEnumerable<string>? values)
    {
        values = _headers.TryGetValue(name, out var v) ? [v] : null;
        return values is not null;
    }
}
