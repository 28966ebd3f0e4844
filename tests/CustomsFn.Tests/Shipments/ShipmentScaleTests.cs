using CustomsFn.Core.Contract;
using CustomsFn.Core.Foundation;
using CustomsFn.Core.Model;
using CustomsFn.Core.Shipments;
using static CustomsFn.Tests.Shipments.ShipmentDocs;

namespace CustomsFn.Tests.Shipments;

/// <summary>
/// Shipments at scale: the incremental reconciler gives what a reconciliation from scratch gives, in any arrival
/// order; the stored result is bounded however many findings there are; concurrent arrivals all get in.
/// </summary>
public sealed class ShipmentScaleTests
{
    private static readonly ShipmentGrouping Grouping = new() { Rule = GroupingRules.UploadPath, Key = "big", Description = "big" };
    private static readonly string[] Goods = ["Hydraulic pump", "Ball bearings", "Steel valve body", "Copper wire", "Gear motor", "Rubber seal kit"];
    private static readonly string[] Hs = ["841360", "848210", "848180", "740811", "850140", "401693"];

    /// <summary>A mixed shipment: several invoices, packing lists quoting one of them, none or a foreign one, declarations, certificates, an unreadable paper.</summary>
    private static List<ShipmentDocument> MixedShipment(int seed, int count)
    {
        var random = new Random(seed);
        var docs = new List<ShipmentDocument>();
        for (var i = 0; i < count; i++)
        {
            var pick = random.Next(100);
            var type = i == 0 || pick < 20 ? DocumentType.CommercialInvoice
                : pick < 55 ? DocumentType.PackingList
                : pick < 70 ? DocumentType.CustomsDeclaration
                : pick < 85 ? DocumentType.CertificateOfOrigin
                : pick < 95 ? DocumentType.BillOfLading : DocumentType.CreditNote;
            var lines = Enumerable.Range(0, random.Next(1, 4)).Select(_ =>
            {
                var g = random.Next(Goods.Length);
                return Line(Goods[g], random.Next(5) == 0 ? Hs[(g + 1) % Hs.Length] : Hs[g], random.Next(1, 4) * 10, amount: random.Next(1, 4) * 100, origin: random.Next(6) == 0 ? "CN" : "DE", netKg: random.Next(1, 4) * 5);
            }).ToArray();
            var doc = Doc(type, f =>
            {
                f.Set(FieldNames.IssueDate, $"2026-10-{random.Next(1, 28):D2}");
                Parties(f, buyer: random.Next(8) == 0 ? "Initech Trading Ltd" : "Globex Imports Ltd");
                f.Set(FieldNames.Currency, random.Next(10) == 0 ? "USD" : "EUR");
                f.Set(FieldNames.Incoterm, random.Next(4) == 0 ? "CIF" : "FOB");
                f.Set(FieldNames.GrossWeightKg, 100 + random.Next(3) * 10);
                f.Set(FieldNames.PackageCount, 4 + random.Next(2));
                if (type == DocumentType.CommercialInvoice)
                {
                    f.Set(FieldNames.InvoiceNumber, $"INV-{random.Next(1, 4)}");
                    f.Set(FieldNames.LineTotal, lines.Sum(l => l.GetNumber(FieldNames.Amount) ?? 0));
                }
                else if (random.Next(4) != 0)
                {
                    f.Set(FieldNames.InvoiceReference, $"INV-{random.Next(1, 6)}");
                }
                if (type == DocumentType.CustomsDeclaration)
                {
                    f.Set(FieldNames.CustomsValue, random.Next(1, 10) * 100);
                    f.Set(FieldNames.FreightAmount, 50);
                }
            }, lines);
            docs.Add(random.Next(25) == 0 ? doc with { Unreadable = true } : doc);
        }
        return docs;
    }

    private static string Serialized(ShipmentReconciler reconciler, IEnumerable<ShipmentDocument> docs) =>
        ResultSerializer.Serialize(reconciler.Reconcile("big", Grouping, docs.Select(d => new ShipmentMemberInput(d, GroupingRules.UploadPath)), ShipmentSamples.Clock));

