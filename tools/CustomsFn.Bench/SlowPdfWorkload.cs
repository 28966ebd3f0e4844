using System.Diagnostics;
using System.Globalization;
using CustomsFn.Core;
using CustomsFn.Core.Contract;
using CustomsFn.Core.Foundation;
using CustomsFn.Core.Isolation;
using CustomsFn.Core.Pipeline;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace CustomsFn.Bench;

/// <summary>
/// <c>customs-bench --only slow-pdfs</c>: four slow PDFs uploaded just ahead of ten ordinary ones. The ordinary ones'
/// time until all have results, against their time alone (target: within 2x), with the default PDF workers (the slow lane
/// on) and with the slow lane off (what one worker queue did). The slow PDFs are valid one-page invoices whose page also
/// carries a drawing of many vector segments (a CAD drawing or a chart): slow to parse, few words. Their status is
/// compared with their status alone: the processor-time deadline makes it independent of the load.
/// </summary>
internal static class SlowPdfWorkload
{
    private const int SlowCount = 4;
    private const int OrdinaryCount = 10;

    public static async Task<WorkloadResult> RunAsync(BenchInputs inputs, BenchSettings settings, CancellationToken ct)
    {
        var ordinary = inputs.PdfCandidates(quick: false).Take(OrdinaryCount).ToList();
        while (ordinary.Count < OrdinaryCount) ordinary.Add(ordinary[ordinary.Count % Math.Max(1, ordinary.Count)]);
        var slow = Enumerable.Range(1, SlowCount).Select(i => SlowInvoice(i, settings.Quick ? 150_000 : 300_000)).ToList();

        using var laned = CustomsDefaults.CreateProcessor();
        using var queued = CustomsDefaults.CreateProcessor(new PipelineOptions { Isolation = new IsolationOptions { MaxSlowWorkers = 0 } });
        var extra = new Dictionary<string, double>(StringComparer.Ordinal) { ["pdfWorkers"] = new IsolationOptions().Workers };

        // Warm both (worker start, JIT), then the slow PDF alone: its time and its verdict without load.
        foreach (var p in new[] { laned, queued }) await Batch(p, ordinary, ct).ConfigureAwait(false);
        var clock = Stopwatch.StartNew();
        var aloneStatus = (await Process(laned, "slow-1.pdf", slow[0], ct).ConfigureAwait(false)).Status;
        extra["one slow PDF alone, seconds"] = clock.Elapsed.TotalSeconds;

        var alone = await Batch(laned, ordinary, ct).ConfigureAwait(false);
        var (behindLaned, slowStatuses) = await Behind(laned, slow, ordinary, ct).ConfigureAwait(false);
        var (behindQueued, _) = await Behind(queued, slow, ordinary, ct).ConfigureAwait(false);
        var sameVerdict = slowStatuses.All(s => s == aloneStatus);
        extra["ordinary alone, seconds"] = alone;
        extra["ordinary behind slow, slow lane, seconds"] = behindLaned;
        extra["ordinary behind slow, slow lane off, seconds"] = behindQueued;
        extra["slow PDFs moved to the slow lane"] = laned.PdfWorkers?.SlowRequests ?? 0;
        extra["slow PDFs with their verdict alone"] = slowStatuses.Count(s => s == aloneStatus);

        var ratio = behindLaned / alone;
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        return new WorkloadResult
        {
            Id = "slow-pdfs",
            Title = $"{OrdinaryCount} ordinary PDFs behind {SlowCount} slow ones",
            Unit = "documents",
            Items = OrdinaryCount,
            Rounds = 1,
            Pipeline = new SideResult("ordinary PDFs uploaded just after 4 slow ones", OrdinaryCount / behindLaned, behindLaned * 1000, behindLaned * 1000, behindLaned),
            Floor = new SideResult("the same ordinary PDFs alone", OrdinaryCount / alone, alone * 1000, alone * 1000, alone),
            Ratio = ratio,
            PeakMemoryMb = self.PeakWorkingSet64 / (1024.0 * 1024),
            Targets =
            [
                new TargetCheck("ordinary PDFs behind slow ones within 2x of their time alone", 2, ratio, ratio <= 2),
                new TargetCheck("every slow PDF gets the verdict it gets alone (1 = all)", 1, sameVerdict ? 1 : 0, sameVerdict),
            ],
            Extra = extra,
            Note = $"Slow PDF: a one-page invoice with a drawing of many vector segments; the slow one alone is {aloneStatus.ToString().ToLowerInvariant()}. " +
                   "Documents are processed concurrently, as a host does with several blobs at once. Slow lane off: Pipeline:Isolation:MaxSlowWorkers=0.",
        };
    }

    /// <summary>Seconds until every ordinary PDF has its result, when the slow ones were handed in 50 ms earlier; and the slow ones' statuses.</summary>
    private static async Task<(double Seconds, List<ResultStatus> SlowStatuses)> Behind(DocumentProcessor processor, List<byte[]> slow,
        List<BenchFile> ordinary, CancellationToken ct)
    {
        var slowTasks = slow.Select((b, i) => Process(processor, $"slow-{i + 1}.pdf", b, ct)).ToList();
        await Task.Delay(50, ct).ConfigureAwait(false);
        var seconds = await Batch(processor, ordinary, ct).ConfigureAwait(false);
        var results = await Task.WhenAll(slowTasks).ConfigureAwait(false);
        return (seconds, results.Select(r => r.Status).ToList());
    }

    private static async Task<double> Batch(DocumentProcessor processor, List<BenchFile> files, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(files.Select(f => Process(processor, f.Name, f.Bytes, ct))).ConfigureAwait(false);
        return clock.Elapsed.TotalSeconds;
    }

    private static Task<CustomsResult> Process(DocumentProcessor processor, string name, byte[] bytes, CancellationToken ct) =>
        Task.Run(() => processor.ProcessAsync(UploadContent.FromBytes(bytes), new DocumentRef("incoming/" + name), ct), ct);

    /// <summary>A one-page invoice (number, date, parties, one goods line, total) under a drawing of <paramref name="segments"/> line segments.</summary>
    internal static byte[] SlowInvoice(int n, int segments)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var page = builder.AddPage(PageSize.A4);
        void Text(string text, double x, double y) => page.AddText(text, 10, new PdfPoint(x, y), font);
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
        var random = new Random(n);
        for (var i = 0; i < segments; i++)
        {
            var x = 40 + random.NextDouble() * 500;
            var y = 80 + random.NextDouble() * 500;
            page.DrawLine(new PdfPoint(x, y), new PdfPoint(x + random.NextDouble() * 4, y + random.NextDouble() * 4), 0.1);
        }
        return builder.Build();
    }
}
