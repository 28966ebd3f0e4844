using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using CustomsFn.Bench.LocalHost;
using CustomsFn.Core.Contract;
using CustomsFn.Core.Foundation;
using CustomsFn.Core.Shipments;
using CustomsFn.Infrastructure.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace CustomsFn.Bench;

/// <summary>
/// <c>customs-bench --only shipment-scale</c>: N small UBL uploads (invoice and packing-list pairs of
/// <c>samples/shipments/s02-cn-gb-quantity-weight</c> with their numbers varied, so every packing list quotes its own
/// invoice and contradicts it, and weighs differently from the others) into ONE shipment folder, against N such uploads spread over N folders, through the
/// local host on a private Azurite. Measured: the time until every upload has its result message and every shipment has
/// every member (the shipment messages on <c>customs-results</c>), failed invocations (the shipment tracker's
/// exceptions and the host's "could not process an upload" warnings), and the one folder's stored shipment record size.
/// N is 1,000 (100 with <c>--quick</c>).
/// </summary>
internal static class ShipmentScaleWorkload
{
    public const string Folder = "burst";

    public static async Task<WorkloadResult> RunAsync(BenchSettings settings, CancellationToken ct) =>
        await RunAsync(settings.Quick ? 100 : 1_000, ct).ConfigureAwait(false);

