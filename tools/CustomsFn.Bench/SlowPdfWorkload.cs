using System.Diagnostics;
using System.Globalization;
using CustomsFn.Core;
using CustomsFn.Core.Contract;
using CustomsFn.Core.Foundation;
using CustomsFn.Core.Isolation;
using CustomsFn.Core.Pipeline;
using System.Text;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using CustomsFn.Infrastructure.Storage;
using Newtonsoft.Json.Linq;
using CustomsFn.Bench.LocalHost;

namespace CustomsFn.Bench;

/// <summary>
/// <c>customs-bench --only slow-pdfs</c>: four slow PDFs uploaded just ahead of ten ordinary ones, through the local host
/// on a private Azurite (upload to result message). The ordinary ones' time until all have results, against their time
/// alone (target: within 2x), with the default PDF workers (the slow lane on) and with the slow lane off (one queue per
/// worker, as before). The slow PDFs are valid one-page invoices whose page also carries a drawing placed many times (a
/// logo or part drawing of many vector segments): slow to parse, few words. Their status is compared with their status
/// alone: the processor-time deadline makes it independent of the load. The same comparison on the document processor
/// alone (no storage, no host) is reported as extra figures.
/// </summary>
internal static class SlowPdfWorkload
{
    private const int SlowCount = 4;
    private const int OrdinaryCount = 10;

    public static async Task<WorkloadResult> RunAsync(BenchInputs inputs, BenchSettings settings, CancellationToken ct)
    {
        var ordinary = inputs.PdfCandidates(quick: false).Take(OrdinaryCount).ToList();
        while (ordinary.Count < OrdinaryCount) ordinary.Add(ordinary[ordinary.Count % Math.Max(1, ordinary.Count)]);
        var placements = settings.Quick ? 60 : 80; // 150 (3M paths) passes the PDF worker's 1 GB: INPUT-PDF-LIMITS
        var slow = Enumerable.Range(1, SlowCount).Select(i => SlowInvoice(i, segments: 20_000, placements)).ToList();
        var extra = new Dictionary<string, double>(StringComparer.Ordinal) { ["pdfWorkers"] = new IsolationOptions().Workers };

        // The processor alone, both ways.
        using (var laned = CustomsDefaults.CreateProcessor())
        using (var queued = CustomsDefaults.CreateProcessor(new PipelineOptions { Isolation = new IsolationOptions { MaxSlowWorkers = 0 } }))
        {
            foreach (var p in new[] { laned, queued }) await Batch(p, ordinary, ct).ConfigureAwait(false);
            var clock = Stopwatch.StartNew();
            await Process(laned, "slow-1.pdf", slow[0], ct).ConfigureAwait(false);
            extra["processor: one slow PDF alone, seconds"] = clock.Elapsed.TotalSeconds;
            extra["processor: ordinary alone, seconds"] = await Batch(laned, ordinary, ct).ConfigureAwait(false);
            extra["processor: ordinary behind slow, slow lane, seconds"] = await Behind(laned, slow, ordinary, ct).ConfigureAwait(false);
            extra["processor: ordinary behind slow, slow lane off, seconds"] = await Behind(queued, slow, ordinary, ct).ConfigureAwait(false);
        }

        // Through the host: upload to result message.
        var onHost = await HostAsync(slow, ordinary, slowLane: true, ct).ConfigureAwait(false);
        var offHost = await HostAsync(slow, ordinary, slowLane: false, ct).ConfigureAwait(false);
        extra["host: ordinary alone, seconds"] = onHost.Alone;
        extra["host: ordinary behind slow, slow lane, seconds"] = onHost.Behind;
        extra["host: ordinary alone, slow lane off, seconds"] = offHost.Alone;
        extra["host: ordinary behind slow, slow lane off, seconds"] = offHost.Behind;
        extra["host: slow PDFs with the verdict one gets alone"] = onHost.SlowStatuses.Count(s => s == onHost.SlowAlone);

        var ratio = onHost.Behind / onHost.Alone;
        var sameVerdict = onHost.SlowStatuses.All(s => s == onHost.SlowAlone) && offHost.SlowStatuses.All(s => s == onHost.SlowAlone);
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        return new WorkloadResult
        {
            Id = "slow-pdfs",
            Title = $"{OrdinaryCount} ordinary PDFs behind {SlowCount} slow ones (local host)",
            Unit = "documents",
            Items = OrdinaryCount,
            Rounds = 1,
            Pipeline = new SideResult("ordinary PDFs uploaded just after 4 slow ones", OrdinaryCount / onHost.Behind, onHost.Behind * 1000, onHost.Behind * 1000, onHost.Behind),
            Floor = new SideResult("the same ordinary PDFs alone", OrdinaryCount / onHost.Alone, onHost.Alone * 1000, onHost.Alone * 1000, onHost.Alone),
            Ratio = ratio,
            PeakMemoryMb = self.PeakWorkingSet64 / (1024.0 * 1024),
            Targets =
            [
                new TargetCheck("ordinary PDFs behind slow ones within 2x of their time alone", 2, ratio, ratio <= 2),
                new TargetCheck("every slow PDF gets the verdict one gets alone, busy or not (1 = all)", 1, sameVerdict ? 1 : 0, sameVerdict),
            ],
            Extra = extra,
            Note = $"Slow PDF: a one-page invoice with a drawing of 20,000 segments placed {placements} times ({onHost.SlowAlone} alone). " +
                   "Host: upload to message on customs-results; times from the first ordinary upload to the last ordinary message. " +
                   "Slow lane off: Pipeline:Isolation:MaxSlowWorkers=0.",
        };
    }

