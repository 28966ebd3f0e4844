using System.Text;
using CustomsFn.Core.Foundation;
using static CustomsFn.Bench.Hostile.HostileInputs;

namespace CustomsFn.Bench.Hostile;

/// <summary>
/// The hostile-input suite: broken and malicious uploads, each built by code, with the INPUT-* code each must be
/// rejected with. The tests (HostileInputSuiteTests) assert the codes, time and allocations; <c>customs-bench --only
/// hostile</c> measures peak host and worker memory and wall time per input.
/// </summary>
internal static class HostileSuite
{
    private static readonly Lazy<byte[]> Bomb = new(() => HostilePdf.FlateBomb(200L * 1024 * 1024));

    /// <summary>Every case: its name and the code its upload must be rejected with.</summary>
    public static IReadOnlyList<(string Name, string Code)> Cases { get; } =
    [
        // Not a document at all
        ("zero-bytes", InputCodes.Empty),
        ("one-byte", InputCodes.UnsupportedFormat),
        ("binary-garbage-64k", InputCodes.UnsupportedFormat),
        ("whitespace-only", InputCodes.UnsupportedFormat),
        // PDF
        ("pdf-header-only", InputCodes.CorruptPdf),
        ("pdf-truncated", InputCodes.CorruptPdf),
        ("pdf-encrypted", InputCodes.EncryptedPdf),
        ("pdf-xref-loop-empty-page", InputCodes.NoContent),
        ("pdf-startxref-out-of-range", InputCodes.NoContent),
        ("pdf-page-tree-cycle", InputCodes.NoContent),
        ("pdf-100000-nested-arrays", InputCodes.NoContent),
        ("pdf-100000-nested-dictionaries", InputCodes.NoContent),
        ("pdf-100000-nested-page-tree", InputCodes.CorruptPdf),
        ("pdf-100000-nested-forms", InputCodes.CorruptPdf),
        ("pdf-100000-nested-graphics-states", InputCodes.NoContent),
        ("pdf-flate-bomb-200mb", InputCodes.PdfLimits),
        ("pdf-double-flate-bomb", InputCodes.PdfLimits),
        ("pdf-10000-pages", InputCodes.TooLarge),
        ("pdf-wrong-stream-length", InputCodes.CorruptPdf),
        ("pdf-image-100000x100000", InputCodes.ImageLimits),
        ("pdf-zip-polyglot", InputCodes.Polyglot),
        // Images
        ("png-100000x100000", InputCodes.ImageLimits),
        ("jpeg-65535x65535", InputCodes.ImageLimits),
        ("tiff-100000x100000", InputCodes.ImageLimits),
        ("png-zero-size", InputCodes.CorruptImage),
        // Renamed archives and executables
        ("zip-renamed-pdf", InputCodes.UnsupportedFormat),
        ("zip-holding-a-pdf", InputCodes.UnsupportedFormat),
        ("windows-exe-renamed-pdf", InputCodes.UnsupportedFormat),
        ("elf-renamed-pdf", InputCodes.UnsupportedFormat),
        ("gzip-renamed-xml", InputCodes.UnsupportedFormat),
        // XML
        ("xml-dtd", InputCodes.XmlDtd),
        ("xml-external-entity", InputCodes.XmlDtd),
        ("xml-external-dtd", InputCodes.XmlDtd),
        ("xml-billion-laughs", InputCodes.XmlDtd),
        ("xml-100000-deep", InputCodes.XmlLimits),
        ("xml-huge-attribute", InputCodes.XmlLimits),
        ("xml-invalid-utf8", InputCodes.MalformedXml),
        ("xml-utf16-bom-utf8-body", InputCodes.MalformedXml),
        ("xml-unclosed-root", InputCodes.MalformedXml),
        ("xml-not-a-trade-document", InputCodes.UnsupportedDocument),
        // EDIFACT
        ("edifact-una-too-short", InputCodes.MalformedEdifact),
        ("edifact-una-duplicate-separators", InputCodes.MalformedEdifact),
        ("edifact-unterminated-segment", InputCodes.MalformedEdifact),
        ("edifact-binary-garbage", InputCodes.MalformedEdifact),
        ("edifact-endless-segment", InputCodes.MalformedEdifact),
    ];

