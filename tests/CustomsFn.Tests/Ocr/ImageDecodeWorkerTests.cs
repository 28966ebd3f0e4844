using CustomsFn.Core.Extraction.Ocr;
using CustomsFn.Core.Foundation;
using CustomsFn.Tests.Hostile;

namespace CustomsFn.Tests.Ocr;

/// <summary>
/// Image files are decoded in the OCR workers, not in the host: the same pixels as a decode here, the same refusals
/// (with their codes), and a scan read through the engine decoded by a worker only.
/// </summary>
public class ImageDecodeWorkerTests
{
    private static readonly (string File, string[] Prefix) Cli = ("dotnet", [Path.Combine(AppContext.BaseDirectory, "customs.dll")]);

    [Fact]
    public void Protocol_RoundTripsADecodeRequestAndItsAnswers()
    {
        var image = new byte[] { 1, 2, 3, 4, 5 };
        var request = OcrWorkerProtocol.DecodeRequest(image, TimeSpan.FromSeconds(30));
        var parsed = OcrWorkerProtocol.ParseDecode(request)!.Value;
        Assert.Equal(TimeSpan.FromSeconds(30), parsed.Deadline);
        Assert.Equal(image, parsed.Image.ToArray());

        // A recognise request is not a decode request, and the reverse.
        var page = new GrayImage(3, 2, [0, 10, 20, 30, 40, 255], 300);
        Assert.Null(OcrWorkerProtocol.ParseDecode(OcrWorkerProtocol.Request(page, "eng", 300, 6, 4, TimeSpan.FromSeconds(5))));
        Assert.Null(OcrWorkerProtocol.Parse(request));

        var answer = OcrWorkerProtocol.DecodeImageResponse(OcrWorkerProtocol.Decoded(page))!;
        Assert.Equal((3, 2, (double?)300), (answer.Width, answer.Height, answer.Dpi));
        Assert.Equal(page.Pixels, answer.Pixels);
        Assert.Null(OcrWorkerProtocol.DecodeImageResponse(OcrWorkerProtocol.Decoded(new GrayImage(1, 1, [7], null)))!.Dpi);
        Assert.Null(OcrWorkerProtocol.DecodeImageResponse(OcrWorkerProtocol.Decoded(null)));

        var cut = OcrWorkerProtocol.Decoded(page)[..^1];
        Assert.Throws<InvalidDataException>(() => OcrWorkerProtocol.DecodeImageResponse(cut));
        var refused = Assert.Throws<DocumentRejectedException>(() =>
            OcrWorkerProtocol.DecodeImageResponse(OcrWorkerProtocol.Failure(InputCodes.ImageLimits, "too many tags")));
        Assert.Equal((InputCodes.ImageLimits, "too many tags"), (refused.Code, refused.Message));
        Assert.Throws<OcrUnavailableException>(() =>
            OcrWorkerProtocol.DecodeImageResponse(OcrWorkerProtocol.Failure(OcrWorkerProtocol.Unavailable, "no libtesseract")));
    }

    [Fact]
    public void Handler_DecodesAsTheHostWould_AndAnswersEveryRefusalWithItsCode()
    {
        var png = EvalScans.TopOfPagePng("21-minimal-de-invoice.png", 0.1);
        var here = GrayImage.Decode(png, ImageHeader.Read(png))!;
        var (response, retire) = OcrWorkerHandler.DecodeImage(png);
        var there = OcrWorkerProtocol.DecodeImageResponse(response)!;
        Assert.False(retire);
        Assert.Equal((here.Width, here.Height, here.Dpi), (there.Width, there.Height, there.Dpi));
        Assert.Equal(here.Pixels, there.Pixels);

        Assert.Equal(InputCodes.CorruptImage, Refusal(HostileInputs.PngClaiming(640, 480)));
        Assert.Equal(InputCodes.CorruptImage, Refusal([0x03, 0x04, 0x05]));
    }

    private static string Refusal(byte[] image)
    {
        var (response, retire) = OcrWorkerHandler.DecodeImage(image);
        Assert.False(retire);
        return Assert.Throws<DocumentRejectedException>(() => OcrWorkerProtocol.DecodeImageResponse(response)).Code;
    }

    [Fact]
    public async Task Pool_DecodesInAWorker_TheSamePixels_AndRefusesACorruptImageWithItsCode()
    {
        using var pool = new OcrWorkerPool(new OcrOptions(), HostileInputSuiteTests.WorkerIsolation(), Cli);
        var png = EvalScans.TopOfPagePng("21-minimal-de-invoice.png", 0.1);

        var there = (await pool.DecodeAsync(png, CancellationToken.None))!;
        var here = GrayImage.Decode(png, ImageHeader.Read(png))!;
        Assert.Equal((here.Width, here.Height), (there.Width, there.Height));
        Assert.Equal(here.Pixels, there.Pixels);

        var corrupt = await Assert.ThrowsAsync<DocumentRejectedException>(() => pool.DecodeAsync(HostileInputs.PngClaiming(640, 480), CancellationToken.None));
        Assert.Equal(InputCodes.CorruptImage, corrupt.Code);
        Assert.Equal(1, pool.WorkersStarted); // a refusal is an answer: the worker serves on
    }

    [Fact]
    public async Task Engine_WithWorkers_DecodesEveryImageInAWorker_AndWithoutThemHere()
    {
        var png = EvalScans.TopOfPagePng("21-minimal-de-invoice.png", 0.12);
        var options = new OcrOptions { FixedLanguages = "deu" };
        using var pool = new OcrWorkerPool(options, HostileInputSuiteTests.WorkerIsolation(), Cli);
        var withWorkers = new OcrEngine(options, pool);
        var alone = new OcrEngine(options);

        var viaWorker = Assert.Single(await withWorkers.ReadImageAsync(png, 1, null, CancellationToken.None));
        var viaHost = Assert.Single(await alone.ReadImageAsync(png, 1, null, CancellationToken.None));

        Assert.Equal((1L, 0L), withWorkers.ImagesDecoded);
        Assert.Equal((0L, 1L), alone.ImagesDecoded);
        Assert.Equal(viaHost.Text.Words, viaWorker.Text.Words);

        var refused = await Assert.ThrowsAsync<DocumentRejectedException>(() =>
            withWorkers.ReadImageAsync(HostileInputs.PngClaiming(640, 480), 1, null, CancellationToken.None));
        Assert.Equal(InputCodes.CorruptImage, refused.Code);
        Assert.Equal((1L, 0L), withWorkers.ImagesDecoded);
    }
}