    public static async Task<WorkloadResult> RunAsync(int count, CancellationToken ct)
    {
        var samples = Path.Combine(Path.GetDirectoryName(DocumentVariants.FindSamples())!, "shipments", "s02-cn-gb-quantity-weight");
        var invoice = File.ReadAllText(Path.Combine(samples, "invoice.xml"));
        var packingList = File.ReadAllText(Path.Combine(samples, "packing-list.xml"));
        var failures = new FailureCounter();

        var azurite = await PrivateAzurite.StartAsync("shipment-scale", ct).ConfigureAwait(false);
        await using var stopAzurite = azurite.ConfigureAwait(false);
        var host = await azurite.StartHostAsync(ct, configureServices: failures.Install).ConfigureAwait(false);
        await using (host.ConfigureAwait(false))
        {
            var storage = azurite.Storage;
            var incoming = storage.Blobs().GetBlobContainerClient(StorageNames.IncomingContainer);
            var results = storage.Blobs().GetBlobContainerClient(StorageNames.ResultsContainer);
            var queue = storage.Queues().GetQueueClient(StorageNames.ResultsQueue);

            List<(string Name, byte[] Bytes)> Uploads(string tag, Func<int, string> folder) =>
                Enumerable.Range(0, count).Select(i =>
                {
                    var pair = (i / 2).ToString("D5", CultureInfo.InvariantCulture);
                    var text = (i % 2 == 0 ? invoice : packingList)
                        .Replace("BL-INV-26-0788", $"BL-INV-{tag}-{pair}", StringComparison.Ordinal)
                        .Replace("BL-PL-26-0788", $"BL-PL-{tag}-{pair}", StringComparison.Ordinal)
                        // Each packing list weighs differently: against the first (the shipment's weight authority) a finding each.
                        .Replace(">1310</cbc:GrossWeightMeasure>", $">{1310 + (i / 2 * 10)}</cbc:GrossWeightMeasure>", StringComparison.Ordinal);
                    return ($"{folder(i)}/{(i % 2 == 0 ? "invoice" : "packing-list")}-{pair}.xml", Encoding.UTF8.GetBytes(text));
                }).ToList();

            // Warm-up (the processor, the host, the queues), then the spread uploads, then the one folder.
            var warm = Enumerable.Range(0, 10).Select(i => ($"warm-{i}/invoice.xml", Encoding.UTF8.GetBytes(invoice.Replace("BL-INV-26-0788", $"BL-INV-warm-{i}", StringComparison.Ordinal)))).ToList();
            await RunPhaseAsync(incoming, queue, warm, ct).ConfigureAwait(false);
            failures.Reset();
            var spread = await RunPhaseAsync(incoming, queue, Uploads("S", i => $"spread-{i:D5}"), ct).ConfigureAwait(false);
            var spreadFailures = failures.Total;
            failures.Reset();
            var one = await RunPhaseAsync(incoming, queue, Uploads("F", _ => Folder), ct).ConfigureAwait(false);
            var oneFailures = failures.Total;

            var record = results.GetBlobClient(ShipmentNames.ResultBlobName(Folder));
            var recordBytes = (double)(await record.GetPropertiesAsync(cancellationToken: ct).ConfigureAwait(false)).Value.ContentLength;
            var stored = ResultSerializer.Deserialize<ShipmentResult>((await record.DownloadContentAsync(ct).ConfigureAwait(false)).Value.Content.ToString());

            var ratio = one.Seconds / spread.Seconds;
            var failed = spreadFailures + oneFailures;
            var incomplete = one.Missing + spread.Missing + one.Repeated + spread.Repeated;
            using var self = Process.GetCurrentProcess();
            self.Refresh();
            var n = count.ToString("N0", CultureInfo.InvariantCulture);
            return new WorkloadResult
            {
                Id = "shipment-scale",
                Title = $"{n} uploads into one shipment folder against {n} folders (local host)",
                Unit = "documents",
                Items = count,
                Rounds = 1,
                Pipeline = SideResult.OfItems($"{n} uploads into one folder: upload to result message", one.Latencies, one.Seconds),
                Floor = SideResult.OfItems($"{n} uploads into {n} folders: upload to result message", spread.Latencies, spread.Seconds),
                Ratio = ratio,
                PeakMemoryMb = self.PeakWorkingSet64 / (1024.0 * 1024),
                Targets =
                [
                    new TargetCheck("one folder: every result and the complete shipment within 3x of the same uploads over as many folders", 3, ratio, ratio <= 3),
                    new TargetCheck("shipment record under 5 MB", 5, recordBytes / (1024 * 1024), recordBytes < 5 * 1024 * 1024),
                    new TargetCheck("failed invocations (shipment tracker exceptions + host 'could not process an upload')", 0, failed, failed == 0),
                    new TargetCheck("uploads without exactly one result, shipment members missing", 0, incomplete + (count - stored.Documents.Count), incomplete == 0 && stored.Documents.Count == count),
                ],
                Extra = new Dictionary<string, double>(StringComparer.Ordinal)
                {
                    ["uploads"] = count,
                    ["one folder: seconds until every result message"] = one.ResultsSeconds,
                    ["one folder: seconds until the shipment has every member"] = one.ShipmentSeconds,
                    ["one folder: shipment messages (updates)"] = one.ShipmentMessages,
                    ["one folder: failed invocations"] = oneFailures,
                    ["spread: seconds until every result message"] = spread.ResultsSeconds,
                    ["spread: seconds until every shipment has its member"] = spread.ShipmentSeconds,
                    ["spread: failed invocations"] = spreadFailures,
                    ["shipment record bytes"] = recordBytes,
                    ["shipment record documents"] = stored.Documents.Count,
                    ["shipment findings"] = stored.Truncated?.Findings ?? stored.Findings.Count,
                    ["shipment findings stored"] = stored.Findings.Count,
                    ["uploads without a result"] = one.Missing + spread.Missing,
                    ["uploads with more than one result"] = one.Repeated + spread.Repeated,
                },
                Note = $"Invoice and packing-list pairs from samples/shipments/s02 with their numbers varied (each packing list quotes its own invoice and contradicts its quantity, and weighs differently from the others: findings grow with the shipment). " +
                       $"Times from the first upload to the last result message and the last shipment message that completes the shipment(s); shipment verdict {ShipmentVerdicts.Text(stored.Verdict)}.",
            };
        }
    }

    private sealed record Phase(double Seconds, double ResultsSeconds, double ShipmentSeconds, List<double> Latencies, int Missing, int Repeated, int ShipmentMessages);

