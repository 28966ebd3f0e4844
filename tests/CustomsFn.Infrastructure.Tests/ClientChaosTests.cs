using System.Collections.Concurrent;
using System.Text;
using CustomsFn.Core;
using CustomsFn.Core.Contract;
using CustomsFn.Core.Extraction;
using CustomsFn.Core.Extraction.Ocr;
using CustomsFn.Core.Foundation;
using CustomsFn.Core.Model;
using CustomsFn.Core.Pipeline;
using CustomsFn.Core.Rules;
using CustomsFn.Infrastructure.DocumentIntelligence;
using CustomsFn.Infrastructure.Tests.Support;
using Xunit.Abstractions;

namespace CustomsFn.Infrastructure.Tests;

/// <summary>
/// The Document Intelligence client under Polly chaos in its transport (503s, timed-out requests, connections dropped
/// before sending, poll responses lost after the service answered, latency), against the fake service speaking the real
/// protocol, which also hangs now and then and is down for good for some documents. Every document is delivered three
/// times at once to three pipelines sharing one write-once store. Each ends with exactly one result and one message: the
/// service's answer, or under <c>auto</c> the local reading with ENGINE-001, or under <c>document-intelligence</c> a
/// rejection with a specific INPUT-* code; and nothing hangs.
/// </summary>
public sealed class ClientChaosTests(ITestOutputHelper output)
{
    private const int Documents = 16;
    private const int Deliveries = 3;
    /// <summary>Documents this long find the service down for good (it answers their analyze requests with 503 only).</summary>
    private const int DownLength = 4096;
    private const string ServiceInvoiceNumber = "RHW-2026-00417";

