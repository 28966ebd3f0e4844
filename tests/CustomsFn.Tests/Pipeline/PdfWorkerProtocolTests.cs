using System.IO.Pipelines;
using CustomsFn.Core.Extraction.Ocr;
using CustomsFn.Core.Extraction.Pdf;
using CustomsFn.Core.Foundation;
using CustomsFn.Core.Isolation;
using CustomsFn.Core.Pipeline;
using CustomsFn.Tests.Hostile;

namespace CustomsFn.Tests.Pipeline;

/// <summary>The worker's framed protocol and request loop, run in this process over in-memory pipes.</summary>
public sealed class PdfWorkerProtocolTests
{
    private static readonly PdfReadLimits Limits = PdfReadLimits.From(new OcrOptions());

    [Fact]
    public async Task Frames_RoundTrip_AndACutFrameIsAnError()
    {
        using var stream = new MemoryStream();
        await WorkerFrames.WriteAsync(stream, new byte[] { 1, 2, 3 }, CancellationToken.None);
        await WorkerFrames.WriteAsync(stream, Array.Empty<byte>(), CancellationToken.None);
        stream.Position = 0;
        Assert.Equal(new byte[] { 1, 2, 3 }, await WorkerFrames.ReadAsync(stream, 16));
        Assert.Equal(Array.Empty<byte>(), await WorkerFrames.ReadAsync(stream, 16));
        Assert.Null(await WorkerFrames.ReadAsync(stream, 16));

        using var cut = new MemoryStream([5, 0, 0, 0, 1, 2]);
        await Assert.ThrowsAsync<InvalidDataException>(() => WorkerFrames.ReadAsync(cut, 16));
        using var huge = new MemoryStream([0, 0, 0, 1]);
        await Assert.ThrowsAsync<InvalidDataException>(() => WorkerFrames.ReadAsync(huge, 16));
    }

    [Fact]
    public async Task Worker_SaysReady_AnswersEachRequest_AndEndsWithItsInput()
    {
        var toWorker = new Pipe();
        var fromWorker = new Pipe();
        var run = IsolationWorker.RunAsync(WorkerProcesses.Handler("pdf"), "pdf", toWorker.Reader.AsStream(), fromWorker.Writer.AsStream());
        var output = fromWorker.Reader.AsStream();
        var input = toWorker.Writer.AsStream();

        Assert.Equal(PdfWorkerProtocol.Ready, await WorkerFrames.ReadAsync(output, 1024));

        await WorkerFrames.WriteAsync(input, PdfWorkerProtocol.Request(HostilePdf.Simple("Packing List"), Limits, TimeSpan.FromSeconds(30)), CancellationToken.None);
        var readout = PdfWorkerProtocol.Decode((await WorkerFrames.ReadAsync(output, int.MaxValue))!);
        Assert.Equal(1, readout.PageCount);
        Assert.Equal(["Packing", "List"], readout.Pages.Single().Text.Words.Select(w => w.Text));

        await WorkerFrames.WriteAsync(input, PdfWorkerProtocol.Request("%PDF-1.7\n%%EOF"u8.ToArray(), Limits, TimeSpan.FromSeconds(30)), CancellationToken.None);
        var response = (await WorkerFrames.ReadAsync(output, int.MaxValue))!;
        var ex = Assert.Throws<DocumentRejectedException>(() => PdfWorkerProtocol.Decode(response));
        Assert.Equal(InputCodes.CorruptPdf, ex.Code);
        Assert.False(PdfWorkerProtocol.IsRetiring(response));

        await toWorker.Writer.CompleteAsync();
        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void Readout_SurvivesSerialisation()
    {
        var pdf = File.ReadAllBytes(Directory.GetFiles(Path.Combine(TestPaths.Samples, "eval", "documents"), "*.pdf").Order(StringComparer.Ordinal).First());
        var readout = PdfReadout.Read(pdf, Limits, CancellationToken.None);
        var (response, retire) = PdfWorkerProtocol.Handle(pdf, Limits);
        Assert.False(retire);
        var copy = PdfWorkerProtocol.Decode(response);
        Assert.Equal(readout.PageCount, copy.PageCount);
        Assert.Equal(readout.Pages.SelectMany(p => p.Text.Words), copy.Pages.SelectMany(p => p.Text.Words));
        Assert.Equal(readout.Pages.Select(p => p.LetterCount), copy.Pages.Select(p => p.LetterCount));
        Assert.NotEmpty(copy.Pages.SelectMany(p => p.Text.Words));
    }
}
