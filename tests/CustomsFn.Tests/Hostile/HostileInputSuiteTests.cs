using System.Diagnostics;
using System.Text;
using CustomsFn.Core;
using CustomsFn.Core.Contract;
using CustomsFn.Core.Foundation;
using CustomsFn.Core.Isolation;
using CustomsFn.Core.Pipeline;
using static CustomsFn.Tests.Hostile.HostileInputs;

namespace CustomsFn.Tests.Hostile;

/// <summary>Runs alone, so that the allocation measured for a case is that case's.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HostileCollection
{
    public const string Name = "hostile input (serial)";
}

/// <summary>
/// The hostile-input suite: broken and malicious uploads, each built by code. Every unreadable one must end in a
/// rejected result with one specific INPUT-* finding, quickly, within a memory budget, without taking the process down.
/// PDFs go through the child-process isolation exactly as in the hosts (the worker is the customs CLI next to the tests).
/// </summary>
[Collection(HostileCollection.Name)]
public sealed class HostileInputSuiteTests
{
    /// <summary>The issue's budget is 2 s per document: the extraction timeout enforces it inside the processor.</summary>
    internal static readonly TimeSpan Budget = TimeSpan.FromSeconds(2);

    /// <summary>Generous wall-clock bound for the whole call (sniffing, guards, child start, JIT on a shared 2-core machine).</summary>
    private static readonly TimeSpan WallLimit = TimeSpan.FromSeconds(20);

    /// <summary>Allocation budget per case (all threads): far below what the bombs would need if they were expanded.</summary>
    private const long AllocationLimit = 400L * 1024 * 1024;

    internal static PipelineOptions Options() => new()
    {
        ExtractionTimeout = Budget,
        Isolation = WorkerIsolation(),
    };

    /// <summary>Isolation with the customs CLI (copied next to the test assembly) as the worker executable.</summary>
    internal static IsolationOptions WorkerIsolation(TimeSpan? timeout = null, int workers = 1) => new()
    {
        Pdf = true,
        Workers = workers,
        Command = "dotnet",
        CommandArguments = Path.Combine(AppContext.BaseDirectory, "customs.dll"),
        Timeout = timeout ?? TimeSpan.FromSeconds(15),
        MaxMemoryMb = 512,
    };

    private static readonly DocumentProcessor Processor = CustomsDefaults.CreateProcessor(Options());

    private static readonly Lazy<byte[]> Bomb = new(() => HostilePdf.FlateBomb(200L * 1024 * 1024));

    public static TheoryData<string, string> Cases => new()
    {
        // Not a document at all
        { "zero-bytes", InputCodes.Empty },
        { "one-byte", InputCodes.UnsupportedFormat },
        { "binary-garbage-64k", InputCodes.UnsupportedFormat },
        { "whitespace-only", InputCodes.UnsupportedFormat },
        // PDF
        { "pdf-header-only", InputCodes.CorruptPdf },
        { "pdf-truncated", InputCodes.CorruptPdf },
        { "pdf-encrypted", InputCodes.EncryptedPdf },
        { "pdf-xref-loop-empty-page", InputCodes.NoContent },
        { "pdf-startxref-out-of-range", InputCodes.NoContent },
        { "pdf-page-tree-cycle", InputCodes.NoContent },
        { "pdf-100000-nested-arrays", InputCodes.NoContent },
        { "pdf-100000-nested-dictionaries", InputCodes.NoContent },
        { "pdf-100000-nested-page-tree", InputCodes.CorruptPdf },
        { "pdf-100000-nested-forms", InputCodes.CorruptPdf },
        { "pdf-100000-nested-graphics-states", InputCodes.NoContent },
        { "pdf-flate-bomb-200mb", InputCodes.PdfLimits },
        { "pdf-double-flate-bomb", InputCodes.PdfLimits },
        { "pdf-10000-pages", InputCodes.TooLarge },
        { "pdf-wrong-stream-length", InputCodes.CorruptPdf },
        { "pdf-image-100000x100000", InputCodes.ImageLimits },
        { "pdf-zip-polyglot", InputCodes.Polyglot },
        // Images
        { "png-100000x100000", InputCodes.ImageLimits },
        { "jpeg-65535x65535", InputCodes.ImageLimits },
        { "tiff-100000x100000", InputCodes.ImageLimits },
        { "png-zero-size", InputCodes.CorruptImage },
        // Renamed archives and executables
        { "zip-renamed-pdf", InputCodes.UnsupportedFormat },
        { "zip-holding-a-pdf", InputCodes.UnsupportedFormat },
        { "windows-exe-renamed-pdf", InputCodes.UnsupportedFormat },
        { "elf-renamed-pdf", InputCodes.UnsupportedFormat },
        { "gzip-renamed-xml", InputCodes.UnsupportedFormat },
        // XML
        { "xml-dtd", InputCodes.XmlDtd },
        { "xml-external-entity", InputCodes.XmlDtd },
        { "xml-external-dtd", InputCodes.XmlDtd },
        { "xml-billion-laughs", InputCodes.XmlDtd },
        { "xml-100000-deep", InputCodes.XmlLimits },
        { "xml-huge-attribute", InputCodes.XmlLimits },
        { "xml-invalid-utf8", InputCodes.MalformedXml },
        { "xml-utf16-bom-utf8-body", InputCodes.MalformedXml },
        { "xml-unclosed-root", InputCodes.MalformedXml },
        { "xml-not-a-trade-document", InputCodes.UnsupportedDocument },
        // EDIFACT
        { "edifact-una-too-short", InputCodes.MalformedEdifact },
        { "edifact-una-duplicate-separators", InputCodes.MalformedEdifact },
        { "edifact-unterminated-segment", InputCodes.MalformedEdifact },
        { "edifact-binary-garbage", InputCodes.MalformedEdifact },
        { "edifact-endless-segment", InputCodes.MalformedEdifact },
    };

