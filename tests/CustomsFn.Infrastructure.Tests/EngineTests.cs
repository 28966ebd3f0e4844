using CustomsFn.Core;
using CustomsFn.Core.Contract;
using CustomsFn.Core.Extraction;
using CustomsFn.Core.Extraction.Ocr;
using CustomsFn.Core.Extraction.Pdf;
using CustomsFn.Core.Foundation;
using CustomsFn.Core.Model;
using CustomsFn.Core.Pipeline;
using CustomsFn.Core.Rules;
using CustomsFn.Core.Sniffing;
using CustomsFn.Infrastructure.DocumentIntelligence;
using CustomsFn.Infrastructure.Tests.Support;

namespace CustomsFn.Infrastructure.Tests;

/// <summary>Engine choice (local, document-intelligence, auto) through the real document processor.</summary>
public sealed class EngineTests
{
    private static (DocumentProcessor Processor, StubLocalExtractor Local, EngineExtractors Engine) Processor(Uri? endpoint, string engine, Action<DocumentIntelligenceOptions>? configure = null)
    {
        var options = endpoint is null ? new DocumentIntelligenceOptions() : Clients.Options(endpoint, configure);
        options.Engine = engine;
        var engines = new EngineExtractors(options);
        var local = new StubLocalExtractor(DocumentFormat.Image, DocumentFormat.Pdf);
        var pipeline = new PipelineOptions();
        IReadOnlyList<IDocumentExtractor> localChain = [.. WithoutOcr(pipeline), local];
        return (new DocumentProcessor(engines.Compose(localChain), RuleEngine.CreateDefault(), pipeline), local, engines);
    }

    /// <summary>
    /// The shipped local chain without the OCR extractor: these tests are about the engine choice, so the stub (or
    /// nothing) stands in for the local reader of scans. Text-layer PDFs still go to the real PDF text extractor.
    /// </summary>
    private static IEnumerable<IDocumentExtractor> WithoutOcr(PipelineOptions pipeline) =>
        CustomsDefaults.Extractors(pipeline).Where(e => e is not OcrExtractor);

    private static Task<CustomsResult> RunAsync(DocumentProcessor p, byte[] bytes, string name = "incoming/doc") =>
        p.ProcessAsync(UploadContent.FromBytes(bytes), new DocumentRef(name), CancellationToken.None);

    private static void Succeed(FakeDocumentIntelligence fake, string body = Documents.SyntheticInvoice) =>
        fake.OnPoll = (ctx, _) => FakeDocumentIntelligence.JsonAsync(ctx, 200, body);

    [Fact]
    public async Task Auto_Image_GoesToDocumentIntelligence()
    {
        await using var fake = await FakeDocumentIntelligence.StartAsync();
        Succeed(fake);
        var (p, local, engine) = Processor(fake.Endpoint, "auto");
        using var _ = engine;

        var result = await RunAsync(p, Clients.Jpeg);

        Assert.Equal("document-intelligence", result.Extractor!.Name);
        Assert.Equal("2024-11-30/prebuilt-invoice", result.Extractor.Version);
        Assert.Equal("RHW-2026-00417", result.Fields.GetText(FieldNames.InvoiceNumber));
        Assert.Equal(0, local.Calls);
        Assert.Single(fake.Analyzes);
        Assert.DoesNotContain(result.Findings, f => f.Rule == AutoEngineExtractor.FallbackRule);
    }

    [Fact]
    public async Task Auto_ServiceDown_FallsBackToLocalWithWarning()
    {
        await using var fake = await FakeDocumentIntelligence.StartAsync();
        fake.OnAnalyze = (ctx, _) => FakeDocumentIntelligence.ErrorAsync(ctx, 503, "ServiceUnavailable", "The service is temporarily unavailable.");
        var (p, local, engine) = Processor(fake.Endpoint, "auto", o => o.MaxRetries = 1);
        using var _ = engine;

        var result = await RunAsync(p, Clients.Jpeg);

        Assert.Equal("local-stub", result.Extractor!.Name);
        Assert.Equal("LOCAL-1", result.Fields.GetText(FieldNames.InvoiceNumber));
        Assert.Equal(1, local.Calls);
        var fallback = Assert.Single(result.Findings, f => f.Rule == AutoEngineExtractor.FallbackRule);
        Assert.Equal(Severity.Warning, fallback.Severity);
        Assert.Contains("HTTP 503", fallback.Message, StringComparison.Ordinal);
        Assert.Contains("the local engine read this document instead", fallback.Message, StringComparison.Ordinal);
        Assert.NotEqual(ResultStatus.Accepted, result.Status);
        Assert.Equal(2, fake.Analyzes.Count());
    }

