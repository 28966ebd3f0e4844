using CustomsFn.Core;
using CustomsFn.Core.Contract;
using CustomsFn.Core.Foundation;
using CustomsFn.Core.Pipeline;
using CustomsFn.Core.Shipments;
using Moq;

namespace CustomsFn.Tests.Shipments;

public sealed class ShipmentTrackerTests
{
    private readonly InMemoryResultStore _results = new();
    private readonly InMemoryShipmentStore _store = new();
    private readonly RecordingShipmentPublisher _publisher = new();

    private ShipmentTracker Tracker(IShipmentStore? store = null) => new(_results, store ?? _store, _publisher, time: new FixedClock(ShipmentSamples.Clock));

    [Fact]
    public async Task EachChange_PublishesOneMessage_ARedeliveryNone()
    {
        var docs = await ShipmentSamples.ProcessAsync("s02-cn-gb-quantity-weight");
        var tracker = Tracker();
        foreach (var (file, result) in docs)
        {
            _results.Add(result);
            await tracker.TrackAsync(result, new DocumentRef($"incoming/s02/{file}"), CancellationToken.None);
        }
        await tracker.TrackAsync(docs[0].Result, new DocumentRef($"incoming/s02/{docs[0].File}"), CancellationToken.None);

        Assert.Equal(2, _publisher.Messages.Count);
        var last = _publisher.Messages[^1];
        Assert.Equal(ShipmentVerdict.Inconsistent, last.Verdict);
        Assert.Equal(2, last.DocumentCount);
        Assert.Equal("results/shipments/s02.json", last.ResultBlob);
        Schemas.AssertValid(Schemas.ShipmentMessage, ResultSerializer.Serialize(last, indented: false), "shipment message");
        var stored = await _store.GetAsync("s02", CancellationToken.None);
        Assert.Equal(last.Fingerprint, stored!.Result.Fingerprint);
        Assert.Equal(GroupingRules.UploadPath, stored.Result.Grouping.Rule);
    }

    [Fact]
    public async Task AConcurrentWriter_IsDetectedByTheETag_AndTheUpdateRetried()
    {
        var docs = await ShipmentSamples.ProcessAsync("s01-de-us-clean");
        var racing = new RacingStore(_store);
        var tracker = Tracker(racing);
        foreach (var (file, result) in docs)
        {
            _results.Add(result);
            await tracker.TrackAsync(result, new DocumentRef($"incoming/s01/{file}"), CancellationToken.None);
        }
        Assert.True(racing.Conflicts >= 1);
        var stored = await _store.GetAsync("s01", CancellationToken.None);
        Assert.Equal(2, stored!.Result.Documents.Count);
        Assert.Equal(ShipmentVerdict.Consistent, stored.Result.Verdict);
    }

    [Fact]
    public async Task ParallelArrivals_LoseNoDocument()
    {
        var docs = await ShipmentSamples.ProcessAsync("s03-jp-de-origin");
        foreach (var d in docs) _results.Add(d.Result);
        var tracker = Tracker();
        await Task.WhenAll(docs.Select(d => Task.Run(() => tracker.TrackAsync(d.Result, new DocumentRef($"incoming/s03/{d.File}"), CancellationToken.None))));
        var stored = await _store.GetAsync("s03", CancellationToken.None);
        Assert.Equal(3, stored!.Result.Documents.Count);
    }

    [Fact]
    public async Task PoolGroupedArrivals_ALateWriterWithAnOlderViewOfThePool_DropsNoDocument()
    {
        // Uploads without a folder are grouped through the pool. The first arrival reads the pool (only itself) and is held
        // before it writes; the second arrives, reads both and writes the shipment with both. The first then writes: it must
        // not replace the shipment with its older view (seen in a suite run: a 2-document shipment stored with 1).
        var docs = await ShipmentSamples.ProcessAsync("s01-de-us-clean");
        foreach (var d in docs) _results.Add(d.Result);
        var held = new HoldingStore(_store);
        var tracker = Tracker(held);

        var first = tracker.TrackAsync(docs[0].Result, new DocumentRef($"incoming/{docs[0].File}"), CancellationToken.None);
        await held.FirstShipmentRead.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await tracker.TrackAsync(docs[1].Result, new DocumentRef($"incoming/{docs[1].File}"), CancellationToken.None);
        held.Release.SetResult();
        await first.WaitAsync(TimeSpan.FromSeconds(30));

        var shipmentId = held.ShipmentId!;
        Assert.StartsWith("ref-", shipmentId, StringComparison.Ordinal);
        var stored = (await _store.GetAsync(shipmentId, CancellationToken.None))!.Result;
        Assert.Equal(docs.Select(d => d.Result.DocumentId).Order(StringComparer.Ordinal), stored.Documents.Select(d => d.DocumentId).Order(StringComparer.Ordinal));
        Assert.Equal(ShipmentVerdict.Consistent, stored.Verdict);
    }

    /// <summary>Holds the first shipment read until released (the first arrival, between its pool read and its write).</summary>
    private sealed class HoldingStore(InMemoryShipmentStore inner) : IShipmentStore
    {
        private int _reads;
        public TaskCompletionSource FirstShipmentRead { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public string? ShipmentId { get; private set; }

        public async Task<StoredShipment?> GetAsync(string shipmentId, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _reads) == 1)
            {
                ShipmentId = shipmentId;
                FirstShipmentRead.SetResult();
                await Release.Task.WaitAsync(cancellationToken);
            }
            return await inner.GetAsync(shipmentId, cancellationToken);
        }