    [Theory]
    [InlineData(ExtractionEngines.Auto)]
    [InlineData(ExtractionEngines.DocumentIntelligence)]
    public async Task ChaosAndDuplicateDeliveries_EveryDocumentGetsExactlyOneResult(string engineName)
    {
        await using var fake = await FakeDocumentIntelligence.StartAsync();
        fake.OnAnalyze = (ctx, _) => ctx.Request.ContentLength == DownLength
            ? FakeDocumentIntelligence.ErrorAsync(ctx, 503, "ServiceUnavailable", "The service is temporarily unavailable.")
            : FakeDocumentIntelligence.AcceptAsync(ctx);
        // Every third poll: still running; every eleventh: no answer at all (the client's request timeout ends it).
        fake.OnPoll = (ctx, n) => (n % 11) switch
        {
            0 => FakeDocumentIntelligence.HangAsync(ctx),
            _ when n % 3 == 0 => FakeDocumentIntelligence.JsonAsync(ctx, 200, FakeDocumentIntelligence.Running),
            _ => FakeDocumentIntelligence.JsonAsync(ctx, 200, Support.Documents.SyntheticInvoice),
        };
        var chaos = new ChaosTransport(seed: 20261126 + engineName.Length, unavailableRate: 0.2, lostResponseRate: 0.15);
        var options = Clients.Options(fake.Endpoint, o =>
        {
            o.Engine = engineName;
            o.MaxRetries = 2;
            o.RequestTimeout = TimeSpan.FromSeconds(1);
            o.Timeout = TimeSpan.FromSeconds(15);
        });
        using var engines = new EngineExtractors(options, clientFactory: o => new DocumentIntelligenceClient(o, new DocumentIntelligenceClientOptions { Transport = chaos }));
        var local = new StubLocalExtractor(DocumentFormat.Image, DocumentFormat.Pdf);
        var pipelineOptions = new PipelineOptions();
        IReadOnlyList<IDocumentExtractor> localChain = [.. CustomsDefaults.Extractors(pipelineOptions).Where(e => e is not OcrExtractor), local];
        var processor = new DocumentProcessor(engines.Compose(localChain), RuleEngine.CreateDefault(), pipelineOptions);
        var store = new MemoryResultStore();
        var publisher = new RecordingPublisher();
        var audit = new NullAudit();

        var documents = Enumerable.Range(0, Documents).Select(Document).ToList();
        var deliveries = documents.SelectMany(d => Enumerable.Range(0, Deliveries).Select(_ => Task.Run(() =>
            new CustomsPipeline(processor, store, publisher, audit) { PublishGrace = TimeSpan.FromSeconds(20) }
                .ProcessAsync(new MemoryStream(d.Bytes), new DocumentRef(d.Name), CancellationToken.None))));
        // Nothing hangs: the client's overall timeout bounds each document, and the whole run with it.
        var outcomes = await Task.WhenAll(deliveries).WaitAsync(TimeSpan.FromSeconds(90));

        output.WriteLine($"{engineName}: injected {chaos.Unavailable} x 503, {chaos.Timeouts} timeouts, {chaos.Dropped} dropped connections, {chaos.LostResponses} lost responses; " +
            $"{fake.Analyzes.Count()} analyze and {fake.Polls.Count()} poll requests reached the service");
        Assert.True(chaos.Unavailable > 0 && chaos.Timeouts > 0 && chaos.Dropped > 0 && chaos.LostResponses > 0, "each kind of fault must have been injected");

        int service = 0, fallback = 0, rejected = 0;
        foreach (var d in documents)
        {
            var id = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(d.Bytes));
            var result = Assert.Single(store.Created, r => r.DocumentId == id);
            Assert.Equal(1, publisher.Messages.Count(m => m.DocumentId == id));
            Assert.Equal(Deliveries, outcomes.Count(o => o.Result.DocumentId == id));
            Assert.Equal(1, outcomes.Count(o => o.Result.DocumentId == id && o.Kind == OutcomeKind.Processed));
            if (result.Extractor?.Name == "document-intelligence")
            {
                // The service's answer, untouched by the faults on the way.
                Assert.Equal(ServiceInvoiceNumber, result.Fields.GetText(FieldNames.InvoiceNumber));
                Assert.DoesNotContain(result.Findings, f => f.Rule == AutoEngineExtractor.FallbackRule || f.Rule.StartsWith("INPUT-", StringComparison.Ordinal));
                Assert.NotEqual(DownLength, d.Bytes.Length);
                service++;
            }
            else if (engineName == ExtractionEngines.Auto)
            {
                Assert.True(result.Extractor?.Name == "local-stub",
                    $"expected the local fallback, got {result.Extractor?.Name ?? "no extractor"}: {string.Join(" | ", result.Findings.Select(f => f.Rule + " " + f.Message))}");
                var warning = Assert.Single(result.Findings, f => f.Rule == AutoEngineExtractor.FallbackRule);
                Assert.Equal(Severity.Warning, warning.Severity);
                fallback++;
            }
            else
            {
                Assert.Equal(ResultStatus.Rejected, result.Status);
                var finding = Assert.Single(result.Findings);
                Assert.Contains(finding.Rule, new[] { InputCodes.Timeout, InputCodes.Unprocessable });
                rejected++;
            }
        }
        output.WriteLine($"{service} answered by the service, {fallback} read locally (ENGINE-001), {rejected} rejected");
        Assert.True(service > 0, "some documents must have got through the chaos to the service's answer");
        Assert.True(fallback + rejected >= 2, "the documents the service refuses must end with the fallback or a rejection");
        Assert.Equal(0, engineName == ExtractionEngines.Auto ? rejected : fallback);
    }

    /// <summary>A small JPEG header plus a distinct tail (no 0xFF bytes in it); the first two are padded to <see cref="DownLength"/>.</summary>
    private static (string Name, byte[] Bytes) Document(int i)
    {
        var tail = Encoding.ASCII.GetBytes($"document {i} of the chaos run");
        var bytes = new byte[i < 2 ? DownLength : Clients.Jpeg.Length + tail.Length];
        Clients.Jpeg.CopyTo(bytes, 0);
        tail.CopyTo(bytes, Clients.Jpeg.Length);
        return ($"incoming/scan-{i}.jpg", bytes);
    }

    /// <summary>Write-once results with a published marker, as the blob store keeps them (one process here).</summary>
    private sealed class MemoryResultStore : IResultStore
    {
        private readonly ConcurrentDictionary<string, StoredResult> _results = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, bool> _claims = new(StringComparer.Ordinal);

        public IEnumerable<CustomsResult> Created => _results.Values.Select(r => r.Result);

        public Task<StoredResult?> GetAsync(string documentId, CancellationToken cancellationToken) =>
            Task.FromResult(_results.TryGetValue(documentId, out var r) ? r : null);

        public Task<bool> TryCreateAsync(CustomsResult result, CancellationToken cancellationToken) =>
            Task.FromResult(_results.TryAdd(result.DocumentId, new StoredResult(result, Published: false) { StoredAt = DateTimeOffset.UtcNow }));

        public Task MarkPublishedAsync(string documentId, CancellationToken cancellationToken)
        {
            _results.AddOrUpdate(documentId, _ => throw new InvalidOperationException("no result to mark"), (_, r) => r with { Published = true });
            return Task.CompletedTask;
        }

        public Task<bool> TryClaimPublicationAsync(string documentId, CancellationToken cancellationToken) =>
            Task.FromResult(_claims.TryAdd(documentId, true));
    }

    private sealed class RecordingPublisher : IResultPublisher
    {
        public ConcurrentQueue<ResultMessage> Messages { get; } = new();

        public Task PublishAsync(ResultMessage message, bool toReviewQueue, CancellationToken cancellationToken)
        {
            Messages.Enqueue(message);
            return Task.CompletedTask;
        }
    }

    private sealed class NullAudit : IAuditLog
    {
        public Task AppendAsync(AuditRecord record, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
