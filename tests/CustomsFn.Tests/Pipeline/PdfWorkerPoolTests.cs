using System.Diagnostics;
using CustomsFn.Core;
using CustomsFn.Core.Contract;
using CustomsFn.Core.Extraction.Ocr;
using CustomsFn.Core.Extraction.Pdf;
using CustomsFn.Core.Foundation;
using CustomsFn.Core.Isolation;
using CustomsFn.Core.Pipeline;
using CustomsFn.Tests.Hostile;
using Newtonsoft.Json.Linq;

namespace CustomsFn.Tests.Pipeline;

/// <summary>Tests that start PDF worker processes run one at a time (each starts .NET; the machine is shared).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PdfWorkerCollection
{
    public const string Name = "pdf worker processes (serial)";
}

/// <summary>
/// The long-lived PDF worker (<see cref="PdfWorkerPool"/>, <see cref="IsolationWorker"/>): what it returns equals an
/// in-process read, it survives many documents, it is replaced after a crash or a timeout, several documents can be in
/// flight, and no worker outlives its host.
/// </summary>
[Collection(PdfWorkerCollection.Name)]
public sealed class PdfWorkerPoolTests
{
    private static readonly PdfReadLimits Limits = PdfReadLimits.From(new OcrOptions());
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(60);

    private static IEnumerable<string> EvalPdfs() =>
        Directory.GetFiles(Path.Combine(TestPaths.Samples, "eval", "documents"), "*.pdf").Order(StringComparer.Ordinal);

    [Fact]
    public async Task Worker_ReturnsWhatAnInProcessReadReturns_ForEveryEvalPdf_WithOneProcess()
    {
        using var pool = PdfWorkerPool.Create(HostileInputSuiteTests.WorkerIsolation())!;
        var files = EvalPdfs().ToList();
        Assert.True(files.Count >= 20);
        foreach (var file in files)
        {
            var bytes = await File.ReadAllBytesAsync(file);
            var fromWorker = await pool.ReadAsync(bytes, Limits, Long, CancellationToken.None);
            AssertSame(PdfReadout.Read(bytes, Limits, CancellationToken.None), fromWorker, Path.GetFileName(file));
        }
        Assert.Equal(1, pool.WorkersStarted);
    }

    [Fact]
    public async Task Readout_ForAScan_CarriesThePageImageAsOcrReadsIt()
    {
        var scan = EvalPdfs().Select(f => File.ReadAllBytes(f)).Select(b => (Bytes: b, Readout: PdfReadout.Read(b, Limits, CancellationToken.None)))
            .First(r => r.Readout.Pages.Any(p => p.Image?.Encoded is not null));
        using var pool = PdfWorkerPool.Create(HostileInputSuiteTests.WorkerIsolation())!;
        var fromWorker = await pool.ReadAsync(scan.Bytes, Limits, Long, CancellationToken.None);

        var options = new OcrOptions();
        var expected = PdfReadout.Read(scan.Bytes, Limits, CancellationToken.None).ScanImages(options);
        var actual = fromWorker.ScanImages(options);
        Assert.NotNull(expected);
        Assert.NotNull(actual);
        Assert.Equal(expected.Select(i => (i.PageNumber, i.Dpi)), actual.Select(i => (i.PageNumber, i.Dpi)));
        Assert.Equal(expected.Select(i => i.Encoded), actual.Select(i => i.Encoded));
    }

    [Fact]
    public async Task Crash_RejectsTheDocumentAsCorrupt_AndTheNextPdfGetsAFreshWorker()
    {
        using var pool = PdfWorkerPool.Create(HostileInputSuiteTests.WorkerIsolation())!;
        var crash = await File.ReadAllBytesAsync(Path.Combine(TestPaths.RepoRoot, "tests", "CustomsFn.Tests", "Hostile", "FuzzCrashes", "pdf-crash-1.pdf"));

        var ex = await Assert.ThrowsAsync<DocumentRejectedException>(() => pool.ReadAsync(crash, Limits, Long, CancellationToken.None));
        Assert.Equal(InputCodes.CorruptPdf, ex.Code);
        Assert.Contains("crashed", ex.Message, StringComparison.Ordinal);
        Assert.Empty(pool.LiveProcessIds);

        var readout = await pool.ReadAsync(HostilePdf.Simple(), Limits, Long, CancellationToken.None);
        Assert.Contains(readout.Pages.Single().Text.Words, w => w.Text == "Invoice");
        Assert.Equal(2, pool.WorkersStarted);
    }

    [Fact]
    public async Task SeveralDocumentsInFlight_AreEachAnsweredWithTheirOwnRead_ByAtMostTheConfiguredWorkers()
    {
        var options = HostileInputSuiteTests.WorkerIsolation(workers: 2);
        options.MaxSlowWorkers = 0; // no slow lane: a first read that JITs past SlowAfter would start a worker beyond the two
        using var pool = PdfWorkerPool.Create(options)!;
        var files = EvalPdfs().Take(8).Select(File.ReadAllBytes).ToList();
        var reads = await Task.WhenAll(files.Select(b => pool.ReadAsync(b, Limits, Long, CancellationToken.None)));
        for (var i = 0; i < files.Count; i++) AssertSame(PdfReadout.Read(files[i], Limits, CancellationToken.None), reads[i], $"file {i}");
        Assert.InRange(pool.WorkersStarted, 1, 2);
    }