    /// <summary>
    /// Uploads (8 at a time) and reads <c>customs-results</c> until every upload has its result message and every
    /// shipment named by the uploads' folders has a message counting all its members (then 3 s more, to catch repeats).
    /// </summary>
    private static async Task<Phase> RunPhaseAsync(BlobContainerClient incoming, QueueClient queue, List<(string Name, byte[] Bytes)> uploads, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        stop.CancelAfter(TimeSpan.FromMinutes(30));
        var names = uploads.Select(u => $"{StorageNames.IncomingContainer}/{u.Name}").ToHashSet(StringComparer.Ordinal);
        var expectedMembers = uploads.GroupBy(u => u.Name[..u.Name.IndexOf('/', StringComparison.Ordinal)], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        var uploaded = new ConcurrentDictionary<string, double>(StringComparer.Ordinal);
        var uploading = Parallel.ForEachAsync(uploads, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = stop.Token }, async (u, token) =>
        {
            await incoming.UploadBlobAsync(u.Name, BinaryData.FromBytes(u.Bytes), token).ConfigureAwait(false);
            uploaded[$"{StorageNames.IncomingContainer}/{u.Name}"] = clock.Elapsed.TotalSeconds;
        });

        var messages = new Dictionary<string, (int Count, double At)>(StringComparer.Ordinal);
        var complete = new Dictionary<string, double>(StringComparer.Ordinal);
        var shipmentMessages = 0;
        double? quietSince = null;
        while (!stop.IsCancellationRequested)
        {
            var batch = await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(1), stop.Token).ConfigureAwait(false);
            var now = clock.Elapsed.TotalSeconds;
            foreach (var m in batch.Value)
            {
                var message = JObject.Parse(m.Body.ToString());
                if ((string?)message["schema"] == ShipmentMessage.SchemaId)
                {
                    var id = (string?)message["shipmentId"] ?? "";
                    if (expectedMembers.TryGetValue(id, out var members))
                    {
                        shipmentMessages++;
                        if ((int?)message["documentCount"] >= members) complete.TryAdd(id, now);
                    }
                }
                else if ((string?)message["sourceName"] is { } name && names.Contains(name))
                {
                    messages[name] = messages.TryGetValue(name, out var seen) ? (seen.Count + 1, seen.At) : (1, now);
                }
                await queue.DeleteMessageAsync(m.MessageId, m.PopReceipt, stop.Token).ConfigureAwait(false);
            }
            if (messages.Count < uploads.Count || complete.Count < expectedMembers.Count)
            {
                quietSince = null;
                if (batch.Value.Length == 0) await Task.Delay(50, stop.Token).ConfigureAwait(false);
                continue;
            }
            quietSince ??= now;
            if (now - quietSince > 3) break;
            await Task.Delay(200, stop.Token).ConfigureAwait(false);
        }
        await uploading.ConfigureAwait(false);
        var latencies = messages.Where(m => uploaded.ContainsKey(m.Key)).Select(m => m.Value.At - uploaded[m.Key]).ToList();
        var resultsSeconds = messages.Values.Select(m => m.At).DefaultIfEmpty(0).Max();
        var shipmentSeconds = complete.Values.DefaultIfEmpty(0).Max();
        return new Phase(Math.Max(resultsSeconds, shipmentSeconds), resultsSeconds, shipmentSeconds, latencies,
            uploads.Count - messages.Count, messages.Count(m => m.Value.Count > 1), shipmentMessages);
    }

    /// <summary>
    /// Failed invocations: the shipment tracker's exceptions (what made an invocation fail with "Shipment changed 8
    /// times") and the host's warnings that an upload could not be processed.
    /// </summary>
    private sealed class FailureCounter
    {
        private int _tracker;
        private int _host;

        public int Total => Volatile.Read(ref _tracker) + Volatile.Read(ref _host);

        public void Reset()
        {
            Interlocked.Exchange(ref _tracker, 0);
            Interlocked.Exchange(ref _host, 0);
        }

        public void Install(IServiceCollection services)
        {
            var original = services.LastOrDefault(d => d.ServiceType == typeof(IShipmentTracker));
            if (original?.ImplementationFactory is { } factory)
                services.Add(ServiceDescriptor.Singleton<IShipmentTracker>(sp => new Counting((IShipmentTracker)factory(sp), this)));
            services.AddSingleton<ILoggerProvider>(new HostFailures(this));
        }

        private sealed class Counting(IShipmentTracker inner, FailureCounter counter) : IShipmentTracker
        {
            public async Task TrackAsync(CustomsResult result, DocumentRef document, CancellationToken cancellationToken)
            {
                try
                {
                    await inner.TrackAsync(result, document, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    Interlocked.Increment(ref counter._tracker);
                    throw;
                }
            }
        }

        /// <summary>Counts the watcher's "could not process an upload" (event 801).</summary>
        private sealed class HostFailures(FailureCounter counter) : ILoggerProvider
        {
            public ILogger CreateLogger(string categoryName) => new Logger(counter, categoryName);
            public void Dispose() { }

            private sealed class Logger(FailureCounter counter, string category) : ILogger
            {
                public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
                public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

                public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
                {
                    if (eventId.Id == 801 && category.EndsWith("IncomingWatcher", StringComparison.Ordinal))
                        Interlocked.Increment(ref counter._host);
                }
            }
        }
    }
}