    internal static byte[] Build(string name) => name switch
    {
        "zero-bytes" => [],
        "one-byte" => [0x00],
        "binary-garbage-64k" => Garbage(65_536, 1),
        "whitespace-only" => Ascii(new string(' ', 4096) + "\r\n\t"),
        "pdf-header-only" => Ascii("%PDF-1.7\n"),
        "pdf-truncated" => HostilePdf.Simple()[..200],
        "pdf-encrypted" => Structured.MinimalPdf.Build(encrypted: true),
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

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task HostileUpload_IsRejectedWithItsCode_QuicklyAndWithinMemory(string name, string code)
    {
        var bytes = Build(name);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();

        var result = await Processor.ProcessAsync(UploadContent.FromBytes(bytes), new DocumentRef("incoming/" + name + ".pdf"), CancellationToken.None);

        clock.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        Assert.Equal(ResultStatus.Rejected, result.Status);
        var finding = Assert.Single(result.Findings);
        Assert.True(code == finding.Rule, $"{name}: expected {code}, got {finding.Rule}: {finding.Message}");
        Assert.False(string.IsNullOrWhiteSpace(finding.Message));
        Assert.True(clock.Elapsed < WallLimit, $"{name} took {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.True(allocated < AllocationLimit, $"{name} allocated {allocated / 1048576} MiB");
        Schemas.AssertValid(Schemas.Result, ResultSerializer.Serialize(result), name);
    }

    [Fact]
    public void Suite_HasAtLeastFortyCases() => Assert.True(Cases.Count >= 40, $"{Cases.Count} cases");

    [Fact]
    public async Task ParserCrash_KillsOnlyTheChild_AndSaysSo()
    {
        const string name = "pdf-100000-nested-forms";
        var result = await Processor.ProcessAsync(UploadContent.FromBytes(Build(name)), new DocumentRef("incoming/" + name + ".pdf"), CancellationToken.None);

        var finding = Assert.Single(result.Findings);
        Assert.Equal(InputCodes.CorruptPdf, finding.Rule);
        Assert.Contains("parser crashed", finding.Message, StringComparison.Ordinal);
        // This process is still here and still reads PDFs.
        var again = await Processor.ProcessAsync(UploadContent.FromBytes(HostilePdf.Build(HostilePdf.TextPageObjects("Commercial Invoice No 42 Total 100.00 USD Seller ACME"))), new DocumentRef("incoming/fine.pdf"), CancellationToken.None);
        Assert.DoesNotContain(again.Findings, f => f.Rule == InputCodes.CorruptPdf);
    }

    [Fact]
    public async Task TwoHundredMegabyteUpload_IsRefusedAfterReadingNoMoreThanTheLimit()
    {
        var options = Options();
        var processor = CustomsDefaults.CreateProcessor(options);
        var stream = new GeneratedStream(200L * 1024 * 1024, (byte)' ');

        var result = await processor.ProcessAsync(stream, new DocumentRef("incoming/huge.pdf"), CancellationToken.None);

        var finding = Assert.Single(result.Findings);
        Assert.Equal(InputCodes.TooLarge, finding.Rule);
        Assert.True(stream.Served <= options.MaxUploadBytes + 81_920, $"read {stream.Served:N0} bytes of a 200 MB upload; the limit is {options.MaxUploadBytes:N0}");
        // Idempotent all the same: a redelivery of the same upload gets the same id (though its bytes were not all read).
        var again = await processor.ProcessAsync(new GeneratedStream(200L * 1024 * 1024, (byte)' '), new DocumentRef("incoming/huge.pdf"), CancellationToken.None);
        Assert.Equal(result.DocumentId, again.DocumentId);
    }

    [Fact]
    public async Task Utf16Bom_WithAValidInvoice_IsReadLikeUtf8()
    {
        var utf8 = await File.ReadAllTextAsync(Path.Combine(TestPaths.Samples, "documents", "ubl-invoice-de-us-clean.xml"));
        var utf16 = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(utf8.Replace("encoding=\"UTF-8\"", "encoding=\"UTF-16\"", StringComparison.Ordinal))).ToArray();

        var a = await Processor.ProcessAsync(UploadContent.FromBytes(Encoding.UTF8.GetBytes(utf8)), new DocumentRef("incoming/utf8.xml"), CancellationToken.None);
        var b = await Processor.ProcessAsync(UploadContent.FromBytes(utf16), new DocumentRef("incoming/utf16.xml"), CancellationToken.None);

        Assert.Equal(a.Status, b.Status);
        Assert.Equal(a.Fields.Keys.Order(), b.Fields.Keys.Order());
        Assert.Equal(a.Fields[Core.Model.FieldNames.InvoiceNumber].Value, b.Fields[Core.Model.FieldNames.InvoiceNumber].Value);
        Assert.DoesNotContain(b.Findings, f => f.Rule.StartsWith("INPUT-", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("incoming/../../results/evil.xml")]
    [InlineData("incoming/inv\u0000oice\r\n\u001b[31m.xml")]
    [InlineData("incoming/\u202Efdp.exe.xml")]
    [InlineData("incoming/\u2067rtl\u2069\u200F.xml")]
    public async Task HostileBlobName_IsNeutralisedAndTheDocumentIsStillRead(string name)
    {
        var bytes = await File.ReadAllBytesAsync(Path.Combine(TestPaths.Samples, "documents", "ubl-invoice-de-us-clean.xml"));
        var result = await Processor.ProcessAsync(UploadContent.FromBytes(bytes), new DocumentRef(name), CancellationToken.None);

        Assert.DoesNotContain(result.Findings, f => f.Rule.StartsWith("INPUT-", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Source.Name, c => char.IsControl(c) || c is '\u202E' or '\u2067' or '\u2069' or '\u200F');
        // The stored result is named by content hash only, never by the uploaded name.
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), result.DocumentId);
        Assert.Equal($"{result.DocumentId}.json", ResultMessage.For(result).ResultBlob.Split('/')[^1]);
    }

    [Fact]
    public async Task ThousandCharacterBlobName_IsBoundedAndTheDocumentIsStillRead()
    {
        var name = "incoming/" + new string('n', 1_000) + "/" + new string('x', 1_000) + ".xml";
        var bytes = await File.ReadAllBytesAsync(Path.Combine(TestPaths.Samples, "documents", "ubl-invoice-de-us-clean.xml"));
        var result = await Processor.ProcessAsync(UploadContent.FromBytes(bytes), new DocumentRef(name), CancellationToken.None);

        Assert.True(result.Source.Name.Length <= DocumentRef.MaxNameLength);
        Assert.DoesNotContain(result.Findings, f => f.Rule.StartsWith("INPUT-", StringComparison.Ordinal));
        Assert.True(ResultSerializer.Serialize(result).Length < 64 * 1024);
    }

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

/// <summary>Every crash the PDF fuzzer found (scripts/fuzz.sh pdf) is a regression input: all were stack overflows in PdfPig (forms that draw themselves), contained by the child process.</summary>
[Collection(HostileCollection.Name)]
public sealed class FuzzCrashRegressionTests
{
    private static readonly DocumentProcessor Processor = CustomsDefaults.CreateProcessor(HostileInputSuiteTests.Options());

    public static TheoryData<string> Crashes => new(Directory.GetFiles(Path.Combine(TestPaths.RepoRoot, "tests", "CustomsFn.Tests", "Hostile", "FuzzCrashes")).Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(Crashes))]
    public async Task FuzzerCrash_IsRejectedAndTheHostSurvives(string file)
    {
        var bytes = await File.ReadAllBytesAsync(Path.Combine(TestPaths.RepoRoot, "tests", "CustomsFn.Tests", "Hostile", "FuzzCrashes", file));
        var result = await Processor.ProcessAsync(UploadContent.FromBytes(bytes), new DocumentRef("incoming/" + file), CancellationToken.None);

        Assert.Equal(ResultStatus.Rejected, result.Status);
        var finding = Assert.Single(result.Findings);
        // The fuzz target fed PdfPig directly; in the pipeline, a mutation that broke the "%PDF-" header stops at the sniffer.
        var sniffedAsPdf = bytes.AsSpan(0, Math.Min(bytes.Length, 1024)).IndexOf("%PDF-"u8) >= 0;
        Assert.Equal(sniffedAsPdf ? InputCodes.CorruptPdf : InputCodes.UnsupportedFormat, finding.Rule);
    }
}
