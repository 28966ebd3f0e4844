using System.Diagnostics;
using System.Globalization;
using CustomsFn.Core;
using CustomsFn.Core.Contract;
using CustomsFn.Core.Pipeline;
using CustomsFn.Infrastructure.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using CustomsFn.Bench.LocalHost;

namespace CustomsFn.Bench;

/// <summary>
/// <c>customs-bench --only sweep</c>: the reconciliation sweep's time and allocations as stored results grow, on a private
/// Azurite. Stored results (with their published and processed markers and journal entries in past hours) are added in
/// steps; after each, one sweep without a checkpoint (what every sweep did before checkpoints: every marker and result
/// listed) and one bounded by a checkpoint (the steady state) run over the same storage, with 100 recent uploads
/// waiting in <c>incoming</c>. Flat means: the bounded sweep costs the same at the last step as at the first.
/// </summary>
internal static class SweepWorkload
{
    private const int RecentUploads = 100;

    public static async Task<WorkloadResult> RunAsync(BenchSettings settings, CancellationToken ct)
    {
        int[] steps = settings.Quick ? [1_000, 10_000] : [10_000, 100_000];
        var azurite = await PrivateAzurite.StartAsync("sweep", ct).ConfigureAwait(false);
        await using var stopAzurite = azurite.ConfigureAwait(false);
        var storage = azurite.Storage;
        await storage.EnsureCreatedAsync(ct).ConfigureAwait(false);
        var results = storage.Blobs().GetBlobContainerClient(StorageNames.ResultsContainer);
        var incoming = storage.Blobs().GetBlobContainerClient(StorageNames.IncomingContainer);
        var markers = new ProcessedMarkers(results);

        // Recent uploads, processed (their markers exist): what a sweep must look at in the steady state.
        var handler = new IncomingBlobHandler(new CustomsPipeline(CustomsDefaults.CreateProcessor(), new BlobResultStore(results),
            new QueueResultPublisher(storage.Queues().GetQueueClient(StorageNames.ResultsQueue), storage.Queues().GetQueueClient(StorageNames.ReviewQueue)),
            new TableAuditLog(storage.Tables().GetTableClient(StorageNames.AuditTable))), markers);
        for (var i = 0; i < RecentUploads; i++)
        {
            var name = $"recent-{i:D4}.xml";
            await incoming.UploadBlobAsync(name, BinaryData.FromString($"<recent n='{i}'/>"), ct).ConfigureAwait(false);
            await handler.HandleAsync(incoming.GetBlobClient(name), ct).ConfigureAwait(false);
        }

        ReconciliationSweep Sweep() => new(storage, markers, handler,
            Options.Create(new ReconciliationOptions { MinAge = TimeSpan.Zero }), TimeProvider.System, NullLogger<ReconciliationSweep>.Instance);
        var stored = 0;
        var extra = new Dictionary<string, double>(StringComparer.Ordinal);
        (double Seconds, double AllocatedMb) full = default, bounded = default, boundedFirst = default;
        foreach (var target in steps)
        {
            await StoreOldResultsAsync(results, stored, target - stored, ct).ConfigureAwait(false);
            stored = target;
            await results.GetBlobClient(SweepCheckpoint.BlobName).DeleteIfExistsAsync(cancellationToken: ct).ConfigureAwait(false);
            full = await MeasureAsync(Sweep, expectBounded: false, ct).ConfigureAwait(false);
            bounded = await MeasureAsync(Sweep, expectBounded: true, ct).ConfigureAwait(false);
            if (boundedFirst == default) boundedFirst = bounded;
            var at = target.ToString(CultureInfo.InvariantCulture);
            extra[$"full sweep seconds at {at} results"] = full.Seconds;
            extra[$"full sweep MB allocated at {at} results"] = full.AllocatedMb;
            extra[$"bounded sweep seconds at {at} results"] = bounded.Seconds;
            extra[$"bounded sweep MB allocated at {at} results"] = bounded.AllocatedMb;
        }
        var growth = bounded.Seconds / boundedFirst.Seconds;
        var allocationGrowth = bounded.AllocatedMb / boundedFirst.AllocatedMb;
        extra["bounded sweep time, last step over first"] = growth;
        extra["bounded sweep allocations, last step over first"] = allocationGrowth;
        using var self = Process.GetCurrentProcess();
        return new WorkloadResult
        {
            Id = "sweep",
            Title = $"Reconciliation sweep with {stored:N0} stored results",
            Unit = "sweeps",
            Items = 1,
            Rounds = 1,
            Pipeline = new SideResult("sweep bounded by its checkpoint", 1 / bounded.Seconds, bounded.Seconds * 1000, bounded.Seconds * 1000, bounded.Seconds),
            Floor = new SideResult("sweep without a checkpoint (every marker and result listed)", 1 / full.Seconds, full.Seconds * 1000, full.Seconds * 1000, full.Seconds),
            Ratio = bounded.Seconds / full.Seconds,
            PeakMemoryMb = self.PeakWorkingSet64 / (1024.0 * 1024),
            Targets =
            [
                new TargetCheck($"bounded sweep time flat: at {steps[^1]:N0} results within 2x of {steps[0]:N0}", 2, growth, growth < 2),
                new TargetCheck("bounded sweep allocations flat: within 2x", 2, allocationGrowth, allocationGrowth < 2),
            ],
            Extra = extra,
            Note = $"{RecentUploads} processed uploads in incoming; older results journaled in past hours. Ratio: bounded time over unbounded time at the last step. Memory: MB allocated by the sweep (GC.GetTotalAllocatedBytes).",
        };
    }

    private static async Task<(double Seconds, double AllocatedMb)> MeasureAsync(Func<ReconciliationSweep> sweep, bool expectBounded, CancellationToken ct)
    {
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        var report = await sweep().RunAsync(ct).ConfigureAwait(false);
        var seconds = clock.Elapsed.TotalSeconds;
        var mb = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / (1024.0 * 1024);
        if (report.Bounded != expectBounded || !report.Checkpointed || report.Missing != 0)
            throw new InvalidOperationException($"unexpected sweep: bounded {report.Bounded}, checkpointed {report.Checkpointed}, missing {report.Missing}");
        return (seconds, mb);
    }

    /// <summary>Results stored and published long ago: the result blob, its published marker, a processed marker, and its journal entry in a past hour.</summary>
    private static async Task StoreOldResultsAsync(Azure.Storage.Blobs.BlobContainerClient results, int from, int count, CancellationToken ct)
    {
        var start = DateTimeOffset.UtcNow.AddDays(-30);
        await Parallel.ForEachAsync(Enumerable.Range(from, count), new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = ct }, async (i, token) =>
        {
            var id = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(i)));
            var empty = BinaryData.FromString(string.Empty);
            await results.GetBlobClient(StorageNames.ResultBlobName(id)).UploadAsync(BinaryData.FromString("{}"), token).ConfigureAwait(false);
            await results.GetBlobClient(BlobResultStore.PublishedPrefix + id).UploadAsync(empty, token).ConfigureAwait(false);
            await results.GetBlobClient(ProcessedMarkers.Prefix + id + "/old").UploadAsync(BinaryData.FromString(id), token).ConfigureAwait(false);
            await results.GetBlobClient(BlobResultStore.StoredHour(start.AddMinutes(i % (25 * 24 * 60))) + id).UploadAsync(empty, token).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }
}