    [Theory]
    [InlineData(1, ShipmentReconciler.DefaultMaxStoredFindings)]
    [InlineData(2, ShipmentReconciler.DefaultMaxStoredFindings)]
    [InlineData(3, 7)]
    [InlineData(4, 7)]
    public void Incremental_EqualsFromScratch_AfterEveryArrival_InShuffledOrders(int seed, int maxFindings)
    {
        var docs = MixedShipment(seed, 40);
        var random = new Random(seed * 31);
        string? final = null;
        for (var round = 0; round < 4; round++)
        {
            var order = docs.OrderBy(_ => random.Next()).ToList();
            // One incremental reconciler over the whole sequence of arrivals, as the tracker keeps one.
            var incremental = new ShipmentReconciler(cacheCapacity: 100_000, maxStoredFindings: maxFindings);
            for (var k = 1; k <= order.Count; k++)
            {
                var members = order.Take(k).ToList();
                var scratch = Serialized(new ShipmentReconciler(maxStoredFindings: maxFindings), members);
                Assert.Equal(scratch, Serialized(incremental, members));
            }
            var last = Serialized(incremental, order);
            final ??= last;
            Assert.Equal(final, last);
        }
    }

    [Fact]
    public void Incremental_ComputesOnlyTheNewcomersComparisons_WhileTheReferenceStays()
    {
        var invoice = Doc(DocumentType.CommercialInvoice, f => { f.Set(FieldNames.InvoiceNumber, "INV-1"); f.Set(FieldNames.IssueDate, "2026-10-01"); Parties(f); },
            Line("Hydraulic pump", "841360", 10, amount: 1000));
        var others = Enumerable.Range(0, 200).Select(i => Doc(DocumentType.PackingList, f =>
        {
            // The first packing list stays the weight authority (the earliest); a newcomer that took its place would
            // rightly make every weight comparison new.
            f.Set(FieldNames.IssueDate, i == 0 ? "2026-10-01" : "2026-10-05");
            f.Set(FieldNames.InvoiceReference, "INV-1");
            f.Set(FieldNames.GrossWeightKg, 100 + i);
            Parties(f);
        }, Line("Hydraulic pumps", "84136000", 10 + i % 3))).ToList();
        var reconciler = new ShipmentReconciler(cacheCapacity: 100_000);
        var members = new List<ShipmentDocument> { invoice };
        foreach (var d in others)
        {
            members.Add(d);
            var before = reconciler.UnitsComputed;
            Serialized(reconciler, members);
            // Its comparison with the invoice, and with the weight authority (the first packing list): never the group's.
            Assert.InRange(reconciler.UnitsComputed - before, 0, 3);
        }
        Assert.Equal(Serialized(new ShipmentReconciler(), members), Serialized(reconciler, members));
    }

    [Fact]
    public async Task SampleShipments_IncrementalEqualsFromScratch_InEveryArrivalOrder()
    {
        foreach (var id in ShipmentSamples.Ids)
        {
            var docs = (await ShipmentSamples.ProcessAsync(id)).Select(d => ShipmentDocument.From(d.Result)).ToList();
            foreach (var order in Permutations(docs))
            {
                var incremental = new ShipmentReconciler(cacheCapacity: 1000);
                for (var k = 1; k <= order.Count; k++)
                    Assert.Equal(Serialized(new ShipmentReconciler(), order.Take(k)), Serialized(incremental, order.Take(k)));
            }
        }
    }

