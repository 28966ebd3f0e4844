using System.Diagnostics;
using System.IO.Pipelines;
using CustomsFn.Core;
using CustomsFn.Core.Extraction.Layout;
using CustomsFn.Core.Extraction.Ocr;
using CustomsFn.Core.Foundation;
using CustomsFn.Core.Isolation;
using CustomsFn.Core.Model;
using CustomsFn.Core.Pipeline;
using CustomsFn.Tests.Hostile;

namespace CustomsFn.Tests.Ocr;

/// <summary>
/// The OCR worker: libtesseract in long-lived worker processes (the customs CLI next to the test assembly), with the
/// real Debian library and models. What it reads must be exactly what the tesseract command reads.
/// </summary>
public class OcrWorkerTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(60);

    /// <summary>The customs CLI next to the test assembly, as the worker command.</summary>
    private static readonly (string File, string[] Prefix) Cli = ("dotnet", [Path.Combine(AppContext.BaseDirectory, "customs.dll")]);

    private static GrayImage Page(string file, double share)
    {
        var png = EvalScans.TopOfPagePng(file, share);
        return GrayImage.Decode(png, ImageHeader.Read(png))!;
    }

    private static async Task<string> CommandTsvAsync(GrayImage page, string languages, int dpi)
    {
        using var job = new TesseractRunner(new OcrOptions()).StartTsv(languages, dpi, CancellationToken.None);
        return await job.RecognizeAsync(page.ToPackBitsTiff());
    }

    private static IReadOnlyList<TextWord> Words(string tsv) => TesseractTsv.Parse(tsv).SelectMany(p => p.Words).ToList();

    [Fact]
    public void Protocol_RoundTripsARequest_AndRefusesMalformedOnes()
    {
        var page = new GrayImage(3, 2, [0, 10, 20, 30, 40, 255], 300);
        var request = OcrWorkerProtocol.Request(page, "eng+deu", 300, 6, 4, TimeSpan.FromSeconds(45));

        var parsed = OcrWorkerProtocol.Parse(request)!.Value;
        Assert.Equal((TimeSpan.FromSeconds(45), 6, 300, 3, 2, 4, "eng+deu"), (parsed.Deadline, parsed.Psm, parsed.Dpi, parsed.Width, parsed.Height, parsed.MaxModels, parsed.Languages));
        Assert.Equal(page.Pixels, parsed.Pixels.ToArray());

        Assert.Null(OcrWorkerProtocol.Parse(request[..^1])); // a pixel short
        Assert.Null(OcrWorkerProtocol.Parse(request[..20])); // cut in the header
        var badMode = (byte[])request.Clone();
        badMode[4] = 99;
        Assert.Null(OcrWorkerProtocol.Parse(badMode));
        var badLanguageLength = (byte[])request.Clone();
        badLanguageLength[24] = 0;
        Assert.Null(OcrWorkerProtocol.Parse(badLanguageLength));
    }

    [Fact]
    public async Task Worker_ReadsExactlyWhatTheTesseractCommandReads_AndAnswersEveryRequest()
    {
        var de = Page("21-minimal-de-invoice.png", 0.14);
        var ja = Page("12-sidebar-ja-invoice.png", 0.2);
        var toWorker = new Pipe();
        var fromWorker = new Pipe();
        var input = toWorker.Writer.AsStream();
        var output = fromWorker.Reader.AsStream();
        var run = IsolationWorker.RunAsync(WorkerProcesses.Handler(OcrWorkerProtocol.Kind), OcrWorkerProtocol.Kind, toWorker.Reader.AsStream(), fromWorker.Writer.AsStream());

        Assert.Equal(OcrWorkerProtocol.Ready, await WorkerFrames.ReadAsync(output, 1024).WaitAsync(Long));
        async Task<byte[]> AskAsync(byte[] request)
        {
            await WorkerFrames.WriteAsync(input, request, CancellationToken.None);
            return (await WorkerFrames.ReadAsync(output, int.MaxValue).WaitAsync(Long))!;
        }

        // Two models in one worker, each page's TSV identical to the command's on the same pixels.
        foreach (var (page, languages) in new[] { (de, "deu"), (ja, "jpn"), (de, "deu") })
        {
            var (version, tsv) = OcrWorkerProtocol.Decode(await AskAsync(OcrWorkerProtocol.Request(page, languages, page.EffectiveDpi, 6, 8, Long)));
            Assert.Matches(@"^\d+\.\d+", version);
            var expected = await CommandTsvAsync(page, languages, page.EffectiveDpi);
            Assert.Equal(Words(expected), Words(tsv));
            Assert.NotEmpty(Words(tsv));
        }

        // A model that is not installed and a malformed request each get an answer, and the worker goes on serving.
        var missing = Assert.Throws<TesseractFailedException>(() => OcrWorkerProtocol.Decode(AskAsync(OcrWorkerProtocol.Request(de, "xyz", 300, 6, 8, Long)).GetAwaiter().GetResult()));
        Assert.Contains("'xyz' cannot be loaded", missing.Message, StringComparison.Ordinal);
        var malformed = Assert.Throws<TesseractFailedException>(() => OcrWorkerProtocol.Decode(AskAsync([1, 2, 3]).GetAwaiter().GetResult()));
        Assert.Contains("Malformed", malformed.Message, StringComparison.Ordinal);
        var (_, again) = OcrWorkerProtocol.Decode(await AskAsync(OcrWorkerProtocol.Request(de, "deu", de.EffectiveDpi, 6, 1, Long)));
        Assert.NotEmpty(Words(again));

        await input.DisposeAsync();
        Assert.Equal(0, await run.WaitAsync(Long));
    }

    [Fact]
    public async Task Pool_ServesManyPagesWithOneWorker_AndStopsItOnDispose()
    {
        var page = Page("21-minimal-de-invoice.png", 0.1);
        var pool = new OcrWorkerPool(new OcrOptions { Workers = 1 }, HostileInputSuiteTests.WorkerIsolation(), Cli);
        int pid;
        try
        {
            foreach (var languages in new[] { "eng", "deu", "eng" })
            {
                var (version, tsv) = await pool.RecognizeAsync(page, languages, page.EffectiveDpi, CancellationToken.None);
                Assert.NotEmpty(Words(tsv));
                Assert.StartsWith(version, TesseractVersion(), StringComparison.Ordinal);
            }
            Assert.Equal(1, pool.WorkersStarted);
            pid = Assert.Single(pool.LiveProcessIds);
        }
        finally
        {
            pool.Dispose();
        }
        Assert.True(Exited(pid), "the worker should be stopped with the pool");
    }

    [Fact]
    public async Task Pool_KillsAWorkerPastThePageTimeout_AndRejectsThePageAsTimedOut()
    {
        var page = Page("12-sidebar-ja-invoice.png", 0.5);
        // The deadline is processor time; the wall-clock backstop (WallClockFactor x the deadline) is set far off, so that
        // on a loaded machine the worker is still stopped by its processor time (at the default 4x, 0.4 s of real time
        // could pass before the worker had used 0.1 s of processor time, and the message named the backstop).
        var isolation = HostileInputSuiteTests.WorkerIsolation();
        isolation.WallClockFactor = 200;
        using var pool = new OcrWorkerPool(new OcrOptions { Workers = 1, PageTimeout = TimeSpan.FromMilliseconds(100) }, isolation,
            Cli);

        for (var i = 1; i <= 2; i++)
        {
            var ex = await Assert.ThrowsAsync<DocumentRejectedException>(() => pool.RecognizeAsync(page, "jpn", page.EffectiveDpi, CancellationToken.None));
            Assert.Equal(InputCodes.Timeout, ex.Code);
            Assert.Contains("did not finish within 0.1 s of processor time", ex.Message, StringComparison.Ordinal);
            Assert.Empty(pool.LiveProcessIds);
            Assert.Equal(i, pool.WorkersStarted); // each page got a fresh worker
        }
    }

    [Fact]
    public async Task Pool_AWorkerThatDiesOnAPage_FailsThatPage_AndTheNextPageGetsANewWorker()
    {
        var page = Page("12-sidebar-ja-invoice.png", 0.5);
        using var pool = new OcrWorkerPool(new OcrOptions { Workers = 1 }, HostileInputSuiteTests.WorkerIsolation(), Cli);
        var small = Page("21-minimal-de-invoice.png", 0.1);
        await pool.RecognizeAsync(small, "deu", small.EffectiveDpi, CancellationToken.None);
        var pid = Assert.Single(pool.LiveProcessIds);

        using var worker = Process.GetProcessById(pid);
        var before = worker.TotalProcessorTime;
        var read = pool.RecognizeAsync(page, "jpn", page.EffectiveDpi, CancellationToken.None);
        // Killed once it is recognising (0.3 s of CPU into the page: the request has been read), not while it is still
        // taking the request in: a worker that dies before it has the request is retried on a fresh one, by design.
        var until = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < until && !read.IsCompleted)
        {
            worker.Refresh();
            if (worker.TotalProcessorTime - before >= TimeSpan.FromSeconds(0.3)) break;
            await Task.Delay(20);
        }
        worker.Kill();
        var ex = await Assert.ThrowsAsync<TesseractFailedException>(() => read);
        Assert.Contains("The OCR worker died on this page", ex.Message, StringComparison.Ordinal);

        var (_, tsv) = await pool.RecognizeAsync(small, "deu", small.EffectiveDpi, CancellationToken.None);
        Assert.NotEmpty(Words(tsv));
        Assert.Equal(2, pool.WorkersStarted);
    }

    [Fact]
    public async Task Engine_WithWorkers_ReadsTheSamePageAsWithTheCommand_LanguageProbeIncluded()
    {
        var png = EvalScans.TopOfPagePng("21-minimal-de-invoice.png", 0.3);
        using var pool = new OcrWorkerPool(new OcrOptions(), HostileInputSuiteTests.WorkerIsolation(), Cli);

        var viaWorker = Assert.Single(await new OcrEngine(new OcrOptions(), pool).ReadImageAsync(png, 1, null, CancellationToken.None));
        var viaCommand = Assert.Single(await new OcrEngine(new OcrOptions()).ReadImageAsync(png, 1, null, CancellationToken.None));

        Assert.StartsWith("libtesseract ", viaWorker.Recognizer, StringComparison.Ordinal);
        Assert.Equal(OcrEngine.CommandRecognizer, viaCommand.Recognizer);
        Assert.Equal(("de", "deu"), (viaWorker.DetectedLanguage, viaWorker.Languages));
        Assert.Equal((viaCommand.DetectedLanguage, viaCommand.Languages, viaCommand.SkewDegrees), (viaWorker.DetectedLanguage, viaWorker.Languages, viaWorker.SkewDegrees));
        Assert.Equal(viaCommand.Text.Words, viaWorker.Text.Words);
    }

    [Fact]
    public async Task Engine_WithoutLibtesseract_Auto_UsesTheCommand_AndWorkerModeSaysWhatIsMissing()
    {
        var png = EvalScans.TopOfPagePng("21-minimal-de-invoice.png", 0.12);

        var auto = new OcrOptions { LibraryPath = "/nonexistent/libtesseract.so.5", FixedLanguages = "deu" };
        using (var pool = new OcrWorkerPool(auto, HostileInputSuiteTests.WorkerIsolation(), Cli))
        {
            var engine = new OcrEngine(auto, pool);
            Assert.True(engine.UsesWorkers);
            var page = Assert.Single(await engine.ReadImageAsync(png, 1, null, CancellationToken.None));
            Assert.Equal(OcrEngine.CommandRecognizer, page.Recognizer);
            Assert.Contains(page.Text.Words, w => w.Text.StartsWith("HANDELSRECHNUNG", StringComparison.Ordinal));
            Assert.False(engine.UsesWorkers); // later pages go straight to the command
        }

        var strict = new OcrOptions { LibraryPath = "/nonexistent/libtesseract.so.5", FixedLanguages = "deu", Recognizer = OcrRecognizer.Worker };
        using (var pool = new OcrWorkerPool(strict, HostileInputSuiteTests.WorkerIsolation(), Cli))
        {
            var ex = await Assert.ThrowsAsync<OcrUnavailableException>(() => new OcrEngine(strict, pool).ReadImageAsync(png, 1, null, CancellationToken.None));
            Assert.Contains("libtesseract was not found (tried /nonexistent/libtesseract.so.5)", ex.Message, StringComparison.Ordinal);
        }

        Assert.Null(OcrWorkerPool.Create(new OcrOptions { Recognizer = OcrRecognizer.Command }, HostileInputSuiteTests.WorkerIsolation()));
    }

    [Fact]
    public async Task Processor_ReadsAScanWithTheOcrWorkers_AndStopsThemWhenDisposed()
    {
        var processor = CustomsDefaults.CreateProcessor(new PipelineOptions { Isolation = HostileInputSuiteTests.WorkerIsolation() });
        IReadOnlyCollection<int> pids;
        try
        {
            var bytes = EvalScans.TopOfPagePng("21-minimal-de-invoice.png", 0.3);
            var result = await processor.ProcessAsync(UploadContent.FromBytes(bytes), new DocumentRef("incoming/scan.png"), CancellationToken.None);

            Assert.Equal(DocumentFormat.Image, result.Format);
            var summary = Assert.Single(result.Findings, f => f.Rule == OcrExtractor.OcrRule);
            Assert.Contains("OCR languages deu (libtesseract ", summary.Message, StringComparison.Ordinal);
            pids = processor.Extractors.OfType<OcrExtractor>().Single().Workers!.LiveProcessIds;
            Assert.NotEmpty(pids);
        }
        finally
        {
            processor.Dispose();
        }
        Assert.All(pids, pid => Assert.True(Exited(pid), $"OCR worker {pid} should be stopped with the processor"));
    }

    private static string TesseractVersion()
    {
        using var p = Process.Start(new ProcessStartInfo("tesseract", "--version") { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var text = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
        p.WaitForExit();
        return text.Split('\n')[0].Replace("tesseract ", "", StringComparison.Ordinal).Trim();
    }

    private static bool Exited(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.WaitForExit(TimeSpan.FromSeconds(10));
        }
        catch (ArgumentException)
        {
            return true; // no such process any more
        }
    }
}
