using CustomsFn.Fuzz;

namespace CustomsFn.Tests.Hostile;

/// <summary>
/// The image fuzz target (<c>scripts/fuzz.sh image</c>) runs what the OCR engine runs on an uploaded image before OCR:
/// its seeds pass through it whole, and the suite's hostile images end in the documented refusal, never another exception.
/// </summary>
public sealed class ImageFuzzTargetTests
{
    public static TheoryData<string> Seeds => new(Directory.GetFiles(Path.Combine(TestPaths.RepoRoot, "tests", "CustomsFn.Fuzz", "seeds", "image"))
        .Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Seed_IsReadByTheImageTarget(string seed)
    {
        var bytes = File.ReadAllBytes(Path.Combine(TestPaths.RepoRoot, "tests", "CustomsFn.Fuzz", "seeds", "image", seed));
        Assert.Contains("image", FuzzTargets.Names);
        FuzzTargets.Run("image", bytes);
    }

    [Theory]
    [InlineData("png-100000x100000")]
    [InlineData("jpeg-65535x65535")]
    [InlineData("tiff-100000x100000")]
    [InlineData("png-zero-size")]
    public void HostileImage_IsRefusedTheDocumentedWay(string name) => FuzzTargets.Run("image", HostileSuite.Build(name));

    [Fact]
    public void TiffWhoseDirectoryPointsToItself_IsRefusedTheDocumentedWay()
    {
        var tiff = File.ReadAllBytes(Path.Combine(TestPaths.RepoRoot, "tests", "CustomsFn.Fuzz", "seeds", "image", "gray-16.tif"));
        // The next-directory offset (after the entry count and the entries) points back at the directory itself.
        var ifd = BitConverter.ToInt32(tiff, 4);
        var count = BitConverter.ToUInt16(tiff, ifd);
        BitConverter.GetBytes(ifd).CopyTo(tiff, ifd + 2 + 12 * count);
        FuzzTargets.Run("image", tiff);
        Assert.Throws<CustomsFn.Core.Foundation.DocumentRejectedException>(() =>
            CustomsFn.Core.Extraction.Ocr.ImageHeader.Read(tiff).CheckLimits(new CustomsFn.Core.Extraction.Ocr.OcrOptions(), tiff));
    }
}