    /// <summary>Seconds until every ordinary PDF has its result, when the slow ones were handed in 50 ms earlier.</summary>
    private static async Task<double> Behind(DocumentProcessor processor, List<byte[]> slow, List<BenchFile> ordinary, CancellationToken ct)
    {
        var slowTasks = slow.Select((b, i) => Process(processor, $"slow-{i + 1}.pdf", b, ct)).ToList();
        await Task.Delay(50, ct).ConfigureAwait(false);
        var seconds = await Batch(processor, ordinary, ct).ConfigureAwait(false);
        await Task.WhenAll(slowTasks).ConfigureAwait(false);
        return seconds;
    }

    private static async Task<double> Batch(DocumentProcessor processor, List<BenchFile> files, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(files.Select(f => Process(processor, f.Name, f.Bytes, ct))).ConfigureAwait(false);
        return clock.Elapsed.TotalSeconds;
    }

    private static Task<CustomsResult> Process(DocumentProcessor processor, string name, byte[] bytes, CancellationToken ct) =>
        Task.Run(() => processor.ProcessAsync(UploadContent.FromBytes(bytes), new DocumentRef("incoming/" + name), ct), ct);

    private sealed record HostRun(double Alone, double Behind, string SlowAlone, List<string> SlowStatuses);

    /// <summary>On a fresh Azurite and local host: warm-up, one slow PDF alone, the ordinary ones alone, then 4 slow + 10 ordinary.</summary>
    private static async Task<HostRun> HostAsync(List<byte[]> slow, List<BenchFile> ordinary, bool slowLane, CancellationToken ct)
    {
        var azurite = await PrivateAzurite.StartAsync("slow", ct).ConfigureAwait(false);
        await using var stopAzurite = azurite.ConfigureAwait(false);
        // Absent, not null, for the default: a null value binds as 0.
        var host = await azurite.StartHostAsync(ct, slowLane ? null : new Dictionary<string, string?> { ["Pipeline:Isolation:MaxSlowWorkers"] = "0" })
            .ConfigureAwait(false);
        await using (host.ConfigureAwait(false))
        {
            var storage = azurite.Storage;
            var incoming = storage.Blobs().GetBlobContainerClient(StorageNames.IncomingContainer);
            var queue = storage.Queues().GetQueueClient(StorageNames.ResultsQueue);
            var round = 0;
            // Each round's bytes are new (a comment after %%EOF): the same content again is the same document,
            // which is not processed twice.
            // Names sort slow before ordinary: a host that lists both in one poll takes the slow ones first.
            List<(string Name, byte[] Bytes)> Named(IEnumerable<byte[]> files, string kind) =>
                files.Select((b, i) => ($"{round}-{(kind == "slow" ? 1 : 2)}-{kind}-{i:D2}.pdf", b.Concat(Encoding.ASCII.GetBytes($"\n%{kind}-{round}-{i}\n")).ToArray())).ToList();

            round++;
            await Results(incoming, queue, Named(ordinary.Select(o => o.Bytes), "warm"), [], ct).ConfigureAwait(false);
            round++;
            var slowAlone = (await Results(incoming, queue, Named(slow.Take(1), "slow"), [], ct).ConfigureAwait(false)).Statuses.Values.Single();
            round++;
            var alone = (await Results(incoming, queue, Named(ordinary.Select(o => o.Bytes), "ordinary"), [], ct).ConfigureAwait(false)).Seconds;
            round++;
            var behind = await Results(incoming, queue, Named(ordinary.Select(o => o.Bytes), "ordinary"), Named(slow, "slow"), ct).ConfigureAwait(false);
            var slowStatuses = behind.Statuses.Where(s => s.Key.Contains("-slow-", StringComparison.Ordinal)).Select(s => s.Value).ToList();
            return new HostRun(alone, behind.Seconds, slowAlone, slowStatuses);
        }
    }

