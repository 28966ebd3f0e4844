using System.Diagnostics;
using Azure.Core;
using Azure.Core.Pipeline;
using CustomsFn.Infrastructure.DocumentIntelligence;

namespace CustomsFn.Infrastructure.Tests.Support;

internal static class Clients
{
    public const string Key = "test-key-0123456789";

    /// <summary>Options for tests: the fake's endpoint, a key, fast retries and polling.</summary>
    public static DocumentIntelligenceOptions Options(Uri endpoint, Action<DocumentIntelligenceOptions>? configure = null)
    {
        var o = new DocumentIntelligenceOptions
        {
            Endpoint = endpoint,
            Key = Key,
            RetryDelay = TimeSpan.FromMilliseconds(20),
            MaxRetryDelay = TimeSpan.FromMilliseconds(200),
            PollInterval = TimeSpan.FromMilliseconds(10),
            RequestTimeout = TimeSpan.FromSeconds(10),
            Timeout = TimeSpan.FromSeconds(20),
            MaxRequestsPerSecond = 1000,
        };
        configure?.Invoke(o);
        return o;
    }

    public static DocumentIntelligenceClient Create(Uri endpoint, Action<DocumentIntelligenceOptions>? configure = null) =>
        new(Options(endpoint, configure));

    /// <summary>A client whose every try carries the time it left the client (after the rate limiter) in x-test-sent.</summary>
    public static DocumentIntelligenceClient Stamped(Uri endpoint, Action<DocumentIntelligenceOptions>? configure = null)
    {
        var clientOptions = new DocumentIntelligenceClientOptions();
        clientOptions.AddPolicy(new SentStampPolicy(), HttpPipelinePosition.PerRetry);
        return new DocumentIntelligenceClient(Options(endpoint, configure), clientOptions);
    }

    private sealed class SentStampPolicy : HttpPipelineSynchronousPolicy
    {
        public override void OnSendingRequest(HttpMessage message) =>
            message.Request.Headers.SetValue(FakeDocumentIntelligence.SentHeader, Stopwatch.GetTimestamp().ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>A few bytes that sniff as JPEG (the fake service does not decode them).</summary>
    public static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00, 0x01, 0x01, 0x00, 0x00, 0x01];
}
