using System.Diagnostics;
using System.Text;
using CustomsFn.Core;
using CustomsFn.Core.Contract;
using CustomsFn.Core.Foundation;
using CustomsFn.Core.Isolation;
using CustomsFn.Core.Pipeline;

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
    /// <summary>The budget is 2 s per document: the extraction timeout enforces it inside the processor.</summary>
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


    public static TheoryData<string, string> Cases
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var (name, code) in HostileSuite.Cases) data.Add(name, code);
            return data;
        }
    }

    internal static byte[] Build(string name) => HostileSuite.Build(name);


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