    [Fact]
    public async Task Auto_ServiceTimesOut_FallsBackToLocal()
    {
        await using var fake = await FakeDocumentIntelligence.StartAsync();
        fake.OnPoll = (ctx, _) => FakeDocumentIntelligence.JsonAsync(ctx, 200, FakeDocumentIntelligence.Running);
        var (p, local, engine) = Processor(fake.Endpoint, "auto", o => o.Timeout = TimeSpan.FromSeconds(1));
        using var _ = engine;

        var result = await RunAsync(p, Clients.Jpeg);

        Assert.Equal(1, local.Calls);
        Assert.Contains(result.Findings, f => f.Rule == AutoEngineExtractor.FallbackRule && f.Message.Contains("timeout of 1 s", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Auto_TextPdf_StaysLocal()
    {
        await using var fake = await FakeDocumentIntelligence.StartAsync();
        Succeed(fake);
        var (p, local, engine) = Processor(fake.Endpoint, "auto");
        using var _ = engine;

        var result = await RunAsync(p, Documents.TextPdf());

        Assert.Equal("local-pdf-text", result.Extractor!.Name);
        Assert.Equal(0, local.Calls);
        Assert.Empty(fake.Requests);
    }

    [Fact]
    public async Task Auto_ScanPdf_GoesToDocumentIntelligence_WithPdfPointSources()
    {
        await using var fake = await FakeDocumentIntelligence.StartAsync();
        Succeed(fake);
        var (p, local, engine) = Processor(fake.Endpoint, "auto");
        using var _ = engine;

        var result = await RunAsync(p, Documents.ScanPdf());

        Assert.Equal("document-intelligence", result.Extractor!.Name);
        Assert.Equal(DocumentFormat.PdfScan, result.Format);
        Assert.Equal(0, local.Calls);
        Assert.Equal("application/pdf", Assert.Single(fake.Analyzes).ContentType);
        // polygon x 1..3 in, y 1..1.25 in from the top of an 11 in page -> points from the bottom-left.
        var source = result.Fields[FieldNames.InvoiceNumber].Source!;
        Assert.Equal("pt", source.Unit);
        Assert.Equal([72.0, (11 - 1.25) * 72, 216.0, (11 - 1) * 72], source.Box);
    }

    [Fact]
    public async Task Auto_Xml_StaysLocal()
    {
        await using var fake = await FakeDocumentIntelligence.StartAsync();
        var (p, _, engine) = Processor(fake.Endpoint, "auto");
        using var __ = engine;
        var xml = await File.ReadAllBytesAsync(Path.Combine(TestPaths.Samples, "documents", "ubl-invoice-de-us-clean.xml"));

        var result = await RunAsync(p, xml);

        Assert.Equal("ubl", result.Format);
        Assert.StartsWith("local", result.Extractor!.Name, StringComparison.Ordinal);
        Assert.Empty(fake.Requests);
    }

    [Fact]
    public async Task Auto_ServiceDown_NoLocalExtractorForTheFormat_RejectsWithBothReasons()
    {
        await using var fake = await FakeDocumentIntelligence.StartAsync();
        fake.OnAnalyze = (ctx, _) => FakeDocumentIntelligence.ErrorAsync(ctx, 503, "ServiceUnavailable", "Unavailable.");
        var options = Clients.Options(fake.Endpoint, o => o.MaxRetries = 0);
        options.Engine = "auto";
        using var engine = new EngineExtractors(options);
        var p = new DocumentProcessor(engine.Compose([.. WithoutOcr(new PipelineOptions())]), RuleEngine.CreateDefault());

        var result = await RunAsync(p, Clients.Jpeg);

        Assert.Equal(ResultStatus.Rejected, result.Status);
        var finding = Assert.Single(result.Findings);
        Assert.Equal(InputCodes.Unprocessable, finding.Rule);
        Assert.Contains("HTTP 503", finding.Message, StringComparison.Ordinal);
        Assert.Contains("no local extractor reads image documents", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DocumentIntelligenceEngine_ServiceDown_Rejects()
    {
        await using var fake = await FakeDocumentIntelligence.StartAsync();
        fake.OnPoll = (ctx, _) => FakeDocumentIntelligence.ErrorAsync(ctx, 503, "ServiceUnavailable", "Unavailable.");
        var (p, local, engine) = Processor(fake.Endpoint, "document-intelligence", o => o.MaxRetries = 0);
        using var _ = engine;

        var result = await RunAsync(p, Clients.Jpeg);

        Assert.Equal(ResultStatus.Rejected, result.Status);
        Assert.Equal(InputCodes.Unprocessable, Assert.Single(result.Findings).Rule);
        Assert.Contains("Document Intelligence gave no result", result.Findings[0].Message, StringComparison.Ordinal);
        Assert.Equal(0, local.Calls);
    }

    [Fact]
    public async Task DocumentIntelligenceEngine_Timeout_RejectsWithInputTimeout()
    {
        await using var fake = await FakeDocumentIntelligence.StartAsync();
        fake.OnPoll = (ctx, _) => FakeDocumentIntelligence.JsonAsync(ctx, 200, FakeDocumentIntelligence.Running);
        var (p, _, engine) = Processor(fake.Endpoint, "document-intelligence", o => o.Timeout = TimeSpan.FromSeconds(1));
        using var __ = engine;

        var result = await RunAsync(p, Clients.Jpeg);

        Assert.Equal(InputCodes.Timeout, Assert.Single(result.Findings).Rule);
    }

    [Fact]
    public async Task DocumentIntelligenceEngine_TextPdfToo_ButXmlStaysLocal()
    {
        await using var fake = await FakeDocumentIntelligence.StartAsync();
        Succeed(fake);
        var (p, local, engine) = Processor(fake.Endpoint, "document-intelligence");
        using var _ = engine;

        var pdf = await RunAsync(p, Documents.TextPdf());
        var xml = await RunAsync(p, await File.ReadAllBytesAsync(Path.Combine(TestPaths.Samples, "documents", "ubl-invoice-de-us-clean.xml")));

        Assert.Equal("document-intelligence", pdf.Extractor!.Name);
        Assert.Equal(DocumentFormat.PdfText, pdf.Format);
        Assert.Equal("ubl", xml.Format);
        Assert.Single(fake.Analyzes);
        Assert.Equal(0, local.Calls);
    }

    [Fact]
    public async Task CustomModels_TriedWhenTheInvoiceModelFindsNoInvoice()
    {
        await using var fake = await FakeDocumentIntelligence.StartAsync();
        fake.OnPoll = (ctx, _) => FakeDocumentIntelligence.JsonAsync(ctx, 200, ctx.Request.Path.Value!.Contains("/customs-dec-v3/", StringComparison.Ordinal)
            ? """
              {"status":"succeeded","analyzeResult":{"apiVersion":"2024-11-30","modelId":"customs-dec-v3","pages":[{"pageNumber":1,"width":1240,"height":1754,"unit":"pixel"}],
               "documents":[{"docType":"customs-dec-v3:declaration","confidence":0.97,"fields":{
                 "DeclarationNumber":{"type":"string","valueString":"24GB1234567890ABC1","content":"24GB1234567890ABC1","confidence":0.96,
                                      "boundingRegions":[{"pageNumber":1,"polygon":[100,200,400,200,400,230,100,230]}]},
                 "GrossWeightKg":{"type":"number","valueNumber":1250.5,"content":"1,250.5","confidence":0.9},
                 "OriginCountry":{"type":"countryRegion","valueCountryRegion":"CHN","content":"China","confidence":0.9},
                 "lines":{"type":"array","valueArray":[{"type":"object","valueObject":{
                   "hsCode":{"type":"string","valueString":"8501 10 99","content":"8501 10 99","confidence":0.8},
                   "description":{"type":"string","valueString":"Electric motors","content":"Electric motors","confidence":0.9}}}]}}}]}}
              """
            : """{"status":"succeeded","analyzeResult":{"apiVersion":"2024-11-30","modelId":"prebuilt-invoice","pages":[],"documents":[]}}""");
        var (p, _, engine) = Processor(fake.Endpoint, "document-intelligence", o =>
        {
            o.DeclarationModelId = "customs-dec-v3";
            o.PackingListModelId = "packing-v1";
        });
        using var __ = engine;

        var result = await RunAsync(p, Clients.Jpeg);

        Assert.Equal(["/documentintelligence/documentModels/prebuilt-invoice:analyze", "/documentintelligence/documentModels/customs-dec-v3:analyze"],
            fake.Analyzes.Select(a => a.Path));
        Assert.Equal(DocumentType.CustomsDeclaration, result.DocumentType);
        Assert.Equal("2024-11-30/customs-dec-v3", result.Extractor!.Version);
        Assert.Equal("24GB1234567890ABC1", result.Fields.GetText(FieldNames.DeclarationNumber));
        Assert.Equal([100.0, 200.0, 400.0, 230.0], result.Fields[FieldNames.DeclarationNumber].Source!.Box);
        Assert.Equal(1250.5m, result.Fields.GetNumber(FieldNames.GrossWeightKg));
        Assert.Equal("CN", result.Fields.GetText(FieldNames.OriginCountry));
        Assert.Equal("85011099", Assert.Single(result.Lines).GetText(FieldNames.HsCode));
    }

    [Fact]
    public void Local_ReturnsTheLocalChainUnchanged()
    {
        using var engine = new EngineExtractors(new DocumentIntelligenceOptions { Endpoint = new Uri("https://x.cognitiveservices.azure.com"), Key = "k" });
        IReadOnlyList<IDocumentExtractor> chain = CustomsDefaults.Extractors(new PipelineOptions());
        Assert.Same(chain, engine.Compose(chain));
    }

    [Fact]
    public void Auto_WithoutEndpoint_IsLocal()
    {
        using var engine = new EngineExtractors(new DocumentIntelligenceOptions { Engine = "AUTO" });
        IReadOnlyList<IDocumentExtractor> chain = CustomsDefaults.Extractors(new PipelineOptions());
        Assert.Equal("auto", engine.Engine);
        Assert.Same(chain, engine.Compose(chain));
    }

    [Fact]
    public void DocumentIntelligence_WithoutEndpoint_SaysWhatToSet()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => new EngineExtractors(new DocumentIntelligenceOptions { Engine = "document-intelligence" }));
        Assert.Contains("DocumentIntelligence:Endpoint", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownEngine_IsRefused()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => new EngineExtractors(new DocumentIntelligenceOptions { Engine = "cloud" }));
        Assert.Contains("local, document-intelligence, auto", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScanDetector_TextPdfIsNotAScan_BlankPdfAndImagesAre()
    {
        var detector = new TextLayerScanDetector();
        var pdf = new SniffResult(DocumentFormat.Pdf, "application/pdf");
        Assert.False(await detector.IsScanAsync(Documents.TextPdf(), pdf, default));
        Assert.True(await detector.IsScanAsync(Documents.ScanPdf(), pdf, default));
        Assert.True(await detector.IsScanAsync(Clients.Jpeg, new SniffResult(DocumentFormat.Image, "image/jpeg"), default));
        Assert.False(await detector.IsScanAsync("%PDF-1.7 garbage"u8.ToArray(), pdf, default));
        Assert.False(await detector.IsScanAsync("<Invoice/>"u8.ToArray(), new SniffResult(DocumentFormat.Ubl, "application/xml"), default));
    }

    [Fact]
    public async Task ScanDetector_InThePipeline_CountsLettersOnTheWorkersReadout_NotOnTheBytes()
    {
        var detector = new TextLayerScanDetector();
        var limits = PdfReadLimits.From(new OcrOptions());
        PdfReadoutSource Readout(byte[] pdf) => new(ct => Task.FromResult(PdfReadout.Read(pdf, limits, ct)));

        // The bytes say text layer, the readout (what the worker read) says scan: the readout decides, the bytes are not opened.
        Assert.True(await detector.IsScanAsync(Documents.TextPdf(), new SniffResult(DocumentFormat.Pdf, "application/pdf") { Pdf = Readout(Documents.ScanPdf()) }, default));
        Assert.False(await detector.IsScanAsync(Documents.ScanPdf(), new SniffResult(DocumentFormat.Pdf, "application/pdf") { Pdf = Readout(Documents.TextPdf()) }, default));
        // A readout the worker refused is "not a scan": the local chain reports the rejection.
        var refused = new PdfReadoutSource(_ => Task.FromException<PdfReadout>(new DocumentRejectedException(InputCodes.Timeout, "worker timed out")));
        Assert.False(await detector.IsScanAsync(Documents.ScanPdf(), new SniffResult(DocumentFormat.Pdf, "application/pdf") { Pdf = refused }, default));
    }

    [Fact]
    public void Auto_DisposesTheLocalExtractorsItWraps_SoTheOcrWorkersStopWithTheProcessor()
    {
        var ocr = new OcrExtractor(new OcrOptions());
        var disposable = new DisposableStub();
        var auto = new AutoEngineExtractor([new StubLocalExtractor(DocumentFormat.Image), disposable, ocr], cloud: null);

        using (var processor = new DocumentProcessor([auto], RuleEngine.CreateDefault()))
            Assert.False(disposable.Disposed);

        Assert.True(disposable.Disposed);
    }

    private sealed class DisposableStub : IDocumentExtractor, IDisposable
    {
        public bool Disposed { get; private set; }
        public bool CanExtract(SniffResult sniff) => false;
        public Task<ExtractionResult?> ExtractAsync(ReadOnlyMemory<byte> content, SniffResult sniff, CancellationToken cancellationToken) => Task.FromResult<ExtractionResult?>(null);
        public void Dispose() => Disposed = true;
    }
}
