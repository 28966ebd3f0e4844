using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using CustomsFn.Core;
using CustomsFn.Core.Contract;
using CustomsFn.Core.Foundation;
using CustomsFn.Core.Pipeline;
using CustomsFn.Infrastructure.Storage;
using CustomsFn.IntegrationTests.Support;
using Newtonsoft.Json.Linq;
using Xunit.Abstractions;

namespace CustomsFn.IntegrationTests;

/// <summary>
/// The storage adapters under Polly chaos (503s, timeouts, dropped connections, lost responses, latency) against a real
/// Azurite, with every blob event delivered three times, concurrently, to three separate handlers (three instances).
/// The chaos sits in the clients' transport, so the SDK retries each fault as it would a real one; with two retries per
/// operation some random faults outlast the retries by chance, and four operations meet a sustained outage that outlasts
/// them for certain, failing the invocation as a longer outage would. The trigger's
/// at-least-once retry is simulated by delivering again; in the end every document has exactly one result and exactly one
/// message on each queue it belongs to. The Azurite restart mid-run is covered by LocalHostFlowTests; the Document
/// Intelligence client's faults by CustomsFn.Infrastructure.Tests (ClientFaultTests, ClientChaosTests).
/// </summary>
public sealed class FaultInjectionTests(AzuriteFixture fixture, ITestOutputHelper output) : IClassFixture<AzuriteFixture>
{
    private const int Deliveries = 3;

    /// <summary>
    /// How long a delivery that finds a result stored without its published marker waits for the instance that stored it
    /// (30 s in production) before it publishes itself: long enough for a publish under this chaos on a loaded machine
    /// (at 5 s, one run in six sent a second message: the writer was still publishing), short enough for a test.
    /// </summary>
    private static readonly TimeSpan PublishGrace = TimeSpan.FromSeconds(15);

    private static T WithChaos<T>(T options, ChaosTransport chaos) where T : ClientOptions
    {
        options.Transport = chaos;
        options.Retry.MaxRetries = 2;
        options.Retry.Delay = TimeSpan.FromMilliseconds(20);
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(200);
        options.Retry.Mode = RetryMode.Fixed;
        return options;
    }

    [Fact]
    public async Task ChaosAndDuplicateDeliveries_GiveExactlyOneResultAndOneMessagePerDocument()
    {
        var storage = fixture.Azurite.Storage;
        var chaos = new ChaosTransport(seed: 20261126, sustainedOutages: 4);
        var blobs = storage.Blobs(WithChaos(new BlobClientOptions(), chaos));
        var queues = storage.Queues(WithChaos(new QueueClientOptions(), chaos));
        var tables = storage.Tables(WithChaos(new TableClientOptions(), chaos));

        // Uploads go in cleanly: the faults under test are the processing side's.
        var files = Directory.GetFiles(Path.Combine(TestPaths.RepoRoot, "samples", "documents"), "*.xml")
            .Concat(Directory.GetFiles(Path.Combine(TestPaths.RepoRoot, "samples", "shipments"), "invoice.xml", SearchOption.AllDirectories).Take(3))
            .ToList();
        var incoming = storage.Blobs().GetBlobContainerClient(StorageNames.IncomingContainer);
        var names = new List<string>();
        foreach (var file in files)
        {
            var name = $"chaos-{Guid.NewGuid():N}-{Path.GetFileName(file)}";
            await incoming.UploadBlobAsync(name, BinaryData.FromBytes(await File.ReadAllBytesAsync(file)));
            names.Add(name);
        }

        IncomingBlobHandler NewInstance() => new(
            new CustomsPipeline(CustomsDefaults.CreateProcessor(),
                new BlobResultStore(blobs.GetBlobContainerClient(StorageNames.ResultsContainer)),
                new QueueResultPublisher(queues.GetQueueClient(StorageNames.ResultsQueue), queues.GetQueueClient(StorageNames.ReviewQueue)),
                new TableAuditLog(tables.GetTableClient(StorageNames.AuditTable))) { PublishGrace = PublishGrace },
            new ProcessedMarkers(blobs.GetBlobContainerClient(StorageNames.ResultsContainer)));

        var failedAttempts = 0;
        var failures = new List<string>();
        // What each delivery of each upload ended with, printed for a document that breaks the rule.
        var history = new System.Collections.Concurrent.ConcurrentDictionary<string, System.Collections.Concurrent.ConcurrentQueue<string>>();
        async Task DeliverUntilHandledAsync(string name)
        {
            var handler = NewInstance();
            var blob = blobs.GetBlobContainerClient(StorageNames.IncomingContainer).GetBlobClient(name);
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    var outcome = await handler.HandleAsync(blob, CancellationToken.None);
                    history.GetOrAdd(name, _ => []).Enqueue($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {outcome?.Kind.ToString() ?? "already marked"}");
                    return;
                }
                catch (Exception ex) when (attempt < 10 && ex is not OutOfMemoryException)
                {
                    // The blob trigger retries a failed invocation (at least once delivery): so does this test.
                    Interlocked.Increment(ref failedAttempts);
                    lock (failures) failures.Add($"{ex.GetType().Name}: {ex.Message.Split('\n')[0]}");
                    history.GetOrAdd(name, _ => []).Enqueue($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} failed: {ex.GetType().Name}");
                }
            }
        }

