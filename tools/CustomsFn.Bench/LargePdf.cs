using System.Diagnostics;
using System.Globalization;
using CustomsFn.Core;
using CustomsFn.Core.Foundation;
using CustomsFn.Core.Pipeline;
using Newtonsoft.Json.Linq;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace CustomsFn.Bench;

/// <summary>
/// The memory workload: a generated commercial invoice of N text pages (header, parties, a goods table running over
/// every page, totals), processed by a fresh child process (<c>customs-bench bench-memory FILE</c>) so that its peak resident
/// memory is the document's and not what earlier workloads left behind.
/// </summary>
internal static class LargePdf
{
    public static byte[] Generate(int pages)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var bold = builder.AddStandard14Font(Standard14Font.HelveticaBold);
        var line = 0;
        decimal total = 0;
        for (var p = 1; p <= pages; p++)
        {
            var page = builder.AddPage(PageSize.A4);
            double y = 800;
            void Text(string text, double x, double size = 9, bool strong = false) => page.AddText(text, size, new PdfPoint(x, y), strong ? bold : font);
            if (p == 1)
            {
                Text("COMMERCIAL INVOICE", 40, 16, strong: true); y -= 24;
                Text("Invoice No: BENCH-50P-0001", 40); Text("Date: 14 Mar 2026", 330); y -= 14;
                Text("Seller: Rheinwerk Maschinenbau GmbH", 40); Text("Buyer: Harbor Tools Inc.", 330); y -= 14;
                Text("Address: Industriestr. 5, 40210 Duesseldorf, Germany", 40); Text("Address: 100 Pier Ave, Long Beach CA, USA", 330); y -= 14;
                Text("Incoterms: FOB Hamburg", 40); Text("Currency: EUR", 330); y -= 24;
            }
            else
            {
                Text($"Invoice BENCH-50P-0001, page {p}", 40, 9, strong: true); y -= 20;
            }
            Text("No", 40, strong: true); Text("Description", 70, strong: true); Text("HS Code", 280, strong: true);
            Text("Qty", 350, strong: true); Text("Unit Price", 400, strong: true); Text("Amount", 490, strong: true); y -= 14;
            var rows = p == pages ? 30 : 48;
            for (var r = 0; r < rows; r++, line++)
            {
                var qty = 1 + (line % 40);
                var price = 3.5m + (line % 13) * 2.25m;
                var amount = qty * price;
                total += amount;
                Text((line + 1).ToString(CultureInfo.InvariantCulture), 40);
                Text($"Steel fastener set type {line % 97}", 70);
                Text((line % 3) switch { 0 => "7318.15.95", 1 => "8483.40.30", _ => "8482.10.50" }, 280);
                Text(qty.ToString(CultureInfo.InvariantCulture), 350);
                Text(price.ToString("0.00", CultureInfo.InvariantCulture), 400);
                Text(amount.ToString("#,##0.00", CultureInfo.InvariantCulture), 490);
                y -= 15;
            }
            if (p == pages)
            {
                y -= 10;
                Text("Total", 400, strong: true); Text(total.ToString("#,##0.00", CultureInfo.InvariantCulture), 490, strong: true);
            }
        }
        return builder.Build();
    }

    /// <summary>
    /// Runs in the child: processes the file twice (cold, warm), then the floor. The peak is this process's during the
    /// pipeline runs plus the peak of the PDF worker processes it started (they hold the parsed PDF while the host waits),
    /// read before the floor's bare parse can raise this process's own peak.
    /// </summary>
    public static async Task<JObject> MeasureInThisProcessAsync(string file, CancellationToken ct)
    {
        var bytes = await File.ReadAllBytesAsync(file, ct).ConfigureAwait(false);
        using var processor = CustomsDefaults.CreateProcessor();
        var sw = Stopwatch.StartNew();
        var result = await processor.ProcessAsync(UploadContent.FromBytes(bytes), new DocumentRef("bench/" + Path.GetFileName(file)), ct).ConfigureAwait(false);
        var coldSeconds = sw.Elapsed.TotalSeconds;
        sw.Restart();
        await processor.ProcessAsync(UploadContent.FromBytes(bytes), new DocumentRef("bench/" + Path.GetFileName(file)), ct).ConfigureAwait(false);
        var pipelineSeconds = sw.Elapsed.TotalSeconds;
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        var hostPeakMb = self.PeakWorkingSet64 / (1024.0 * 1024.0);
        var managedPeakMb = GC.GetGCMemoryInfo(GCKind.Any).HeapSizeBytes / (1024.0 * 1024.0);
        var (workers, workerPeakMb) = ChildPeaks();
        // The floor, warmed once, then timed.
        CoreWorkloads.BareWords(bytes);
        sw.Restart();
        CoreWorkloads.BareWords(bytes);
        var bareSeconds = sw.Elapsed.TotalSeconds;
        return new JObject
        {
            ["format"] = result.Format,
            ["status"] = result.Status.ToString(),
            ["lines"] = result.Lines.Count,
            ["coldSeconds"] = coldSeconds,
            ["pipelineSeconds"] = pipelineSeconds,
            ["bareSeconds"] = bareSeconds,
            ["peakWorkingSetMb"] = hostPeakMb + workerPeakMb,
            ["hostPeakMb"] = hostPeakMb,
            ["workerPeakMb"] = workerPeakMb,
            ["workerProcesses"] = workers,
            ["managedPeakMb"] = managedPeakMb,
        };
    }

    /// <summary>The number of this process's live child processes (its PDF worker) and the sum of their peak resident sets (Linux /proc; 0 elsewhere).</summary>
    internal static (int Count, double PeakMb) ChildPeaks()
    {
        var children = ChildProcesses.Live().ToList();
        return (children.Count, children.Sum(c => Proc.PeakBytes(c.Pid.ToString(CultureInfo.InvariantCulture))) / (1024.0 * 1024.0));
    }

    /// <summary>Starts this program again as <c>bench-memory FILE</c> and reads its JSON line.</summary>
    public static async Task<JObject> MeasureInChildAsync(string file, CancellationToken ct, bool once = false)
    {
        var self = Environment.ProcessPath ?? "dotnet";
        var psi = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "customs-bench") psi.FileName = self;
        else
        {
            // Run under a test host or `dotnet customs-bench.dll`: start customs-bench.dll with the same dotnet.
            psi.FileName = Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet");
            psi.ArgumentList.Add(typeof(LargePdf).Assembly.Location);
        }
        psi.ArgumentList.Add("bench-memory");
        psi.ArgumentList.Add(file);
        if (once) psi.ArgumentList.Add("--once");
        using var child = Process.Start(psi) ?? throw new InvalidOperationException("The memory probe could not be started.");
        var stdout = child.StandardOutput.ReadToEndAsync(ct);
        var stderr = child.StandardError.ReadToEndAsync(ct);
        await child.WaitForExitAsync(ct).ConfigureAwait(false);
        var output = await stdout.ConfigureAwait(false);
        var last = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault(l => l.StartsWith('{'));
        if (child.ExitCode != 0 || last is null)
            throw new InvalidOperationException($"The memory probe failed (exit {child.ExitCode}): {await stderr.ConfigureAwait(false)}{output}");
        return JObject.Parse(last);
    }
}
