using System.Diagnostics;
using CustomsFn.Bench.Hostile;
using CustomsFn.Core.Contract;
using CustomsFn.Infrastructure.Storage;
using Newtonsoft.Json.Linq;
using CustomsFn.Bench.LocalHost;

namespace CustomsFn.Bench;

/// <summary>
/// <c>customs-bench --only hostile-host</c>: the local host, in this process, on a private Azurite, takes every hostile
/// input (<see cref="HostileWorkload.Inputs"/>) uploaded at once, beside the ordinary samples. Every upload must get
/// exactly one result message; reported: the host's peak resident set, the slowest upload-to-message time and the
/// uploads without a result or with more than one. Run it under a memory limit with
/// <c>scripts/under-memory-limit.sh 2G dotnet customs-bench.dll --only hostile-host</c>: a host that the limit kills
/// ends the run, so a finished run is also the proof that the host never restarted.
/// </summary>
internal static class HostileHostWorkload
{
    public static async Task<WorkloadResult> RunAsync(CancellationToken ct)
    {
        var uploads = HostileWorkload.Inputs(quick: false).Select(i => (Name: "hostile/" + i.Name, Bytes: i.Build())).ToList();
        var hostile = uploads.Count;
        foreach (var file in Directory.GetFiles(LocalHost.DocumentVariants.FindSamples()).Order(StringComparer.Ordinal))
            uploads.Add(("ordinary/" + Path.GetFileName(file), File.ReadAllBytes(file)));

        var azurite = await PrivateAzurite.StartAsync("hostile-host", ct).ConfigureAwait(false);
        await using var stopAzurite = azurite.ConfigureAwait(false);
        var host = await azurite.StartHostAsync(ct).ConfigureAwait(false);
        await using (host.ConfigureAwait(false))
        {
            var storage = azurite.Storage;
            var incoming = storage.Blobs().GetBlobContainerClient(StorageNames.IncomingContainer);
            var queue = storage.Queues().GetQueueClient(StorageNames.ResultsQueue);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            stop.CancelAfter(TimeSpan.FromMinutes(10));
            var clock = Stopwatch.StartNew();
            var uploaded = new System.Collections.Concurrent.ConcurrentDictionary<string, double>(StringComparer.Ordinal);
            await Parallel.ForEachAsync(uploads, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = stop.Token }, async (u, token) =>
            {
                await incoming.UploadBlobAsync(u.Name, BinaryData.FromBytes(u.Bytes), token).ConfigureAwait(false);
                uploaded[$"{StorageNames.IncomingContainer}/{u.Name}"] = clock.Elapsed.TotalSeconds;
            }).ConfigureAwait(false);

            // Every message is counted: one per upload is expected; the drain goes on 5 s after the last to catch repeats.
            var messages = new Dictionary<string, (int Count, double At, string Status)>(StringComparer.Ordinal);
            var quietSince = (double?)null;
            while (!stop.IsCancellationRequested)
            {
                var batch = await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(1), stop.Token).ConfigureAwait(false);
                var now = clock.Elapsed.TotalSeconds;
                foreach (var m in batch.Value)
                {
                    var message = JObject.Parse(m.Body.ToString());
                    if ((string?)message["sourceName"] is { } name && uploaded.ContainsKey(name))
                        messages[name] = messages.TryGetValue(name, out var seen) ? (seen.Count + 1, seen.At, seen.Status) : (1, now, (string?)message["status"] ?? "?");
                    await queue.DeleteMessageAsync(m.MessageId, m.PopReceipt, stop.Token).ConfigureAwait(false);
                }
                if (messages.Count < uploads.Count) { quietSince = null; await Task.Delay(50, stop.Token).ConfigureAwait(false); continue; }
                quietSince ??= now;
                if (now - quietSince > 5) break;
                await Task.Delay(200, stop.Token).ConfigureAwait(false);
            }

            var latencies = messages.ToDictionary(m => m.Key, m => m.Value.At - uploaded[m.Key], StringComparer.Ordinal);
            var slowest = latencies.MaxBy(l => l.Value);
            var missing = uploaded.Keys.Count(k => !messages.ContainsKey(k));
            var repeated = messages.Count(m => m.Value.Count > 1);
            using var self = Process.GetCurrentProcess();
            self.Refresh();
            var hostPeak = self.PeakWorkingSet64 / (1024.0 * 1024.0);
            var total = latencies.Values.DefaultIfEmpty(0).Max();
            var each = SideResult.OfItems("upload to result message", latencies.Values.ToList(), total);
            return new WorkloadResult
            {
                Id = "hostile-host",
                Title = $"{uploads.Count} uploads at once through the local host ({hostile} hostile)",
                Unit = "uploads",
                Items = uploads.Count,
                Rounds = 1,
                Pipeline = each,
                Floor = each with { What = "the same (no floor: measured against the budgets)" },
                Ratio = 1,
                PeakMemoryMb = hostPeak,
                Targets =
                [
                    new TargetCheck("every upload has exactly one result (uploads without one or with more)", 0, missing + repeated, missing + repeated == 0),
                    new TargetCheck("host peak < 600 MB", 600, hostPeak, hostPeak < 600),
                    new TargetCheck($"every upload decided in < 20 s (slowest: {slowest.Key})", 20, slowest.Value, slowest.Value < 20),
                ],
                Extra = new Dictionary<string, double>(StringComparer.Ordinal)
                {
                    ["uploads"] = uploads.Count, ["results"] = messages.Count, ["without a result"] = missing, ["with more than one result"] = repeated,
                    ["rejected"] = messages.Count(m => m.Value.Status == "rejected"),
                    [$"slowest seconds ({slowest.Key})"] = slowest.Value, ["host peak MB"] = hostPeak,
                },
                Note = "The host is this process (the PDF workers and Azurite are its children): run under scripts/under-memory-limit.sh for a limit on all of them.",
            };
        }
    }
}