    public static byte[] Build(string name) => name switch
    {
        "zero-bytes" => [],
        "one-byte" => [0x00],
        "binary-garbage-64k" => Garbage(65_536, 1),
        "whitespace-only" => Ascii(new string(' ', 4096) + "\r\n\t"),
        "pdf-header-only" => Ascii("%PDF-1.7\n"),
        "pdf-truncated" => HostilePdf.Simple()[..200],
        "pdf-encrypted" => MinimalPdf.Build(encrypted: true),
        "pdf-xref-loop-empty-page" => XrefLoopEmptyPage(),
        "pdf-startxref-out-of-range" => HostilePdf.Build([HostilePdf.Obj("<< /Type /Catalog /Pages 2 0 R >>"), HostilePdf.Obj("<< /Type /Pages /Kids [] /Count 0 >>")], xrefOffset: _ => 999_999_999),
        "pdf-page-tree-cycle" => HostilePdf.PageTreeCycle(),
        "pdf-100000-nested-arrays" => HostilePdf.DeepArrays(100_000),
        "pdf-100000-nested-dictionaries" => HostilePdf.DeepDictionaries(100_000),
        "pdf-100000-nested-page-tree" => HostilePdf.DeepPageTree(100_000),
        "pdf-100000-nested-forms" => HostilePdf.DeepForms(100_000),
        "pdf-100000-nested-graphics-states" => HostilePdf.DeepGraphicsState(100_000),
        "pdf-flate-bomb-200mb" => Bomb.Value,
        "pdf-double-flate-bomb" => DoubleFlateBomb(),
        "pdf-10000-pages" => HostilePdf.ManyPages(10_000),
        "pdf-wrong-stream-length" => HostilePdf.WrongStreamLength(99_999),
        "pdf-image-100000x100000" => HostilePdf.HugeImage(100_000, 100_000),
        "pdf-zip-polyglot" => [.. HostilePdf.Simple(), .. Zip("payload.exe", WindowsExecutable())],
        "png-100000x100000" => PngClaiming(100_000, 100_000),
        "jpeg-65535x65535" => JpegClaiming(65_535, 65_535),
        "tiff-100000x100000" => TiffClaiming(100_000, 100_000),
        "png-zero-size" => PngClaiming(0, 0),
        "zip-renamed-pdf" => Zip("invoice.xml", Utf8(CiiOpen + CiiClose)),
        "zip-holding-a-pdf" => Zip("invoice.pdf", HostilePdf.Simple()),
        "windows-exe-renamed-pdf" => WindowsExecutable(),
        "elf-renamed-pdf" => ElfExecutable(),
        "gzip-renamed-xml" => Gzip(Utf8(CiiOpen + CiiClose)),
        "xml-dtd" => Utf8("<?xml version=\"1.0\"?><!DOCTYPE rsm:CrossIndustryInvoice [<!ELEMENT a ANY>]>" + CiiOpen + CiiClose),
        "xml-external-entity" => Utf8("<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>" + CiiOpen + "&xxe;" + CiiClose),
        "xml-external-dtd" => Utf8("<?xml version=\"1.0\"?><!DOCTYPE r SYSTEM \"http://127.0.0.1:9/evil.dtd\">" + CiiOpen + CiiClose),
        "xml-billion-laughs" => Utf8("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">" +
            string.Concat(Enumerable.Range(1, 9).Select(i => $"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat(i == 1 ? "&lol;" : $"&lol{i - 1};", 10))}\">")) +
            "]>" + CiiOpen + "&lol9;" + CiiClose),
        "xml-100000-deep" => Utf8(CiiOpen + string.Concat(Enumerable.Repeat("<a>", 100_000)) + string.Concat(Enumerable.Repeat("</a>", 100_000)) + CiiClose),
        "xml-huge-attribute" => Utf8(CiiOpen.Replace(">", " note=\"" + new string('x', 1_000_000) + "\">", StringComparison.Ordinal) + CiiClose),
        "xml-invalid-utf8" => [.. Utf8(CiiOpen + "<rsm:ExchangedDocument>"), 0xC3, 0x28, 0xFF, 0xFE, .. Utf8("</rsm:ExchangedDocument>" + CiiClose)],
        "xml-utf16-bom-utf8-body" => [0xFF, 0xFE, .. Utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + CiiOpen + CiiClose)],
        "xml-unclosed-root" => Utf8(CiiOpen + "<rsm:ExchangedDocument>"),
        "xml-not-a-trade-document" => Utf8("<html><body>Invoice</body></html>"),
        "edifact-una-too-short" => Ascii("UNA:+"),
        "edifact-una-duplicate-separators" => Ascii("UNA+++? 'UNB+UNOC:3+S+R+200101:1200+1'UNH+1+INVOIC:D:96A:UN'BGM+380+1'UNT+3+1'UNZ+1+1'"),
        "edifact-unterminated-segment" => Ascii("UNB+UNOC:3+S+R+200101:1200+1'UNH+1+INVOIC:D:96A:UN'BGM+380+1"),
        "edifact-binary-garbage" => [.. Ascii("UNB+UNOC:3+S+R+200101:1200+1'UNH+1+INVOIC:D:96A:UN'"), .. Garbage(4096, 2)],
        "edifact-endless-segment" => Ascii("UNB+UNOC:3+S+R+200101:1200+1'UNH+1+INVOIC:D:96A:UN'FTX+AAI+++" + new string('a', 300_000)),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such hostile case"),
    };

    private static byte[] XrefLoopEmptyPage()
    {
        var objects = new List<byte[]>
        {
            HostilePdf.Obj("<< /Type /Catalog /Pages 2 0 R >>"),
            HostilePdf.Obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
            HostilePdf.Obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"),
        };
        var pdf = HostilePdf.Build(objects);
        var text = Encoding.Latin1.GetString(pdf);
        var xref = text.LastIndexOf("xref\n", StringComparison.Ordinal);
        return Encoding.Latin1.GetBytes(text.Replace("/Root 1 0 R", "/Root 1 0 R /Prev " + xref.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
    }

    private static byte[] DoubleFlateBomb()
    {
        // 64 MiB of spaces deflated, and that deflated again: the outer layer is small and harmless, the inner one is the bomb.
        var inner = HostilePdf.Deflated(200L * 1024 * 1024);
        using var output = new MemoryStream();
        using (var z = new System.IO.Compression.ZLibStream(output, System.IO.Compression.CompressionLevel.SmallestSize, leaveOpen: true)) z.Write(inner);
        var objects = HostilePdf.TextPageObjects("Commercial Invoice");
        objects[4] = HostilePdf.Stream("/Filter [/FlateDecode /FlateDecode]", output.ToArray());
        return HostilePdf.Build(objects);
    }

    private static byte[] Gzip(byte[] content)
    {
        using var output = new MemoryStream();
        using (var z = new System.IO.Compression.GZipStream(output, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true)) z.Write(content);
        return output.ToArray();
    }
}
