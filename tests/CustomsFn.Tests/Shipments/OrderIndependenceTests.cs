using CustomsFn.Core.Contract;
using CustomsFn.Core.Foundation;
using CustomsFn.Core.Shipments;

namespace CustomsFn.Tests.Shipments;

/// <summary>A shipment whose documents arrive in any order ends with the same shipment result.</summary>
public sealed class OrderIndependenceTests
{
    public static TheoryData<string> Ids()
    {
        var data = new TheoryData<string>();
        foreach (var id in ShipmentSamples.Ids) data.Add(id);
        return data;
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public async Task EveryArrivalOrder_EndsWithTheSameShipmentResult(string id)
    {
        var docs = await ShipmentSamples.ProcessAsync(id);
        var finals = new HashSet<string>(StringComparer.Ordinal);
        var permutations = Permutations(Enumerable.Range(0, docs.Count).ToList()).ToList();
        Assert.Equal(Factorial(docs.Count), permutations.Count);
        foreach (var order in permutations)
        {
            var results = new InMemoryResultStore();
            var store = new InMemoryShipmentStore();
            var publisher = new RecordingShipmentPublisher();
            var tracker = new ShipmentTracker(results, store, publisher, time: new FixedClock(ShipmentSamples.Clock));
            foreach (var i in order)
            {
                results.Add(docs[i].Result);
                await tracker.TrackAsync(docs[i].Result, new DocumentRef($"incoming/{id}/{docs[i].File}"), CancellationToken.None);
            }
            var final = Assert.Single(store.All);
            Assert.Equal(docs.Count, final.Documents.Count);
            Assert.Equal(final.Fingerprint, publisher.Messages[^1].Fingerprint);
            finals.Add(ResultSerializer.Serialize(final));
        }
        Assert.Single(finals);
    }

    [Fact]
    public async Task ReferenceGrouping_AnyArrivalOrder_EndsWithTheSameShipments()
    {
        var all = new List<(string Id, string File, CustomsResult Result)>();
        foreach (var id in ShipmentSamples.Ids)
            all.AddRange((await ShipmentSamples.ProcessAsync(id)).Select(d => (id, d.File, d.Result)));
        var orders = new List<List<int>> { Enumerable.Range(0, all.Count).ToList(), Enumerable.Range(0, all.Count).Reverse().ToList() };
        var random = new Random(12);
        for (var n = 0; n < 10; n++) orders.Add(Enumerable.Range(0, all.Count).OrderBy(_ => random.Next()).ToList());

        string? first = null;
        foreach (var order in orders)
        {
            var results = new InMemoryResultStore();
            var store = new InMemoryShipmentStore();
            var tracker = new ShipmentTracker(results, store, new RecordingShipmentPublisher(), time: new FixedClock(ShipmentSamples.Clock));
            foreach (var i in order)
            {
                results.Add(all[i].Result);
                await tracker.TrackAsync(all[i].Result, new DocumentRef($"incoming/{all[i].Id}-{all[i].File}"), CancellationToken.None);
            }
            // No stale partial shipment stays behind, whatever came first.
            Assert.Equal(ShipmentSamples.Ids.Count, store.All.Count);
            var snapshot = string.Join("\n", store.All.Select(s => ResultSerializer.Serialize(s)));
            first ??= snapshot;
            Assert.Equal(first, snapshot);
        }
    }

    private static IEnumerable<List<int>> Permutations(List<int> items)
    {
        if (items.Count <= 1) { yield return items; yield break; }
        for (var i = 0; i < items.Count; i++)
        {
            var rest = items.Where((_, j) => j != i).ToList();
            foreach (var p in Permutations(rest)) yield return [items[i], .. p];
        }
    }

    private static int Factorial(int n) => n <= 1 ? 1 : n * Factorial(n - 1);
}