    /// <summary>
    /// Uploads <paramref name="ahead"/>, 200 ms later <paramref name="measured"/>, and reads customs-results until every
    /// upload has its message. Seconds: from the first measured upload to its last message; the status of every upload.
    /// </summary>
    private static async Task<(double Seconds, Dictionary<string, string> Statuses)> Results(BlobContainerClient incoming, QueueClient queue,
        List<(string Name, byte[] Bytes)> measured, List<(string Name, byte[] Bytes)> ahead, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        stop.CancelAfter(TimeSpan.FromMinutes(10));
        var statuses = new Dictionary<string, string>(StringComparer.Ordinal);
        var arrived = new Dictionary<string, double>(StringComparer.Ordinal);
        var expected = measured.Concat(ahead).Select(d => $"{StorageNames.IncomingContainer}/{d.Name}").ToHashSet(StringComparer.Ordinal);
        foreach (var d in ahead) await incoming.UploadBlobAsync(d.Name, BinaryData.FromBytes(d.Bytes), stop.Token).ConfigureAwait(false);
        if (ahead.Count > 0) await Task.Delay(200, stop.Token).ConfigureAwait(false);
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(measured, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = stop.Token },
            async (d, token) => await incoming.UploadBlobAsync(d.Name, BinaryData.FromBytes(d.Bytes), token).ConfigureAwait(false)).ConfigureAwait(false);
        while (statuses.Count < expected.Count)
        {
            var batch = await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(1), stop.Token).ConfigureAwait(false);
            if (batch.Value.Length == 0) { await Task.Delay(50, stop.Token).ConfigureAwait(false); continue; }
            var now = clock.Elapsed.TotalSeconds;
            foreach (var m in batch.Value)
            {
                var message = JObject.Parse(m.Body.ToString());
                if ((string?)message["sourceName"] is { } name && expected.Contains(name) && statuses.TryAdd(name, (string?)message["status"] ?? "?"))
                    arrived[name] = now;
                await queue.DeleteMessageAsync(m.MessageId, m.PopReceipt, stop.Token).ConfigureAwait(false);
            }
        }
        if (Environment.GetEnvironmentVariable("CUSTOMSFN_BENCH_TRACE") == "1")
            foreach (var a in arrived.OrderBy(a => a.Value)) Console.Error.WriteLine($"{a.Value,8:0.000} {a.Key} {statuses[a.Key]}");
        var measuredNames = measured.Select(d => $"{StorageNames.IncomingContainer}/{d.Name}").ToHashSet(StringComparer.Ordinal);
        return (arrived.Where(a => measuredNames.Contains(a.Key)).Max(a => a.Value), statuses);
    }

    /// <summary>
    /// A one-page invoice (number, date, parties, one goods line, total) under a drawing: a form of
    /// <paramref name="segments"/> short line segments placed <paramref name="placements"/> times (a logo or a part
    /// drawing repeated over the page). A small file whose page makes the parser process segments x placements paths.
    /// </summary>
    internal static byte[] SlowInvoice(int n, int segments, int placements)
    {
        var random = new Random(n);
        var form = new StringBuilder("0.1 w\n");
        for (var i = 0; i < segments; i++)
        {
            double x = random.Next(0, 400) / 10.0, y = random.Next(0, 400) / 10.0;
            form.Append(CultureInfo.InvariantCulture, $"{x:0.#} {y:0.#} m {x + 0.3:0.#} {y + 0.2:0.#} l S\n");
        }
        var content = new StringBuilder("BT /F1 10 Tf\n");
        void Text(string text, int x, int y) => content.Append(CultureInfo.InvariantCulture, $"1 0 0 1 {x} {y} Tm ({text}) Tj\n");
        Text("COMMERCIAL INVOICE", 40, 800);
        Text(string.Create(CultureInfo.InvariantCulture, $"Invoice No: SLOW-{n:D4}"), 40, 780);
        Text("Date: 14 Mar 2026", 330, 780);
        Text("Seller: Rheinwerk Maschinenbau GmbH", 40, 760);
        Text("Buyer: Harbor Tools Inc.", 330, 760);
        Text("Incoterms: FOB Hamburg", 40, 740);
        Text("Currency: EUR", 330, 740);
        Text("Description", 40, 700); Text("HS Code", 250, 700); Text("Qty", 350, 700); Text("Unit Price", 410, 700); Text("Amount", 500, 700);
        Text("Ball bearings", 40, 685); Text("8482.10", 250, 685); Text("100", 350, 685); Text("12.50", 410, 685); Text("1,250.00", 500, 685);
        Text("Total: EUR 1,250.00", 410, 660);
        content.Append("ET\n");
        for (var i = 0; i < placements; i++)
            content.Append(CultureInfo.InvariantCulture, $"q 1 0 0 1 {40 + i % 12 * 42} {80 + i / 12 % 13 * 42} cm /Fm1 Do Q\n");

        var objects = new[]
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> /XObject << /Fm1 6 0 R >> >> >>",
            Stream("", content.ToString()),
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
            Stream("/Type /XObject /Subtype /Form /BBox [0 0 41 41] ", form.ToString()),
        };
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var xref = pdf.Length;
        pdf.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var o in offsets) pdf.Append(CultureInfo.InvariantCulture, $"{o:D10} 00000 n \n");
        pdf.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());

        static string Stream(string dictionary, string data) =>
            string.Create(CultureInfo.InvariantCulture, $"<< {dictionary}/Length {data.Length} >>\nstream\n{data}\nendstream");
    }
}
