using CustomsFn.Bench.LocalHost;
using CustomsFn.Core.Contract;
using CustomsFn.Core.Foundation;
using CustomsFn.Core.Shipments;
using CustomsFn.Infrastructure.Storage;
using CustomsFn.IntegrationTests.Support;

namespace CustomsFn.IntegrationTests;

/// <summary>The blob shipment store on Azurite: its memory of its own writes, and many trackers on one shipment.</summary>
public sealed class ShipmentStoreTests(AzuriteFixture fixture) : IClassFixture<AzuriteFixture>
{
    private StorageClients Storage => fixture.Azurite.Storage;

    private BlobShipmentStore Store(bool remember) =>
        new(Storage.Blobs().GetBlobContainerClient(StorageNames.ResultsContainer)) { RememberOwnWrites = remember };

    private static ShipmentResult Shipment(string id, ShipmentVerdict verdict) => new()
    {
        ShipmentId = id,
        Grouping = new ShipmentGrouping { Rule = GroupingRules.UploadPath, Key = id, Description = id },
        Verdict = verdict,
        Documents = [],
        FindingCounts = new FindingCounts(0, 0, 0),
        Ruleset = ShipmentRules.RulesetVersion,
        UpdatedAt = DateTimeOffset.UnixEpoch,
    };

    [Fact]
    public async Task ShipmentStore_RemembersItsOwnWrites_AndAStaleMemoryOnlyCostsAConflict()
    {
        var id = "remember-" + Guid.NewGuid().ToString("N")[..8];
        var a = Store(remember: true);
        var b = Store(remember: false);
        Assert.True(await a.TrySaveAsync(Shipment(id, ShipmentVerdict.Incomplete), null, CancellationToken.None));
        var own = await a.GetAsync(id, CancellationToken.None);
        Assert.Same(own, await a.GetAsync(id, CancellationToken.None)); // from memory, not parsed again

        // Another instance replaces it: a's memory is stale, so its next conditional write fails, and then it reads storage.
        var fromStorage = (await b.GetAsync(id, CancellationToken.None))!;
        Assert.Equal(own!.ETag, fromStorage.ETag);
        Assert.True(await b.TrySaveAsync(Shipment(id, ShipmentVerdict.Consistent), fromStorage.ETag, CancellationToken.None));
        Assert.Equal(ShipmentVerdict.Incomplete, (await a.GetAsync(id, CancellationToken.None))!.Result.Verdict);
        Assert.False(await a.TrySaveAsync(Shipment(id, ShipmentVerdict.Inconsistent), own.ETag, CancellationToken.None));
        var current = (await a.GetAsync(id, CancellationToken.None))!;
        Assert.Equal(ShipmentVerdict.Consistent, current.Result.Verdict);
        Assert.True(await a.TrySaveAsync(Shipment(id, ShipmentVerdict.Inconsistent), current.ETag, CancellationToken.None));
        Assert.Equal(ShipmentVerdict.Inconsistent, (await b.GetAsync(id, CancellationToken.None))!.Result.Verdict);
    }

    [Fact]
    public async Task ManyTrackers_OnOneShipment_AllArrivalsGetIn()
    {
        // Four instances (each its own store memory and gate), 80 documents into one folder at once: only the ETag keeps them apart.
        var folder = "burst-" + Guid.NewGuid().ToString("N")[..8];
        var results = new BlobResultStore(Storage.Blobs().GetBlobContainerClient(StorageNames.ResultsContainer));
        var queue = Storage.Queues().GetQueueClient(StorageNames.ResultsQueue);
        var trackers = Enumerable.Range(0, 4).Select(_ => new ShipmentTracker(results, Store(remember: true), new QueueShipmentPublisher(queue))).ToList();
        var documents = new DocumentVariants(TestPaths.SampleDocuments).ValidXml(80, folder);
        var processor = Core.CustomsDefaults.CreateProcessor();
        var processed = new List<(CustomsResult Result, DocumentRef Ref)>();
        foreach (var d in documents)
        {
            var reference = new DocumentRef($"incoming/{folder}/{d.Name}");
            var result = await processor.ProcessAsync(new MemoryStream(d.Bytes), reference, CancellationToken.None);
            await results.TryCreateAsync(result, CancellationToken.None);
            processed.Add((result, reference));
        }

        await Task.WhenAll(processed.Select((p, i) => Task.Run(() => trackers[i % trackers.Count].TrackAsync(p.Result, p.Ref, CancellationToken.None))));

        var stored = (await Store(remember: false).GetAsync(folder, CancellationToken.None))!.Result;
        Assert.Equal(processed.Select(p => p.Result.DocumentId).Distinct().Order(StringComparer.Ordinal), stored.Documents.Select(m => m.DocumentId).Order(StringComparer.Ordinal));
    }
}
