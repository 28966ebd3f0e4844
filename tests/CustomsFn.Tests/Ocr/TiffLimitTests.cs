using System.Buffers.Binary;
using CustomsFn.Core;
using CustomsFn.Core.Contract;
using CustomsFn.Core.Extraction.Ocr;
using CustomsFn.Core.Foundation;

namespace CustomsFn.Tests.Ocr;

/// <summary>
/// Hostile TIFF structure is refused before anything is allocated for it: a 12 KB TIFF whose directory declared 1,000
/// tags of a million values each drove the host to 7.7 GB; a directory pointing to itself kept Tesseract busy until the
/// page timeout.
/// </summary>
public sealed class TiffLimitTests
{
    private const ushort Byte = 1, Short = 3, Long = 4;

    /// <summary>A little-endian TIFF of 16 x 16 8-bit gray pixels, with extra entries and directories as asked.</summary>
    private static byte[] Tiff(IEnumerable<(ushort Tag, ushort Type, uint Count, uint Value)>? extra = null, int pages = 1, bool loop = false, int size = 4096)
    {
        var entries = new List<(ushort Tag, ushort Type, uint Count, uint Value)>
        {
            (256, Short, 1, 16), (257, Short, 1, 16), (258, Short, 1, 8), (259, Short, 1, 1), (262, Short, 1, 1),
            (273, Long, 1, 8), (277, Short, 1, 1), (279, Long, 1, 256),
        };
        entries.AddRange(extra ?? []);
        var ifdBytes = 2 + entries.Count * 12 + 4;
        var first = 8 + 256;
        var b = new byte[Math.Max(size, first + pages * ifdBytes)];
        "II"u8.CopyTo(b);
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(2), 42);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(4), (uint)first);
        b.AsSpan(8, 256).Fill(200);
        for (var p = 0; p < pages; p++)
        {
            var at = first + p * ifdBytes;
            BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(at), (ushort)entries.Count);
            for (var i = 0; i < entries.Count; i++)
            {
                var e = at + 2 + i * 12;
                BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(e), entries[i].Tag);
                BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(e + 2), entries[i].Type);
                BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(e + 4), entries[i].Count);
                BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(e + 8), entries[i].Value);
            }
            var next = p + 1 < pages ? first + (p + 1) * ifdBytes : loop ? first : 0;
            BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(at + 2 + entries.Count * 12), (uint)next);
        }
        return b;
    }

    [Fact]
    public void AThousandDeclaredTagsOfAMillionValues_AreNotRead_AndTheHeaderCostsNothing()
    {
        var bomb = Tiff(Enumerable.Range(0, 990).Select(i => ((ushort)(1000 + i), Byte, 1_000_000u, 8u)), size: 12 * 1024);
        Assert.True(bomb.Length <= 16 * 1024);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var header = ImageHeader.Read(bomb);
        header.CheckLimits(new OcrOptions(), bomb);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal((16, 16), (header.Width, header.Height));
        Assert.True(allocated < 1024 * 1024, $"allocated {allocated} bytes");
    }

    [Fact]
    public void AKeptTagWithMoreValuesThanTheLimit_IsRefusedAsOverTheLimit()
    {
        var bomb = Tiff([(273, Long, 2_000_000, 8)]); // strip offsets: the entry repeats a tag, the second is over the limit
        var ex = Assert.Throws<DocumentRejectedException>(() => ImageHeader.Read(bomb));
        Assert.Equal(InputCodes.ImageLimits, ex.Code);
        Assert.Contains("over the limit", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AKeptTagWhoseValuesLieOutsideTheFile_IsCorrupt()
    {
        var bomb = Tiff([(279, Long, 500_000, 8)]); // 2 MB of strip byte counts in a 4 KB file
        var ex = Assert.Throws<DocumentRejectedException>(() => ImageHeader.Read(bomb));
        Assert.Equal(InputCodes.CorruptImage, ex.Code);
    }

    [Fact]
    public void TooManyDirectoryEntries_IsRefusedAsOverTheLimit()
    {
        var bomb = Tiff(Enumerable.Range(0, 1100).Select(i => ((ushort)(1000 + i), Byte, 1u, 0u)), size: 16 * 1024);
        var ex = Assert.Throws<DocumentRejectedException>(() => ImageHeader.Read(bomb));
        Assert.Equal(InputCodes.ImageLimits, ex.Code);
    }

    [Fact]
    public void ADirectoryChainThatLoops_IsCorrupt_BeforeAnyPageIsRead()
    {
        var tiff = Tiff(pages: 3, loop: true);
        var header = ImageHeader.Read(tiff);
        var ex = Assert.Throws<DocumentRejectedException>(() => header.CheckLimits(new OcrOptions(), tiff));
        Assert.Equal(InputCodes.CorruptImage, ex.Code);
        Assert.Contains("loops", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MorePagesThanTheLimit_IsRefusedAsOverTheLimit_AndTheLimitItselfIsAccepted()
    {
        var options = new OcrOptions { MaxPages = 5 };
        var atLimit = Tiff(pages: 5);
        ImageHeader.Read(atLimit).CheckLimits(options, atLimit);
        var over = Tiff(pages: 6);
        var ex = Assert.Throws<DocumentRejectedException>(() => ImageHeader.Read(over).CheckLimits(options, over));
        Assert.Equal(InputCodes.ImageLimits, ex.Code);
        Assert.Contains("5 pages", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALoopingTiff_ThroughThePipeline_IsRejectedWithItsCode()
    {
        var processor = CustomsDefaults.CreateProcessor();
        var result = await processor.ProcessAsync(new MemoryStream(Tiff(pages: 2, loop: true)), new DocumentRef("incoming/loop.tif"), CancellationToken.None);
        Assert.Equal(ResultStatus.Rejected, result.Status);
        Assert.Equal(InputCodes.CorruptImage, Assert.Single(result.Findings, f => f.Rule.StartsWith("INPUT-", StringComparison.Ordinal)).Rule);
    }
}