    /// <summary>
    /// The real worker reads on a thread of its own, and on Linux a nice value belongs to a thread: lowering only the
    /// process id (its main thread) left the reading thread at normal priority. Every thread is lowered, and raised again
    /// where that is allowed (as root; elsewhere the pool replaces the worker instead).
    /// </summary>
    [Fact]
    public async Task ProcessNice_LowersAndRestoresEveryThreadOfTheRealWorker()
    {
        using var pool = PdfWorkerPool.Create(HostileInputSuiteTests.WorkerIsolation())!;
        await pool.ReadAsync(HostilePdf.Simple(), Limits, Long, CancellationToken.None);
        using var worker = Process.GetProcessById(Assert.Single(pool.LiveProcessIds));

        Assert.True(ProcessNice.TrySet(worker, 19));
        var lowered = ProcessNice.Read(worker.Id);
        Assert.True(lowered.Count > 1, "a .NET worker has several threads");
        Assert.All(lowered, n => Assert.Equal(19, n));

        // Threads the worker starts afterwards (its reading thread) inherit the value.
        var readout = await pool.ReadAsync(HostilePdf.Simple(), Limits, Long, CancellationToken.None);
        Assert.NotEmpty(readout.Pages);
        Assert.All(ProcessNice.Read(worker.Id), n => Assert.Equal(19, n));

        var restored = ProcessNice.TrySet(worker, 0);
        Assert.Equal(Environment.UserName == "root", restored);
        if (restored) Assert.All(ProcessNice.Read(worker.Id), n => Assert.Equal(0, n));
    }

