using System.Buffers.Binary;
using CustomsFn.Core;
using CustomsFn.Core.Contract;
using CustomsFn.Core.Extraction.Ocr;
using CustomsFn.Core.Foundation;

namespace CustomsFn.Tests.Ocr;

public class ImageLimitTests
{
    private static byte[] JpegClaiming(int width, int height)
    {
        // SOI, SOF0 with the claimed size, EOI.
        var sof = new byte[] { 0xFF, 0xC0, 0x00, 0x0B, 0x08, 0, 0, 0, 0, 0x01, 0x01, 0x11, 0x00 };
        BinaryPrimitives.WriteUInt16BigEndian(sof.AsSpan(5), (ushort)height);
        BinaryPrimitives.WriteUInt16BigEndian(sof.AsSpan(7), (ushort)width);
        return [0xFF, 0xD8, .. sof, 0xFF, 0xD9];
    }

    [Fact]
    public void Header_ReadsTheSizeOfEachScanFormat()
    {
        foreach (var file in new[] { "05-classic-fr-invoice.png", "17-grid-es-invoice.jpg", "13-sidebar-en-invoice.tif" })
        {
            var bytes = EvalScans.Bytes(file);
            var header = ImageHeader.Read(bytes);
            var dpi = (int)EvalScans.Manifest(file)["dpi"]!;
            // The generator renders A4 (595 x 842 pt) at the manifest's resolution.
            Assert.Equal((int)Math.Round(595 / 72.0 * dpi), header.Width);
            Assert.Equal((int)Math.Round(842 / 72.0 * dpi), header.Height);
            var gray = GrayImage.Decode(bytes, header);
            Assert.NotNull(gray);
            Assert.Equal(header.Width, gray!.Width);
            Assert.Contains(gray.Pixels, p => p < 100); // there is ink
        }
        // The TIFF carries its resolution tags; the generator's PNG and JPEG files carry none.
        var tiff = "13-sidebar-en-invoice.tif";
        Assert.Equal((double)(int)EvalScans.Manifest(tiff)["dpi"]!, ImageHeader.Read(EvalScans.Bytes(tiff)).DpiX);
    }

    [Theory]
    [InlineData("png")]
    [InlineData("jpeg")]
    public void PixelBomb_IsRejectedFromTheHeader(string kind)
    {
        var bomb = kind == "png" ? HostileInputs.PngClaiming(100_000, 100_000) : JpegClaiming(65_000, 65_000);
        var header = ImageHeader.Read(bomb);
        var ex = Assert.Throws<DocumentRejectedException>(() => header.CheckLimits(new OcrOptions(), bomb));
        Assert.Equal(InputCodes.ImageLimits, ex.Code);
        Assert.Contains("over the limit", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PixelBomb_ThroughThePipeline_GetsARejectedResultWithoutAllocatingTheImage()
    {
        var processor = CustomsDefaults.CreateProcessor();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var result = await processor.ProcessAsync(new MemoryStream(HostileInputs.PngClaiming(100_000, 100_000)), new DocumentRef("incoming/bomb.png"), CancellationToken.None);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.Equal(ResultStatus.Rejected, result.Status);
        Assert.Contains(result.Findings, f => f.Rule == InputCodes.ImageLimits);
        Assert.True(allocated < 64L * 1024 * 1024, $"allocated {allocated} bytes");
    }

    [Fact]
    public async Task TruncatedPng_IsACorruptImage()
    {
        var processor = CustomsDefaults.CreateProcessor();
        var result = await processor.ProcessAsync(new MemoryStream(HostileInputs.PngClaiming(640, 480)), new DocumentRef("incoming/truncated.png"), CancellationToken.None);
        Assert.Equal(ResultStatus.Rejected, result.Status);
        Assert.Contains(result.Findings, f => f.Rule == InputCodes.CorruptImage);
    }
}