    [Fact]
    public void StoredResult_IsBounded_WithCountsPerRule_AtManyFindings()
    {
        var invoiceLines = Enumerable.Range(0, 10).Select(i => Line($"{Goods[i % Goods.Length]} type {i}", Hs[i % Hs.Length], 10, amount: 100)).ToArray();
        var invoice = Doc(DocumentType.CommercialInvoice, f => { f.Set(FieldNames.InvoiceNumber, "INV-1"); f.Set(FieldNames.IssueDate, "2026-10-01"); Parties(f); f.Set(FieldNames.GrossWeightKg, 100); }, invoiceLines);
        var docs = new List<ShipmentDocument> { invoice };
        for (var n = 0; n < 400; n++)
        {
            // Every packing list contradicts the invoice: quantities, a foreign party and weights, and an extra line.
            docs.Add(Doc(DocumentType.PackingList, f =>
            {
                f.Set(FieldNames.InvoiceReference, "INV-1");
                Parties(f, buyer: n % 2 == 0 ? "Initech Trading Ltd" : "Globex Imports Ltd");
                f.Set(FieldNames.GrossWeightKg, 150 + n);
            }, [.. invoiceLines.Select(l => Line(l.GetText(FieldNames.Description)!, l.GetText(FieldNames.HsCode), 11)), Line("Unrelated souvenir mug", "691200", 1)]));
        }
        var members = docs.Select(d => new ShipmentMemberInput(d, GroupingRules.UploadPath)).ToList();
        var full = new ShipmentReconciler(maxStoredFindings: int.MaxValue, maxStoredLineMatches: int.MaxValue, maxStoredParties: int.MaxValue, maxPartyDocuments: int.MaxValue).Reconcile("big", Grouping, members, ShipmentSamples.Clock);
        var bounded = new ShipmentReconciler().Reconcile("big", Grouping, members, ShipmentSamples.Clock);

        Assert.True(full.Findings.Count > 4000, $"{full.Findings.Count} findings");
        Assert.Null(full.Truncated);
        Assert.Equal(full.Verdict, bounded.Verdict);
        Assert.Equal(full.FindingCounts, bounded.FindingCounts);
        Assert.Equal(docs.Count, bounded.Documents.Count);
        var t = bounded.Truncated!;
        Assert.Equal(full.Findings.Count, t.Findings);
        Assert.Equal(ShipmentReconciler.DefaultMaxStoredFindings, t.StoredFindings);
        Assert.Equal(t.StoredFindings, bounded.Findings.Count);
        Assert.Equal(full.Findings.GroupBy(f => f.Rule).ToDictionary(g => g.Key, g => g.Count()), t.FindingsByRule.ToDictionary(kv => kv.Key, kv => kv.Value));
        Assert.Equal(full.LineMatches.Count, t.LineMatches);
        Assert.Equal(Math.Min(full.LineMatches.Count, ShipmentReconciler.DefaultMaxStoredLineMatches), bounded.LineMatches.Count);
        // Every rule is represented, and the sample keeps the findings' order.
        Assert.Equal(t.FindingsByRule.Keys.Order(StringComparer.Ordinal), bounded.Findings.Select(f => f.Rule).Distinct().Order(StringComparer.Ordinal));
        var positions = bounded.Findings.Select(f => full.Findings.ToList().FindIndex(x => ReferenceEquals(x, f) || ResultSerializer.Serialize(x) == ResultSerializer.Serialize(f))).ToList();
        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order(), positions);