        public Task<bool> TrySaveAsync(ShipmentResult result, string? etag, CancellationToken cancellationToken) => inner.TrySaveAsync(result, etag, cancellationToken);
        public Task<bool> TryDeleteAsync(string shipmentId, string etag, CancellationToken cancellationToken) => inner.TryDeleteAsync(shipmentId, etag, cancellationToken);
        public Task<StoredPool?> GetPoolAsync(CancellationToken cancellationToken) => inner.GetPoolAsync(cancellationToken);
        public Task<bool> TrySavePoolAsync(ShipmentPool pool, string? etag, CancellationToken cancellationToken) => inner.TrySavePoolAsync(pool, etag, cancellationToken);
    }

    [Fact]
    public async Task Pipeline_CallsTheTracker_AfterStoring_AlsoForDuplicateContentUnderAnotherShipment()
    {
        var publisher = new Mock<IResultPublisher>();
        var audit = new Mock<IAuditLog>();
        var pipeline = new CustomsPipeline(CustomsDefaults.CreateProcessor(), _results, publisher.Object, audit.Object, shipments: Tracker());
        var folder = Path.Combine(ShipmentSamples.Root, "s06-vn-us-missing-line");
        foreach (var name in new[] { "invoice.xml", "packing-list.xml" })
        {
            await using var stream = File.OpenRead(Path.Combine(folder, name));
            await pipeline.ProcessAsync(stream, new DocumentRef($"incoming/s06/{name}"), CancellationToken.None);
        }
        await using (var again = File.OpenRead(Path.Combine(folder, "invoice.xml")))
        {
            var outcome = await pipeline.ProcessAsync(again, new DocumentRef("incoming/other/invoice.xml"), CancellationToken.None);
            Assert.Equal(OutcomeKind.Duplicate, outcome.Kind);
        }

        var s06 = (await _store.GetAsync("s06", CancellationToken.None))!.Result;
        Assert.Equal(ShipmentVerdict.Inconsistent, s06.Verdict);
        Assert.Equal(["SHIP-010", "SHIP-021"], s06.Findings.Select(f => f.Rule));
        var other = (await _store.GetAsync("other", CancellationToken.None))!.Result;
        Assert.Single(other.Documents);
        Assert.Equal(ShipmentVerdict.Incomplete, other.Verdict);
        // The documents' own results and messages are untouched by the shipment.
        publisher.Verify(p => p.PublishAsync(It.IsAny<ResultMessage>(), It.IsAny<bool>(), It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Fact]
    public async Task CreditNotesWithoutANamedShipment_AreNotGrouped()
    {
        var processor = CustomsDefaults.CreateProcessor();
        var tracker = Tracker();
        var bytes = await File.ReadAllBytesAsync(Path.Combine(TestPaths.Samples, "documents", "ubl-creditnote-cn-gb.xml"));
        var result = await processor.ProcessAsync(new MemoryStream(bytes), new DocumentRef("incoming/credit.xml"), CancellationToken.None);
        Assert.Equal(Core.Model.DocumentType.CreditNote, result.DocumentType);
        _results.Add(result);

        await tracker.TrackAsync(result, new DocumentRef("incoming/credit.xml"), CancellationToken.None);

        Assert.Empty(_publisher.Messages);
        Assert.Null(await _store.GetPoolAsync(CancellationToken.None));
        // Named by the uploader, it is a member like any other document.
        await tracker.TrackAsync(result, new DocumentRef("incoming/s99/credit.xml"), CancellationToken.None);
        Assert.Single((await _store.GetAsync("s99", CancellationToken.None))!.Result.Documents);
    }

    /// <summary>Lets another writer slip in before every first save: the tracker's ETag no longer matches.</summary>
    private sealed class RacingStore(InMemoryShipmentStore inner) : IShipmentStore
    {
        private readonly HashSet<string> _raced = new(StringComparer.Ordinal);
        public int Conflicts { get; private set; }

        public Task<StoredShipment?> GetAsync(string shipmentId, CancellationToken cancellationToken) => inner.GetAsync(shipmentId, cancellationToken);

        public async Task<bool> TrySaveAsync(ShipmentResult result, string? etag, CancellationToken cancellationToken)
        {
            if (etag is not null && _raced.Add(result.ShipmentId))
            {
                // The other writer rewrites the current version, so the tracker's ETag is stale now.
                var current = await inner.GetAsync(result.ShipmentId, cancellationToken);
                await inner.TrySaveAsync(current!.Result, current.ETag, cancellationToken);
            }
            var ok = await inner.TrySaveAsync(result, etag, cancellationToken);
            if (!ok) Conflicts++;
            return ok;
        }

        public Task<bool> TryDeleteAsync(string shipmentId, string etag, CancellationToken cancellationToken) => inner.TryDeleteAsync(shipmentId, etag, cancellationToken);
        public Task<StoredPool?> GetPoolAsync(CancellationToken cancellationToken) => inner.GetPoolAsync(cancellationToken);
        public Task<bool> TrySavePoolAsync(ShipmentPool pool, string? etag, CancellationToken cancellationToken) => inner.TrySavePoolAsync(pool, etag, cancellationToken);
    }
}
