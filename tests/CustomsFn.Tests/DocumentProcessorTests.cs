using System.Text;
using CustomsFn.Core;
using CustomsFn.Core.Contract;
using CustomsFn.Core.Extraction;
using CustomsFn.Core.Foundation;
using CustomsFn.Core.Model;
using CustomsFn.Core.Pipeline;
using CustomsFn.Core.Rules;
using CustomsFn.Core.Sniffing;
using Moq;

namespace CustomsFn.Tests;

public sealed class DocumentProcessorTests
{
    private static readonly DocumentRef Ref = new("incoming/test.bin");

    private static Task<CustomsResult> ProcessAsync(byte[] bytes, PipelineOptions? options = null) =>
        CustomsDefaults.CreateProcessor(options).ProcessAsync(new MemoryStream(bytes), Ref, CancellationToken.None);

    private static Finding SingleInput(CustomsResult r)
    {
        Assert.Equal(ResultStatus.Rejected, r.Status);
        var f = Assert.Single(r.Findings);
        Assert.StartsWith("INPUT-", f.Rule, StringComparison.Ordinal);
        Assert.Equal(Severity.Error, f.Severity);
        Assert.Equal("document", f.Path);
        return f;
    }

    [Fact]
    public async Task DocumentId_IsTheSha256OfTheBytes()
    {
        var bytes = Encoding.UTF8.GetBytes("hello");
        var r = await ProcessAsync(bytes);
        Assert.Equal("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", r.DocumentId);
        Assert.Equal(5, r.Source.SizeBytes);
        Assert.Equal("incoming/test.bin", r.Source.Name);
    }

    [Fact]
    public async Task Empty_IsRejected() => Assert.Equal(InputCodes.Empty, SingleInput(await ProcessAsync([])).Rule);

