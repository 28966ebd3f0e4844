using CustomsFn.Core.Extraction.Ocr;
using Newtonsoft.Json.Linq;
using SkiaSharp;

namespace CustomsFn.Tests.Ocr;

/// <summary>The generated scans of samples/eval and what their manifest and expected files say about them.</summary>
internal static class EvalScans
{
    public static string Root => Path.Combine(TestPaths.Samples, "eval");

    public static byte[] Bytes(string file) => File.ReadAllBytes(Path.Combine(Root, "documents", file));

    public static JObject Manifest(string file) =>
        JObject.Parse(File.ReadAllText(Path.Combine(Root, "manifest.json")))["documents"]!.Cast<JObject>().Single(d => (string)d["file"]! == file);

    public static JObject ExpectedFields(string file) =>
        (JObject)JObject.Parse(File.ReadAllText(Path.Combine(Root, "expected", file + ".expected.json")))["fields"]!;

    /// <summary>The top <paramref name="share"/> of a scan, re-encoded as PNG: a small image that OCRs in a second or two.</summary>
    public static byte[] TopOfPagePng(string file, double share)
    {
        var bytes = Bytes(file);
        var gray = GrayImage.Decode(bytes, ImageHeader.Read(bytes))!;
        var crop = gray.Crop(0, (int)(gray.Height * share), 1);
        var info = new SKImageInfo(crop.Width, crop.Height, SKColorType.Gray8, SKAlphaType.Opaque);
        using var bmp = new SKBitmap(info);
        crop.Pixels.CopyTo(bmp.GetPixelSpan());
        using var data = bmp.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    public static string Normalize(string s) => new(s.Where(c => !char.IsWhiteSpace(c)).ToArray());
}