        await Task.WhenAll(names.SelectMany(n => Enumerable.Range(0, Deliveries).Select(_ => DeliverUntilHandledAsync(n))));
        // A late redelivery after everything settled.
        await Task.WhenAll(names.Select(DeliverUntilHandledAsync));

        output.WriteLine($"{names.Count} documents x {Deliveries + 1} deliveries; injected: {chaos.Unavailable} x 503, {chaos.Timeouts} timeouts, {chaos.Dropped} dropped connections, {chaos.LostResponses} lost responses, {chaos.SustainedOutages} sustained outages; {failedAttempts} invocations failed and were redelivered");
        foreach (var f in failures.Distinct()) output.WriteLine("  failed invocation: " + f);
        Assert.True(chaos.Unavailable > 0 && chaos.Timeouts > 0 && chaos.Dropped > 0 && chaos.LostResponses > 0, "the chaos must actually have injected each kind of fault");
        Assert.True(chaos.SustainedOutages > 0, "the sustained outages must have been injected");
        Assert.True(failedAttempts > 0, "some faults must have outlasted the SDK's retries, so that redelivery was exercised");

        var clean = storage;
        var ids = new Dictionary<string, string>();
        var review = new HashSet<string>();
        foreach (var file in files.Zip(names))
        {
            var id = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await File.ReadAllBytesAsync(file.First)));
            ids[file.Second] = id;
            var stored = await new BlobResultStore(clean.Blobs().GetBlobContainerClient(StorageNames.ResultsContainer)).GetAsync(id, CancellationToken.None);
            Assert.NotNull(stored);
            if (!stored.Published) output.WriteLine($"{file.Second}: {string.Join("; ", history.GetValueOrDefault(file.Second) ?? [])}");
            Assert.True(stored.Published, $"{file.Second}: result stored but not marked published");
            if (stored.Result.Status != ResultStatus.Accepted) review.Add(id);
        }

        var resultMessages = await DrainAsync(clean.Queues().GetQueueClient(StorageNames.ResultsQueue));
        var reviewMessages = await DrainAsync(clean.Queues().GetQueueClient(StorageNames.ReviewQueue));
        foreach (var (name, id) in ids)
        {
            if (resultMessages.Count(m => m == id) != 1) output.WriteLine($"{name}: {string.Join("; ", history.GetValueOrDefault(name) ?? [])}");
            Assert.True(1 == resultMessages.Count(m => m == id), $"{name}: {resultMessages.Count(m => m == id)} messages on {StorageNames.ResultsQueue}");
            var expected = review.Contains(id) ? 1 : 0;
            Assert.True(expected == reviewMessages.Count(m => m == id), $"{name}: {reviewMessages.Count(m => m == id)} messages on {StorageNames.ReviewQueue}, expected {expected}");
        }

        // And exactly one audit record of its processing (retried after the send like the marker; stored once however
        // often it was tried).
        var audit = new TableAuditLog(clean.Tables().GetTableClient(StorageNames.AuditTable));
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        foreach (var (name, id) in ids)
        {
            var processed = 0;
            await foreach (var r in audit.QueryAsync(new AuditQuery { From = today.AddDays(-1), To = today.AddDays(1), DocumentId = id, Kind = AuditKinds.Processed }, CancellationToken.None))
                processed++;
            Assert.True(processed == 1, $"{name}: {processed} processed audit records");
        }
    }

    /// <summary>
    /// The answer that lost messages when the chaos sat in a per-retry policy: a 503 that reaches the blob client without
    /// having been classified as an error. The SDK's <c>ExistsAsync</c> takes it for "exists"; the pipeline's checks of the
    /// published and processed markers must not (they would skip publishing and processing): they throw, so the
    /// invocation fails and is redelivered.
    /// </summary>
    [Fact]
    public async Task UnclassifiedServiceBusy_IsNeverTakenForAnExistingMarker()
    {
        var storage = fixture.Azurite.Storage;
        var options = new BlobClientOptions();
        options.AddPolicy(new BusyHeadPolicy(), HttpPipelinePosition.PerRetry);
        var busy = storage.Blobs(options).GetBlobContainerClient(StorageNames.ResultsContainer);
        var result = await CustomsDefaults.CreateProcessor().ProcessAsync(
            new MemoryStream(System.Text.Encoding.UTF8.GetBytes($"<busy id='{Guid.NewGuid():N}'/>")), new DocumentRef("incoming/busy.xml"), CancellationToken.None);
        Assert.True(await new BlobResultStore(storage.Blobs().GetBlobContainerClient(StorageNames.ResultsContainer)).TryCreateAsync(result, CancellationToken.None));

        // Why the SDK's ExistsAsync is not used: no marker was written, yet it answers true.
        Assert.True((await busy.GetBlobClient(BlobResultStore.PublishedPrefix + result.DocumentId).ExistsAsync()).Value);

        await Assert.ThrowsAsync<RequestFailedException>(() => new BlobResultStore(busy).GetAsync(result.DocumentId, CancellationToken.None));
        await Assert.ThrowsAsync<RequestFailedException>(() => new ProcessedMarkers(busy).ExistsAsync("busy.xml", new ETag("\"0x1\""), CancellationToken.None));
        // Without the fault both answer from storage: stored, not published; no processed marker.
        var clean = storage.Blobs().GetBlobContainerClient(StorageNames.ResultsContainer);
        Assert.False((await new BlobResultStore(clean).GetAsync(result.DocumentId, CancellationToken.None))!.Published);
        Assert.False(await new ProcessedMarkers(clean).ExistsAsync("busy.xml", new ETag("\"0x1\""), CancellationToken.None));
    }

    /// <summary>Answers every HEAD request with a 503 of its own, after the transport: the SDK never classifies it.</summary>
    private sealed class BusyHeadPolicy : HttpPipelinePolicy
    {
        public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            if (message.Request.Method != RequestMethod.Head) return ProcessNextAsync(message, pipeline);
            message.Response = new ServiceBusyResponse(message.Request.ClientRequestId);
            return ValueTask.CompletedTask;
        }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();
    }

    /// <summary>Receives (and deletes) every message, returning their document ids.</summary>
    private static async Task<List<string>> DrainAsync(QueueClient queue)
    {
        var ids = new List<string>();
        while (true)
        {
            var batch = (await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(5))).Value;
            if (batch.Length == 0) return ids;
            foreach (var m in batch)
            {
                ids.Add((string)JObject.Parse(m.Body.ToString())["documentId"]!);
                await queue.DeleteMessageAsync(m.MessageId, m.PopReceipt);
            }
        }
    }
}
