using CustomsFn.Core;
using CustomsFn.Core.Contract;
using CustomsFn.Core.Foundation;
using CustomsFn.Infrastructure.Storage;
using CustomsFn.IntegrationTests.Support;
using CustomsFn.Samples.Consumer;

namespace CustomsFn.IntegrationTests;

/// <summary>The downstream consumer sample against Azurite: claim check, delete after handling, de-duplication, retries, poison.</summary>
public sealed class ConsumerSampleTests(AzuriteFixture fixture) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Consumer_FetchesEachResultOnce_RetriesFailures_AndMovesPoisonAside()
    {
        var storage = fixture.Azurite.Storage;
        var result = await CustomsDefaults.CreateProcessor().ProcessAsync(
            File.OpenRead(Path.Combine(TestPaths.SampleDocuments, "ubl-invoice-de-us-clean.xml")), new DocumentRef("incoming/clean.xml"), CancellationToken.None);
        var store = new BlobResultStore(storage.Blobs().GetBlobContainerClient(StorageNames.ResultsContainer));
        await store.TryCreateAsync(result, CancellationToken.None);
        var publisher = new QueueResultPublisher(storage.Queues().GetQueueClient(StorageNames.ResultsQueue), storage.Queues().GetQueueClient(StorageNames.ReviewQueue));
        var message = ResultMessage.For(result);
        await publisher.PublishAsync(message, false, CancellationToken.None);
        await publisher.PublishAsync(message, false, CancellationToken.None); // at-least-once delivery: the same message twice
        var missingId = new string('a', 64);
        await publisher.PublishAsync(message with { DocumentId = missingId, ResultBlob = StorageNames.ResultBlobPath(missingId) }, false, CancellationToken.None);
        var results = storage.Queues().GetQueueClient(StorageNames.ResultsQueue);
        await results.SendMessageAsync("this is not json");

        var consumer = new ResultConsumer(fixture.Azurite.ConnectionString, new ConsumerOptions { VisibilityTimeout = TimeSpan.FromSeconds(1), MaxDequeueCount = 2 });
        var handled = new List<ResultNotice>();
        var poisonQueue = storage.Queues().GetQueueClient("customs-results-poison");
        int duplicates = 0, retried = 0;
        Assert.True(await Flow.WaitUntilAsync(async () =>
        {
            var report = await consumer.RunOnceAsync((n, _) => { handled.Add(n); return Task.CompletedTask; }, CancellationToken.None);
            duplicates += report.Duplicates;
            retried += report.Retried;
            return await poisonQueue.ExistsAsync() && (await poisonQueue.GetPropertiesAsync()).Value.ApproximateMessagesCount == 2
                && await Flow.MessageCountAsync(results) == 0;
        }, TimeSpan.FromSeconds(60)), "the consumer did not settle");

        var notice = Assert.Single(handled, n => n.DocumentId == result.DocumentId);
        Assert.Equal(result.DocumentId, (string?)notice.Result["documentId"]); // the full result, fetched from the blob
        Assert.Equal("accepted", notice.Status);
        Assert.Equal(1, duplicates);
        Assert.True(retried >= 2, $"the message whose result blob is missing was retried {retried} times");
        var poisoned = await Flow.DrainAsync(poisonQueue);
        Assert.Contains("this is not json", poisoned);
        Assert.Contains(poisoned, p => p.Contains(missingId, StringComparison.Ordinal));
    }
}
