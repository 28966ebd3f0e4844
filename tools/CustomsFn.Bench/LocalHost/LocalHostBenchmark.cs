using System.Collections.Concurrent;
using System.Diagnostics;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using CustomsFn.Core.Contract;
using CustomsFn.Infrastructure.Storage;
using Newtonsoft.Json.Linq;

namespace CustomsFn.Bench.LocalHost;

/// <summary>The benchmark's numbers: per-upload latencies (s) and burst throughput, for the host and for the storage floor.</summary>
public sealed record BenchmarkReport(IReadOnlyList<double> Latencies, int ThroughputDocuments, double DocumentsPerMinute,
    IReadOnlyList<double> FloorLatencies, double FloorDocumentsPerMinute, double PeakMemoryMb)
{
    /// <summary>Per stage of the burst: calls per document and mean milliseconds per call (see <see cref="StageTimers"/>).</summary>
    public IReadOnlyDictionary<string, (double CallsPerDocument, double MeanMs)> Stages { get; init; } =
        new Dictionary<string, (double, double)>();

    public double P50Seconds => Percentile(Latencies, 0.50);
    public double P95Seconds => Percentile(Latencies, 0.95);

    public static double Percentile(IReadOnlyList<double> values, double p)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}

/// <summary>
/// Upload-to-message latency and throughput through the local host on a private Azurite (free ports, temporary data):
/// 1. latency: uploads paced at 5 per second, each timed from its upload's completion to its message on customs-results;
/// 2. throughput: a burst of uploads, documents per minute from the first upload to the last message.
/// The floor, on the same Azurite in the same run: what storage alone costs for the same flow with no host in between
/// (the uploader writes the blob, reads it back, writes a result blob and sends the message itself).
/// Run by <c>customs-bench</c>; it measures, it asserts nothing.
/// </summary>
public static class LocalHostBenchmark
{
    public static async Task<BenchmarkReport> RunAsync(int latencyCount, int throughputCount, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        var azurite = await PrivateAzurite.StartAsync("end-to-end", cancellationToken).ConfigureAwait(false);
        await using var stopAzurite = azurite.ConfigureAwait(false);
        var storage = azurite.Storage;
        var variants = new DocumentVariants(DocumentVariants.FindSamples());

        // The floor first, before the host exists: storage alone.
        var floorIncoming = storage.Blobs().GetBlobContainerClient("bench-floor");
        await floorIncoming.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var floorQueue = storage.Queues().GetQueueClient("bench-floor");
        await floorQueue.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync("storage floor ...").ConfigureAwait(false);
        var (floorLatencies, _) = await MeasureAsync(floorIncoming, floorQueue, variants.ValidXml(Math.Min(latencyCount, 20), "floor-l"),
            TimeSpan.FromMilliseconds(200), cancellationToken, StorageOnlyAsync).ConfigureAwait(false);
        var (_, floorElapsed) = await MeasureAsync(floorIncoming, floorQueue, variants.ValidXml(throughputCount, "floor-t"),
            TimeSpan.Zero, cancellationToken, StorageOnlyAsync).ConfigureAwait(false);

        var timers = new StageTimers();
        var host = await azurite.StartHostAsync(cancellationToken, configureServices: timers.Install).ConfigureAwait(false);
        await using (host.ConfigureAwait(false))
        {
            var incoming = storage.Blobs().GetBlobContainerClient(StorageNames.IncomingContainer);
            var queue = storage.Queues().GetQueueClient(StorageNames.ResultsQueue);

            await output.WriteLineAsync("warm-up ...").ConfigureAwait(false);
            await MeasureAsync(incoming, queue, variants.ValidXml(4, "warmup"), TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);

            await output.WriteLineAsync($"latency: {latencyCount} uploads at 5/s ...").ConfigureAwait(false);
            var (latencies, _) = await MeasureAsync(incoming, queue, variants.ValidXml(latencyCount, "latency"), TimeSpan.FromMilliseconds(200), cancellationToken).ConfigureAwait(false);

            await output.WriteLineAsync($"throughput: {throughputCount} uploads at once ...").ConfigureAwait(false);
            var peak = Environment.WorkingSet;
            timers.Reset();
            var (_, elapsed) = await MeasureAsync(incoming, queue, variants.ValidXml(throughputCount, "burst"), TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
            using var self = System.Diagnostics.Process.GetCurrentProcess();
            return new BenchmarkReport(latencies, throughputCount, throughputCount / elapsed.TotalMinutes,
                floorLatencies, throughputCount / floorElapsed.TotalMinutes, Math.Max(peak, self.PeakWorkingSet64) / (1024.0 * 1024.0))
            {
                Stages = timers.Snapshot().ToDictionary(kv => kv.Key, kv => ((double)kv.Value.Calls / throughputCount, kv.Value.MeanMs), StringComparer.Ordinal),
            };
        }
    }

    /// <summary>The floor's "host": read the upload back, store a result blob, send the message.</summary>
    private static async Task StorageOnlyAsync(BlobContainerClient container, QueueClient queue, GeneratedDocument document, CancellationToken cancellationToken)
    {
        var content = await container.GetBlobClient(document.Name).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
        await container.GetBlobClient("results/" + document.Name + ".json").UploadAsync(content.Value.Content, cancellationToken).ConfigureAwait(false);
        var message = new JObject { ["sourceName"] = $"{StorageNames.IncomingContainer}/{document.Name}" };
        await queue.SendMessageAsync(message.ToString(Newtonsoft.Json.Formatting.None), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Uploads the documents with the given spacing while draining customs-results; returns each latency (s) and the total time.</summary>
    private static async Task<(List<double> Latencies, TimeSpan Elapsed)> MeasureAsync(BlobContainerClient incoming, QueueClient queue,
        IReadOnlyList<GeneratedDocument> documents, TimeSpan spacing, CancellationToken cancellationToken,
        Func<BlobContainerClient, QueueClient, GeneratedDocument, CancellationToken, Task>? afterUpload = null)
    {
        var clock = Stopwatch.StartNew();
        var uploaded = new ConcurrentDictionary<string, double>(StringComparer.Ordinal);
        var arrived = new ConcurrentDictionary<string, double>(StringComparer.Ordinal);
        var expected = documents.Select(d => $"{StorageNames.IncomingContainer}/{d.Name}").ToHashSet(StringComparer.Ordinal);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(TimeSpan.FromMinutes(5));
        var drain = Task.Run(async () =>
        {
            while (arrived.Count < expected.Count && !stop.IsCancellationRequested)
            {
                var batch = await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(1), stop.Token).ConfigureAwait(false);
                if (batch.Value.Length == 0) { await Task.Delay(50, stop.Token).ConfigureAwait(false); continue; }
                var now = clock.Elapsed.TotalSeconds;
                foreach (var m in batch.Value)
                {
                    var name = (string?)JObject.Parse(m.Body.ToString())["sourceName"];
                    if (name is not null && expected.Contains(name)) arrived.TryAdd(name, now);
                    await queue.DeleteMessageAsync(m.MessageId, m.PopReceipt, stop.Token).ConfigureAwait(false);
                }
            }
        }, stop.Token);

        if (spacing > TimeSpan.Zero)
        {
            foreach (var d in documents)
            {
                await incoming.UploadBlobAsync(d.Name, BinaryData.FromBytes(d.Bytes), stop.Token).ConfigureAwait(false);
                uploaded[$"{StorageNames.IncomingContainer}/{d.Name}"] = clock.Elapsed.TotalSeconds;
                if (afterUpload is not null) await afterUpload(incoming, queue, d, stop.Token).ConfigureAwait(false);
                await Task.Delay(spacing, stop.Token).ConfigureAwait(false);
            }
        }
        else
        {
            await Parallel.ForEachAsync(documents, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = stop.Token }, async (d, ct) =>
            {
                await incoming.UploadBlobAsync(d.Name, BinaryData.FromBytes(d.Bytes), ct).ConfigureAwait(false);
                uploaded[$"{StorageNames.IncomingContainer}/{d.Name}"] = clock.Elapsed.TotalSeconds;
                if (afterUpload is not null) await afterUpload(incoming, queue, d, ct).ConfigureAwait(false);
            }).ConfigureAwait(false);
        }
        await drain.ConfigureAwait(false);
        var latencies = arrived.Select(a => a.Value - uploaded[a.Key]).ToList();
        var last = arrived.Values.DefaultIfEmpty(clock.Elapsed.TotalSeconds).Max();
        return (latencies, TimeSpan.FromSeconds(last));
    }
}