        var size = ResultSerializer.SerializeToUtf8(bounded).Length;
        var fullSize = ResultSerializer.SerializeToUtf8(full).Length;
        Assert.True(size < 1_500_000, $"{size} bytes");
        Assert.True(fullSize > 4 * size, $"{fullSize} against {size} bytes");
        Schemas.AssertValid(Schemas.Shipment, ResultSerializer.Serialize(bounded), "shipment");
        Assert.Null(new ShipmentReconciler().Reconcile("big", Grouping, members.Take(3), ShipmentSamples.Clock).Truncated);
    }

    [Fact]
    public async Task ConcurrentArrivals_IntoOneShipment_AllGetIn_FoldedIntoFewUpdates_ThoughEverySaveIsRacedNineTimes()
    {
        var results = new InMemoryResultStore();
        var store = new ConflictingStore(new InMemoryShipmentStore(), conflictsAfterEverySave: 9);
        var publisher = new RecordingShipmentPublisher();
        var tracker = new ShipmentTracker(results, store, publisher, time: new FixedClock(ShipmentSamples.Clock));
        var docs = Enumerable.Range(0, 60).Select(i => Result(i)).ToList();
        foreach (var d in docs) results.Add(d);

        // The first alone; then the rest at once: each update after the first meets 9 conflicts (the tracker used to give up after 8).
        await tracker.TrackAsync(docs[0], new DocumentRef("incoming/big/invoice-0.xml"), CancellationToken.None);
        await Task.WhenAll(docs.Skip(1).Select((d, i) => Task.Run(() => tracker.TrackAsync(d, new DocumentRef($"incoming/big/invoice-{i + 1}.xml"), CancellationToken.None))));

        var final = (await store.GetAsync("big", CancellationToken.None))!.Result;
        Assert.Equal(docs.Select(d => d.DocumentId).Order(StringComparer.Ordinal), final.Documents.Select(m => m.DocumentId).Order(StringComparer.Ordinal));
        Assert.True(store.Conflicts >= 9, $"{store.Conflicts} conflicts");
        // Arrivals that queued while an update was being made were folded into the next one.
        Assert.True(store.Saves < docs.Count / 2, $"{store.Saves} saves for {docs.Count} documents");
        Assert.Equal(store.Saves, publisher.Messages.Count);
        Assert.Equal(final.Fingerprint, publisher.Messages[^1].Fingerprint);

        // The same set arriving one by one in another order, on a fresh tracker: the same shipment result.
        var again = new InMemoryShipmentStore();
        var sequential = new ShipmentTracker(results, again, new RecordingShipmentPublisher(), time: new FixedClock(ShipmentSamples.Clock));
        foreach (var (d, i) in docs.Select((d, i) => (d, i)).Reverse())
            await sequential.TrackAsync(d, new DocumentRef($"incoming/big/invoice-{i}.xml"), CancellationToken.None);
        Assert.Equal(ResultSerializer.Serialize(final), ResultSerializer.Serialize(again.All.Single()));
    }

    [Fact]
    public async Task ConcurrentArrivals_OnSeveralTrackers_AllGetIn()
    {
        // Several instances (no shared gate): only the ETag keeps them apart; none gives up.
        var results = new InMemoryResultStore();
        var store = new InMemoryShipmentStore();
        var trackers = Enumerable.Range(0, 6).Select(_ => new ShipmentTracker(results, store, new RecordingShipmentPublisher(), time: new FixedClock(ShipmentSamples.Clock))).ToList();
        var docs = Enumerable.Range(0, 120).Select(i => Result(i)).ToList();
        foreach (var d in docs) results.Add(d);
        await Task.WhenAll(docs.Select((d, i) => Task.Run(() => trackers[i % trackers.Count].TrackAsync(d, new DocumentRef($"incoming/big/invoice-{i}.xml"), CancellationToken.None))));
        Assert.Equal(docs.Count, store.All.Single().Documents.Count);
    }

    [Fact]
    public async Task ACancelledInvocation_DoesNotFailTheArrivalsFoldedIntoItsUpdate()
    {
        var results = new InMemoryResultStore();
        var store = new BlockingStore(new InMemoryShipmentStore());
        var tracker = new ShipmentTracker(results, store, new RecordingShipmentPublisher(), time: new FixedClock(ShipmentSamples.Clock));
        var docs = Enumerable.Range(0, 6).Select(i => Result(i)).ToList();
        foreach (var d in docs) results.Add(d);
        Task Track(int i, CancellationToken ct) => Task.Run(() => tracker.TrackAsync(docs[i], new DocumentRef($"incoming/big/invoice-{i}.xml"), ct));

        // The first update holds the gate while the others queue: the cancellable one first, then four more.
        var zero = Track(0, CancellationToken.None);
        await store.SaveStarted[0].Task.WaitAsync(TimeSpan.FromSeconds(30));
        using var cancel = new CancellationTokenSource();
        var cancelled = Track(1, cancel.Token);
        // Waited on the queue, not on time: on a loaded machine 200 ms did not always see the arrivals queued.
        await WaitForQueuedAsync(tracker, 1);
        await Task.Delay(50); // from queued to waiting for the gate is the next statement of the same thread
        var others = Enumerable.Range(2, 4).Select(i => Track(i, CancellationToken.None)).ToList();
        await WaitForQueuedAsync(tracker, 5);
        store.ReleaseFirst.TrySetResult();
        await zero.WaitAsync(TimeSpan.FromSeconds(30));

        // The cancellable invocation takes the gate next and folds every queued arrival into its update; its save hangs, and it is cancelled.
        await store.SaveStarted[1].Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(6, store.SecondSaveDocuments); // the first document, the cancellable one's and the four queued behind it
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        // The others were not failed with it: their arrivals went back to the queue and got in.
        await Task.WhenAll(others).WaitAsync(TimeSpan.FromSeconds(30));

        var final = (await store.GetAsync("big", CancellationToken.None))!.Result;
        Assert.Equal(new[] { 0, 2, 3, 4, 5 }.Select(i => docs[i].DocumentId).Order(StringComparer.Ordinal), final.Documents.Select(m => m.DocumentId).Order(StringComparer.Ordinal));
        Assert.True(store.Saves >= 3);
    }

    private static async Task WaitForQueuedAsync(ShipmentTracker tracker, int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (tracker.QueuedArrivals("big") < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{count} arrivals never queued");
            await Task.Delay(10);
        }
    }

    /// <summary>The first save waits for <see cref="ReleaseFirst"/>; the second hangs until its caller is cancelled.</summary>
    private sealed class BlockingStore(InMemoryShipmentStore inner) : IShipmentStore
    {
        private int _saves;
        public int Saves => Volatile.Read(ref _saves);
        public TaskCompletionSource[] SaveStarted { get; } = [new(TaskCreationOptions.RunContinuationsAsynchronously), new(TaskCreationOptions.RunContinuationsAsynchronously)];
        public TaskCompletionSource ReleaseFirst { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public int SecondSaveDocuments { get; private set; }

        public Task<StoredShipment?> GetAsync(string shipmentId, CancellationToken cancellationToken) => inner.GetAsync(shipmentId, cancellationToken);

        public async Task<bool> TrySaveAsync(ShipmentResult result, string? etag, CancellationToken cancellationToken)
        {
            var n = Interlocked.Increment(ref _saves);
            if (n == 1)
            {
                SaveStarted[0].TrySetResult();
                await ReleaseFirst.Task;
            }
            else if (n == 2)
            {
                SecondSaveDocuments = result.Documents.Count;
                SaveStarted[1].TrySetResult();
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            return await inner.TrySaveAsync(result, etag, cancellationToken);
        }

        public Task<bool> TryDeleteAsync(string shipmentId, string etag, CancellationToken cancellationToken) => inner.TryDeleteAsync(shipmentId, etag, cancellationToken);
        public Task<StoredPool?> GetPoolAsync(CancellationToken cancellationToken) => inner.GetPoolAsync(cancellationToken);
        public Task<bool> TrySavePoolAsync(ShipmentPool pool, string? etag, CancellationToken cancellationToken) => inner.TrySavePoolAsync(pool, etag, cancellationToken);
    }

    [Fact]
    public async Task Arrivals_DoNotReReadTheMembersResults()
    {
        var results = new CountingResultStore();
        var store = new InMemoryShipmentStore();
        var tracker = new ShipmentTracker(results, store, new RecordingShipmentPublisher(), time: new FixedClock(ShipmentSamples.Clock));
        var docs = Enumerable.Range(0, 200).Select(i => Result(i)).ToList();
        foreach (var d in docs) results.Inner.Add(d);
        for (var i = 0; i < 150; i++) await tracker.TrackAsync(docs[i], new DocumentRef($"incoming/big/invoice-{i}.xml"), CancellationToken.None);
        Assert.Equal(0, results.Reads);

        // A new instance (a restart, another worker) reads each member once, then no more.
        var other = new ShipmentTracker(results, store, new RecordingShipmentPublisher(), time: new FixedClock(ShipmentSamples.Clock));
        await other.TrackAsync(docs[150], new DocumentRef("incoming/big/invoice-150.xml"), CancellationToken.None);
        Assert.Equal(150, results.Reads);
        for (var i = 151; i < 200; i++) await other.TrackAsync(docs[i], new DocumentRef($"incoming/big/invoice-{i}.xml"), CancellationToken.None);
        Assert.Equal(150, results.Reads);
        Assert.Equal(200, store.All.Single().Documents.Count);
    }

    private sealed class CountingResultStore : IResultStore
    {
        private int _reads;
        public InMemoryResultStore Inner { get; } = new();
        public int Reads => Volatile.Read(ref _reads);

        public Task<StoredResult?> GetAsync(string documentId, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _reads);
            return Inner.GetAsync(documentId, cancellationToken);
        }

        public Task<bool> TryCreateAsync(CustomsResult result, CancellationToken cancellationToken) => Inner.TryCreateAsync(result, cancellationToken);
        public Task MarkPublishedAsync(string documentId, CancellationToken cancellationToken) => Inner.MarkPublishedAsync(documentId, cancellationToken);
    }

    private static CustomsResult Result(int i)
    {
        var doc = Doc(DocumentType.CommercialInvoice, f =>
        {
            f.Set(FieldNames.InvoiceNumber, $"INV-{i:D4}");
            f.Set(FieldNames.IssueDate, "2026-10-01");
            Parties(f);
        }, Line("Hydraulic pump", "841360", 10, amount: 1000));
        return new CustomsResult
        {
            DocumentId = doc.DocumentId,
            Source = new SourceInfo($"incoming/big/invoice-{i}.xml", 100, "application/xml"),
            DocumentType = doc.DocumentType,
            Format = doc.Format,
            Status = ResultStatus.Accepted,
            Fields = doc.Fields,
            Lines = doc.Lines,
            Versions = new VersionInfo("test", []),
            ProcessedAt = DateTimeOffset.UnixEpoch,
        };
    }

    private static IEnumerable<List<T>> Permutations<T>(List<T> items)
    {
        if (items.Count <= 1) { yield return items; yield break; }
        for (var i = 0; i < items.Count; i++)
        {
            var rest = items.Where((_, j) => j != i).ToList();
            foreach (var p in Permutations(rest)) yield return [items[i], .. p];
        }
    }

    /// <summary>After every successful save, the next <paramref name="conflictsAfterEverySave"/> saves find the shipment changed (another writer rewrote it).</summary>
    private sealed class ConflictingStore(InMemoryShipmentStore inner, int conflictsAfterEverySave) : IShipmentStore
    {
        private readonly Lock _lock = new();
        private int _pending;
        public int Conflicts { get; private set; }
        public int Saves { get; private set; }

        public Task<StoredShipment?> GetAsync(string shipmentId, CancellationToken cancellationToken) => inner.GetAsync(shipmentId, cancellationToken);

        public async Task<bool> TrySaveAsync(ShipmentResult result, string? etag, CancellationToken cancellationToken)
        {
            lock (_lock)
            {
                if (_pending > 0)
                {
                    _pending--;
                    Conflicts++;
                    return false;
                }
            }
            var ok = await inner.TrySaveAsync(result, etag, cancellationToken);
            lock (_lock)
            {
                if (ok) { _pending = conflictsAfterEverySave; Saves++; }
                else Conflicts++;
            }
            return ok;
        }

        public Task<bool> TryDeleteAsync(string shipmentId, string etag, CancellationToken cancellationToken) => inner.TryDeleteAsync(shipmentId, etag, cancellationToken);
        public Task<StoredPool?> GetPoolAsync(CancellationToken cancellationToken) => inner.GetPoolAsync(cancellationToken);
        public Task<bool> TrySavePoolAsync(ShipmentPool pool, string? etag, CancellationToken cancellationToken) => inner.TrySavePoolAsync(pool, etag, cancellationToken);
    }
}