    [Fact]
    public async Task Dispose_StopsEveryWorker()
    {
        var pool = PdfWorkerPool.Create(HostileInputSuiteTests.WorkerIsolation(workers: 2))!;
        var pdf = HostilePdf.Simple();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => pool.ReadAsync(pdf, Limits, Long, CancellationToken.None)));
        var pids = pool.LiveProcessIds;
        Assert.NotEmpty(pids);
        Assert.All(pids, pid => Assert.True(IsRunning(pid)));

        pool.Dispose();

        Assert.All(pids, pid => Assert.False(IsRunning(pid), $"worker {pid} outlived the pool"));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => pool.ReadAsync(pdf, Limits, Long, CancellationToken.None));
    }

    [Fact]
    public async Task Processor_Dispose_StopsItsWorker()
    {
        var processor = CustomsDefaults.CreateProcessor(new PipelineOptions { Isolation = HostileInputSuiteTests.WorkerIsolation() });
        Assert.True(processor.IsolatesPdf);
        await processor.ProcessAsync(UploadContent.FromBytes(HostilePdf.Simple()), new DocumentRef("incoming/a.pdf"), CancellationToken.None);
        var pid = Assert.Single(processor.PdfWorkers!.LiveProcessIds);

        processor.Dispose();

        Assert.False(IsRunning(pid));
    }

    [Fact]
    public async Task HostGone_TheWorkerExits_EvenWhilePdfPigSpins()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "customs.dll"));
        start.ArgumentList.Add(IsolationWorker.Argument);
        start.ArgumentList.Add("pdf");
        using var worker = Process.Start(start)!;
        try
        {
            var stdout = worker.StandardOutput.BaseStream;
            var ready = await WorkerFrames.ReadAsync(stdout, 1024).WaitAsync(Long);
            Assert.Equal(PdfWorkerProtocol.Ready, ready);
            var hang = await File.ReadAllBytesAsync(Path.Combine(PdfHangRegressionTests.Folder, "pdf-hang-3.pdf"));
            await WorkerFrames.WriteAsync(worker.StandardInput.BaseStream, PdfWorkerProtocol.Request(hang, Limits, Long), CancellationToken.None);
            await Task.Delay(TimeSpan.FromSeconds(1));
            Assert.False(worker.HasExited, "the worker should still be reading the PDF");

            worker.StandardInput.Close(); // what the worker sees when its host dies

            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await worker.WaitForExitAsync(wait.Token);
            Assert.Equal(0, worker.ExitCode);
        }
        finally
        {
            if (!worker.HasExited) worker.Kill(entireProcessTree: true);
        }
    }

    [Fact]
    public async Task Processor_WithTheWorker_GivesTheSameResultAsReadingInProcess()
    {
        using var isolated = CustomsDefaults.CreateProcessor(new PipelineOptions { Isolation = HostileInputSuiteTests.WorkerIsolation() });
        using var inProcess = CustomsDefaults.CreateProcessor(new PipelineOptions { Isolation = new IsolationOptions { Pdf = false } });
        Assert.False(inProcess.IsolatesPdf);
        foreach (var file in EvalPdfs().Take(3))
        {
            var upload = UploadContent.FromBytes(await File.ReadAllBytesAsync(file));
            var a = await isolated.ProcessAsync(upload, new DocumentRef("incoming/x.pdf"), CancellationToken.None);
            var b = await inProcess.ProcessAsync(upload, new DocumentRef("incoming/x.pdf"), CancellationToken.None);
            Assert.Equal(b.Status, a.Status);
            Assert.Equal(Json(b with { ProcessedAt = default }), Json(a with { ProcessedAt = default }));
        }
        Assert.Equal(1, isolated.PdfWorkers!.WorkersStarted);
    }

    [Fact]
    public async Task AllPdfsOff_SendsOnlyRecursiveStructuresToTheWorker()
    {
        var options = HostileInputSuiteTests.WorkerIsolation();
        options.AllPdfs = false;
        using var processor = CustomsDefaults.CreateProcessor(new PipelineOptions { Isolation = options });

        var invoice = await File.ReadAllBytesAsync(EvalPdfs().First());
        var plain = await processor.ProcessAsync(UploadContent.FromBytes(invoice), new DocumentRef("incoming/plain.pdf"), CancellationToken.None);
        Assert.Equal(0, processor.PdfWorkers!.WorkersStarted);
        Assert.Equal("pdf-text", plain.Format);

        var forms = HostilePdf.DeepForms(50);
        Assert.True(PdfGuard.NeedsIsolation(forms));
        await processor.ProcessAsync(UploadContent.FromBytes(forms), new DocumentRef("incoming/forms.pdf"), CancellationToken.None);
        Assert.Equal(1, processor.PdfWorkers.WorkersStarted);
    }

    private static string Json(CustomsResult result) => JObject.FromObject(result).ToString();

    private static void AssertSame(PdfReadout expected, PdfReadout actual, string because)
    {
        Assert.True(expected.PageCount == actual.PageCount, because);
        Assert.Equal(expected.EmbeddedInvoice?.FileName, actual.EmbeddedInvoice?.FileName);
        Assert.Equal(expected.EmbeddedInvoice?.Bytes, actual.EmbeddedInvoice?.Bytes);
        Assert.Equal(expected.PagesError, actual.PagesError);
        Assert.Equal(expected.Pages.Count, actual.Pages.Count);
        for (var i = 0; i < expected.Pages.Count; i++)
        {
            var (e, a) = (expected.Pages[i], actual.Pages[i]);
            Assert.Equal((e.Text.Number, e.Text.Width, e.Text.Height, e.Text.Unit), (a.Text.Number, a.Text.Width, a.Text.Height, a.Text.Unit));
            Assert.Equal(e.Text.Words, a.Text.Words);
            Assert.Equal(e.LetterCount, a.LetterCount);
            Assert.Equal(e.Image?.Encoded, a.Image?.Encoded);
        }
    }

    internal static bool IsRunning(int pid)
    {
        try
        {
            using var p = Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>True when the process is running and used more than half a core over half a second.</summary>
    internal static bool IsBusy(int pid)
    {
        try
        {
            using var p = Process.GetProcessById(pid);
            var before = p.TotalProcessorTime;
            Thread.Sleep(500);
            p.Refresh();
            return !p.HasExited && p.TotalProcessorTime - before > TimeSpan.FromMilliseconds(250);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>
    /// A worker that answers and then exits (what a PDF worker does after it ran out of memory: status 2, then exit 3).
    /// A stand-in worker, a shell script speaking the frames, since a real out-of-memory cannot be caused on demand: the
    /// document gets the worker's answer (INPUT-PDF-LIMITS), and the next document a fresh worker.
    /// </summary>
    [Fact]
    public async Task AWorkerThatRetiresAfterItsAnswer_TheDocumentGetsTheAnswer_AndTheNextAFreshWorker()
    {
        var dir = Directory.CreateTempSubdirectory("retiring-worker-");
        try
        {
            var script = Path.Combine(dir.FullName, "worker.sh");
            // Ready frame (22 bytes), then for the request: status 2, "INPUT-PDF-LIMITS" (16), "out of memory" (13) = 32 bytes.
            await File.WriteAllTextAsync(script,
                "printf '\\026\\000\\000\\000customsfn-pdf-worker/1'\n" +
                "head -c 4 > /dev/null\n" +
                "cat > /dev/null &\n" + // takes the rest of the request in, as a worker reads it
                "printf '\\040\\000\\000\\000\\002\\020INPUT-PDF-LIMITS\\015out of memory'\n" +
                "sleep 2\n" +
                "exit 3\n");
            var options = HostileInputSuiteTests.WorkerIsolation();
            options.Command = "sh";
            options.CommandArguments = script;
            using var pool = PdfWorkerPool.Create(options)!;

            for (var i = 1; i <= 2; i++)
            {
                var ex = await Assert.ThrowsAsync<DocumentRejectedException>(() => pool.ReadAsync(HostilePdf.Simple("Invoice"), Limits, Long, CancellationToken.None));
                Assert.Equal((InputCodes.PdfLimits, "out of memory"), (ex.Code, ex.Message));
                Assert.Equal(i, pool.WorkersStarted);
                Assert.Empty(pool.LiveProcessIds); // retired at once, not kept for the next document
            }
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