    [Fact]
    public async Task OverTheSizeLimit_IsRejectedWithTheNumbers_AndHashedOnlyUpToTheLimit()
    {
        var bytes = new byte[2048];
        bytes[1500] = 1; // beyond the limit: not read, so it does not change the id
        var r = await ProcessAsync(bytes, new PipelineOptions { MaxUploadBytes = 1000 });
        var f = SingleInput(r);
        Assert.Equal(InputCodes.TooLarge, f.Rule);
        Assert.Contains("2,048 bytes", f.Message, StringComparison.Ordinal);
        Assert.Equal(2048, r.Source.SizeBytes);
        // Reading stops after limit + 1 bytes (a huge upload is never read to its end): a byte beyond them does not change
        // the id, which names the upload (its name, version and length with the bytes read), not its whole content.
        var changedTail = (byte[])bytes.Clone();
        changedTail[1500] = 2;
        Assert.Equal(r.DocumentId, (await ProcessAsync(changedTail, new PipelineOptions { MaxUploadBytes = 1000 })).DocumentId);
        Assert.NotEqual(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes.AsSpan(0, 1001))), r.DocumentId);
        var prefix = System.Security.Cryptography.SHA256.HashData(bytes.AsSpan(0, 1001));
        Assert.Equal(r.DocumentId, UploadContent.OversizeId(prefix, 2048, Ref));
        Assert.NotEqual(r.DocumentId, UploadContent.OversizeId(prefix, 2049, Ref));
        Assert.NotEqual(r.DocumentId, UploadContent.OversizeId(prefix, 2048, new DocumentRef(Ref.Name) { Version = "\"0x1\"" }));
        Assert.NotEqual(r.DocumentId, UploadContent.OversizeId(prefix, 2048, new DocumentRef(Ref.Name + "2")));
    }

    [Fact]
    public async Task UnsupportedContent_IsRejected() =>
        Assert.Equal(InputCodes.UnsupportedFormat, SingleInput(await ProcessAsync(Encoding.UTF8.GetBytes("just text"))).Rule);

    [Fact]
    public async Task XmlWithExternalEntity_IsRejectedAsDtd()
    {
        const string xxe = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\">&e;</Invoice>";
        var f = SingleInput(await ProcessAsync(Encoding.UTF8.GetBytes(xxe)));
        Assert.Equal(InputCodes.XmlDtd, f.Rule);
        Assert.DoesNotContain("root:", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SupportedFormatWithoutExtractor_SaysSo()
    {
        // A PDF is recognised, but this processor has no PDF extractor registered.
        var processor = new DocumentProcessor([], RuleEngine.CreateDefault());
        var r = await processor.ProcessAsync(new MemoryStream(Encoding.ASCII.GetBytes("%PDF-1.4\n")), Ref, CancellationToken.None);
        var f = SingleInput(r);
        Assert.Equal(InputCodes.UnsupportedFormat, f.Rule);
        Assert.Equal(DocumentFormat.Pdf, r.Format);
        Assert.Equal("application/pdf", r.Source.MediaType);
    }

    [Fact]
    public async Task HangingExtractor_IsRejectedAsTimeout_AndTheCallerIsReleased()
    {
        var extractor = new Mock<IDocumentExtractor>();
        extractor.Setup(e => e.CanExtract(It.IsAny<SniffResult>())).Returns(true);
        extractor.Setup(e => e.ExtractAsync(It.IsAny<ReadOnlyMemory<byte>>(), It.IsAny<SniffResult>(), It.IsAny<CancellationToken>()))
            .Returns(() => { Thread.Sleep(5000); return Task.FromResult<ExtractionResult?>(new ExtractionResult(new ExtractedDocument { Format = "ubl", Extractor = new("x", "1") })); });
        var processor = new DocumentProcessor([extractor.Object], RuleEngine.CreateDefault(), new PipelineOptions { ExtractionTimeout = TimeSpan.FromMilliseconds(200) });
        var r = await processor.ProcessAsync(new MemoryStream(Encoding.ASCII.GetBytes("%PDF-1.4\n")), Ref, CancellationToken.None);
        Assert.Equal(InputCodes.Timeout, SingleInput(r).Rule);
    }

    [Fact]
    public async Task CrashingExtractor_IsRejectedAsUnprocessable_WithoutLeakingTheExceptionMessage()
    {
        var extractor = new Mock<IDocumentExtractor>();
        extractor.Setup(e => e.CanExtract(It.IsAny<SniffResult>())).Returns(true);
        extractor.Setup(e => e.ExtractAsync(It.IsAny<ReadOnlyMemory<byte>>(), It.IsAny<SniffResult>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new IndexOutOfRangeException("secret value 12345"));
        var processor = new DocumentProcessor([extractor.Object], RuleEngine.CreateDefault());
        var r = await processor.ProcessAsync(new MemoryStream(Encoding.ASCII.GetBytes("%PDF-1.4\n")), Ref, CancellationToken.None);
        var f = SingleInput(r);
        Assert.Equal(InputCodes.Unprocessable, f.Rule);
        Assert.Contains("IndexOutOfRangeException", f.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("12345", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExtractorThatDeclines_PassesTheDocumentToTheNextOne()
    {
        var declining = new Mock<IDocumentExtractor>();
        declining.Setup(e => e.CanExtract(It.IsAny<SniffResult>())).Returns(true);
        declining.Setup(e => e.ExtractAsync(It.IsAny<ReadOnlyMemory<byte>>(), It.IsAny<SniffResult>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((ExtractionResult?)null);
        var accepting = new Mock<IDocumentExtractor>();
        accepting.Setup(e => e.CanExtract(It.IsAny<SniffResult>())).Returns(true);
        accepting.Setup(e => e.ExtractAsync(It.IsAny<ReadOnlyMemory<byte>>(), It.IsAny<SniffResult>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new ExtractionResult(new ExtractedDocument { Format = DocumentFormat.PdfText, DocumentType = DocumentType.PackingList, Extractor = new("second", "1") }));
        var processor = new DocumentProcessor([declining.Object, accepting.Object], RuleEngine.CreateDefault());
        var r = await processor.ProcessAsync(new MemoryStream(Encoding.ASCII.GetBytes("%PDF-1.4\n")), Ref, CancellationToken.None);
        Assert.Equal("second", r.Extractor?.Name);
        Assert.Equal(DocumentFormat.PdfText, r.Format);

        var onlyDeclining = new DocumentProcessor([declining.Object], RuleEngine.CreateDefault());
        var rejected = await onlyDeclining.ProcessAsync(new MemoryStream(Encoding.ASCII.GetBytes("%PDF-1.4\n")), Ref, CancellationToken.None);
        Assert.Equal(InputCodes.UnsupportedFormat, SingleInput(rejected).Rule);
    }

    [Fact]
    public void PageText_SourceOf_ConvertsPdfBoxesToBottomLeftPoints_AndKeepsImagePixels()
    {
        var pdf = new Core.Extraction.Layout.PageText(2, 595, 842, "pt", []);
        var s = pdf.SourceOf(72, 100, 160, 112);
        Assert.Equal(2, s.Page);
        Assert.Equal([72, 730, 160, 742], s.Box);
        Assert.Equal("pt", s.Unit);
        var img = new Core.Extraction.Layout.PageText(1, 2480, 3508, "px", []);
        Assert.Equal([10, 20, 30, 40], img.SourceOf(10, 20, 30, 40).Box);
        Assert.Equal("px", img.SourceOf(10, 20, 30, 40).Unit);
    }

    [Fact]
    public async Task ProcessedAt_ComesFromTheInjectedClock()
    {
        var clock = new Mock<TimeProvider>();
        clock.Setup(c => c.GetUtcNow()).Returns(new DateTimeOffset(2026, 3, 4, 5, 6, 7, 890, TimeSpan.Zero));
        clock.Setup(c => c.TimestampFrequency).Returns(TimeProvider.System.TimestampFrequency);
        var processor = CustomsDefaults.CreateProcessor(time: clock.Object);
        var r = await processor.ProcessAsync(new MemoryStream([]), Ref, CancellationToken.None);
        Assert.Equal(new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero), r.ProcessedAt);
        Assert.Contains("\"processedAt\": \"2026-03-04T05:06:07Z\"", ResultSerializer.Serialize(r), StringComparison.Ordinal);
    }

    [Fact]
    public void DocumentRef_SanitisesControlAndBidiCharacters_AndBoundsLength()
    {
        var r = new DocumentRef("incoming/inv\u202Efdp.exe\n" + new string('a', 2000));
        Assert.DoesNotContain('\u202E', r.Name);
        Assert.DoesNotContain('\n', r.Name);
        Assert.Equal(DocumentRef.MaxNameLength, r.Name.Length);
    }
}
