using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using CustomsFn.Core.Contract;
using CustomsFn.Infrastructure.Storage;
using Newtonsoft.Json.Linq;

namespace CustomsFn.LocalHost.Bench;

/// <summary>The benchmark's numbers.</summary>
public sealed record BenchmarkReport(int LatencyDocuments, double P50Seconds, double P95Seconds, int ThroughputDocuments, double DocumentsPerMinute);

/// <summary>
/// Upload-to-message latency and throughput through the local host on a private Azurite (free ports, temporary data):
/// 1. latency: uploads paced at 5 per second, each timed from its upload's completion to its message on customs-results;
/// 2. throughput: a burst of uploads, documents per minute from the first upload to the last message.
/// Not a test: it measures and prints, it asserts nothing.
/// </summary>
public static class LocalHostBenchmark
{
    public static async Task<BenchmarkReport> RunAsync(int latencyCount, int throughputCount, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        var data = Path.Combine(Path.GetTempPath(), "customsfn-bench-" + Guid.NewGuid().ToString("N"));
        var azurite = await AzuriteEmulator.StartAsync(new AzuriteSettings
        {
            Location = data, BlobPort = AzuriteEmulator.FreePort(), QueuePort = AzuriteEmulator.FreePort(), TablePort = AzuriteEmulator.FreePort(),
        }, cancellationToken).ConfigureAwait(false);
        try
        {
            var host = await LocalHostApp.StartAsync(new LocalHostOptions
            {
                StorageConnectionString = azurite.ConnectionString,
                Urls = "http://127.0.0.1:0",
                Settings = new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning" },
            }, cancellationToken: cancellationToken).ConfigureAwait(false);
            await using (host.ConfigureAwait(false))
            {
                var storage = new StorageClients(azurite.ConnectionString);
                var incoming = storage.Blobs().GetBlobContainerClient(StorageNames.IncomingContainer);
                var queue = storage.Queues().GetQueueClient(StorageNames.ResultsQueue);
                var variants = new DocumentVariants(DocumentVariants.FindSamples());

                await output.WriteLineAsync("warm-up ...").ConfigureAwait(false);
                await MeasureAsync(incoming, queue, variants.ValidXml(4, "warmup"), TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);

                await output.WriteLineAsync($"latency: {latencyCount} uploads at 5/s ...").ConfigureAwait(false);
                var (latencies, _) = await MeasureAsync(incoming, queue, variants.ValidXml(latencyCount, "latency"), TimeSpan.FromMilliseconds(200), cancellationToken).ConfigureAwait(false);
                latencies.Sort();

                await output.WriteLineAsync($"throughput: {throughputCount} uploads at once ...").ConfigureAwait(false);
                var (_, elapsed) = await MeasureAsync(incoming, queue, variants.ValidXml(throughputCount, "burst"), TimeSpan.Zero, cancellationToken).ConfigureAwait(false);

                var report = new BenchmarkReport(latencyCount, Percentile(latencies, 0.50), Percentile(latencies, 0.95),
                    throughputCount, throughputCount / elapsed.TotalMinutes);
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"upload-to-message latency over {report.LatencyDocuments} XML documents: p50 {report.P50Seconds:0.00} s, p95 {report.P95Seconds:0.00} s (target p95 < 3 s)")).ConfigureAwait(false);
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"throughput over {report.ThroughputDocuments} XML documents: {report.DocumentsPerMinute:0} documents/min in {elapsed.TotalSeconds:0.0} s (target >= 300/min)")).ConfigureAwait(false);
                return report;
            }
        }
        finally
        {
            await azurite.DisposeAsync().ConfigureAwait(false);
            try { Directory.Delete(data, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    /// <summary>Uploads the documents with the given spacing while draining customs-results; returns each latency (s) and the total time.</summary>
    private static async Task<(List<double> Latencies, TimeSpan Elapsed)> MeasureAsync(BlobContainerClient incoming, QueueClient queue,
        IReadOnlyList<GeneratedDocument> documents, TimeSpan spacing, CancellationToken cancellationToken)
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
                await Task.Delay(spacing, stop.Token).ConfigureAwait(false);
            }
        }
        else
        {
            await Parallel.ForEachAsync(documents, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = stop.Token }, async (d, ct) =>
            {
                await incoming.UploadBlobAsync(d.Name, BinaryData.FromBytes(d.Bytes), ct).ConfigureAwait(false);
                uploaded[$"{StorageNames.IncomingContainer}/{d.Name}"] = clock.Elapsed.TotalSeconds;
            }).ConfigureAwait(false);
        }
        await drain.ConfigureAwait(false);
        var latencies = arrived.Select(a => a.Value - uploaded[a.Key]).ToList();
        var last = arrived.Values.DefaultIfEmpty(clock.Elapsed.TotalSeconds).Max();
        return (latencies, TimeSpan.FromSeconds(last));
    }
}
