using System.Diagnostics;
using CustomsFn.Core;
using CustomsFn.Core.Contract;
using CustomsFn.Core.Extraction.Pdf;
using CustomsFn.Core.Foundation;
using CustomsFn.Core.Pipeline;
using CustomsFn.Tests.Pipeline;

namespace CustomsFn.Tests.Hostile;

/// <summary>
/// The 8 PDFs on which the PDF fuzzer (scripts/fuzz.sh pdf) found PdfPig spinning for more than a minute: mutated
/// invoices whose font character maps (ToUnicode CMaps) carry a <c>bfrange</c> from a 3- or 4-byte code to a 2-byte one,
/// which PdfPig 0.1.16 expands code by code for millions of codes. The guard refuses them before PdfPig; without the
/// guard, the PDF worker is killed at its deadline, so nothing keeps burning a core.
/// </summary>
[Collection(PdfWorkerCollection.Name)]
public sealed class PdfHangRegressionTests
{
    internal static string Folder => Path.Combine(TestPaths.RepoRoot, "tests", "CustomsFn.Tests", "Hostile", "FuzzHangs");

    public static TheoryData<string> Hangs => new(Directory.GetFiles(Folder).Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    private static readonly TimeSpan WorkerTimeout = TimeSpan.FromSeconds(5);

    private static readonly DocumentProcessor Processor = CustomsDefaults.CreateProcessor(new PipelineOptions
    {
        ExtractionTimeout = TimeSpan.FromSeconds(20),
        Isolation = HostileInputSuiteTests.WorkerIsolation(WorkerTimeout),
    });

    [Theory]
    [MemberData(nameof(Hangs))]
    public void Guard_RefusesTheCharacterMapBeforePdfPig(string file)
    {
        var bytes = File.ReadAllBytes(Path.Combine(Folder, file));
        var ex = Assert.Throws<DocumentRejectedException>(() => PdfGuard.Check(bytes, new PdfLimits()));
        Assert.Equal(InputCodes.PdfLimits, ex.Code);
        Assert.Contains("character map", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Hangs))]
    public async Task Pipeline_RejectsTheHangWithASpecificCode_Quickly(string file)
    {
        var bytes = await File.ReadAllBytesAsync(Path.Combine(Folder, file));
        var watch = Stopwatch.StartNew();
        var result = await Processor.ProcessAsync(UploadContent.FromBytes(bytes), new DocumentRef("incoming/" + file), CancellationToken.None);

        Assert.Equal(ResultStatus.Rejected, result.Status);
        Assert.Equal(InputCodes.PdfLimits, Assert.Single(result.Findings).Rule);
        Assert.True(watch.Elapsed < WorkerTimeout, $"took {watch.Elapsed}");
        // The guard refused it in the host: no worker was needed, and none is left busy.
        Assert.All(Processor.PdfWorkers!.LiveProcessIds, pid => Assert.False(PdfWorkerPoolTests.IsBusy(pid)));
    }

    /// <summary>
    /// The deadline itself, without depending on how long PdfPig takes on a given input (the fuzz inputs are slow, not
    /// endless: on a quiet machine the worker may read one inside any fixed deadline). The first worker is a stand-in
    /// that says it is ready and then never answers; every later start runs the real worker. The stand-in is killed at
    /// the deadline with its process tree, and the next PDF is read by a fresh, real worker.
    /// </summary>
    [Fact]
    public async Task WithoutTheGuard_TheWorkerIsKilledAtItsDeadline_AndTheNextPdfGetsAFreshOne()
    {
        var dir = Directory.CreateTempSubdirectory("never-answering-worker-");
        try
        {
            var marker = Path.Combine(dir.FullName, "started-once");
            var script = Path.Combine(dir.FullName, "worker.sh");
            // First start: the ready frame (22 bytes), then take the request in and never answer.
            // Later starts: the real PDF worker.
            await File.WriteAllTextAsync(script,
                $"if [ ! -e '{marker}' ]; then\n" +
                $"  : > '{marker}'\n" +
                "  printf '\\026\\000\\000\\000customsfn-pdf-worker/1'\n" +
                "  cat > /dev/null &\n" +
                "  exec sleep 3600\n" +
                "fi\n" +
                $"exec dotnet '{Path.Combine(AppContext.BaseDirectory, "customs.dll")}' \"$@\"\n");
            var options = HostileInputSuiteTests.WorkerIsolation();
            options.Command = "sh";
            options.CommandArguments = script;
            options.WallClockFactor = 1; // the stand-in sleeps (no processor time): the wall-clock limit is what ends it
            using var pool = PdfWorkerPool.Create(options)!;
            var limits = PdfReadLimits.From(new PipelineOptions().Ocr);

            var hang = await File.ReadAllBytesAsync(Path.Combine(Folder, "pdf-hang-1.pdf"));
            var watch = Stopwatch.StartNew();
            var ex = await Assert.ThrowsAsync<DocumentRejectedException>(() => pool.ReadAsync(hang, limits, TimeSpan.FromSeconds(2), CancellationToken.None));
            Assert.Equal(InputCodes.Timeout, ex.Code);
            Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(2), $"answered before the deadline: {watch.Elapsed}");
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
            Assert.Empty(pool.LiveProcessIds);

            var readout = await pool.ReadAsync(HostilePdf.Simple(), limits, TimeSpan.FromSeconds(60), CancellationToken.None);
            Assert.NotEmpty(readout.Pages);
            Assert.Equal(2, pool.WorkersStarted);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
