using System.Text;
using CustomsFn.Core;
using CustomsFn.Core.Contract;
using CustomsFn.Core.Foundation;
using CustomsFn.Core.Pipeline;
using Moq;

namespace CustomsFn.Tests;

public sealed class CustomsPipelineTests
{
    private readonly Mock<IResultStore> _store = new(MockBehavior.Strict);
    private readonly Mock<IResultPublisher> _publisher = new(MockBehavior.Strict);
    private readonly Mock<IAuditLog> _audit = new(MockBehavior.Strict);
    private readonly List<AuditRecord> _auditRecords = [];
    private readonly List<(ResultMessage Message, bool Review)> _published = [];

    public CustomsPipelineTests()
    {
        _publisher.Setup(p => p.PublishAsync(It.IsAny<ResultMessage>(), It.IsAny<bool>(), It.IsAny<CancellationToken>()))
            .Callback<ResultMessage, bool, CancellationToken>((m, r, _) => _published.Add((m, r))).Returns(Task.CompletedTask);
        _audit.Setup(a => a.AppendAsync(It.IsAny<AuditRecord>(), It.IsAny<CancellationToken>()))
            .Callback<AuditRecord, CancellationToken>((r, _) => _auditRecords.Add(r)).Returns(Task.CompletedTask);
        _store.Setup(s => s.MarkPublishedAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        _store.Setup(s => s.TryClaimPublicationAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync(true);
    }

    private CustomsPipeline Pipeline() => new(CustomsDefaults.CreateProcessor(), _store.Object, _publisher.Object, _audit.Object);

    private static Stream Sample(string name) => File.OpenRead(Path.Combine(TestPaths.Samples, "documents", name));

    [Fact]
    public async Task NewDocument_IsStoredPublishedMarkedAndAudited()
    {
        _store.Setup(s => s.GetAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync((StoredResult?)null);
        _store.Setup(s => s.TryCreateAsync(It.IsAny<CustomsResult>(), It.IsAny<CancellationToken>())).ReturnsAsync(true);

        var outcome = await Pipeline().ProcessAsync(Sample("ubl-invoice-de-us-clean.xml"), new DocumentRef("incoming/a.xml"), CancellationToken.None);

        Assert.Equal(OutcomeKind.Processed, outcome.Kind);
        var (message, review) = Assert.Single(_published);
        Assert.False(review); // accepted results do not go to the human queue
        Assert.Equal(outcome.Result.DocumentId, message.DocumentId);
        Assert.Equal($"results/{outcome.Result.DocumentId}.json", message.ResultBlob);
        _store.Verify(s => s.MarkPublishedAsync(outcome.Result.DocumentId, It.IsAny<CancellationToken>()), Times.Once);
        var audit = Assert.Single(_auditRecords);
        Assert.Equal(AuditKinds.Processed, audit.Kind);
        Assert.Equal(RulesetOf(outcome), audit.Ruleset);
    }

    [Fact]
    public async Task AuditAppendFailingAfterTheSend_IsRetried_SoTheRecordIsNotLost()
    {
        // A redelivery would find the result published and record nothing: the record is written here or never.
        _store.Setup(s => s.GetAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync((StoredResult?)null);
        _store.Setup(s => s.TryCreateAsync(It.IsAny<CustomsResult>(), It.IsAny<CancellationToken>())).ReturnsAsync(true);
        var tries = new List<AuditRecord>();
        _audit.Setup(a => a.AppendAsync(It.IsAny<AuditRecord>(), It.IsAny<CancellationToken>()))
            .Returns<AuditRecord, CancellationToken>((r, _) =>
            {
                tries.Add(r);
                return tries.Count <= 2 ? Task.FromException(new IOException("storage unavailable")) : Task.CompletedTask;
            });

        var outcome = await Pipeline().ProcessAsync(Sample("ubl-invoice-de-us-clean.xml"), new DocumentRef("incoming/a.xml"), CancellationToken.None);

        Assert.Equal(OutcomeKind.Processed, outcome.Kind);
        Assert.Single(_published);
        Assert.Equal(3, tries.Count);
        Assert.Single(tries.Select(r => r.Id).Distinct()); // one record, tried three times: stored once
        Assert.Equal(AuditKinds.Processed, tries[0].Kind);
    }

    [Fact]
    public async Task AuditAppendFailingForGood_FailsTheInvocation_AfterFourGracePeriods()
    {
        _store.Setup(s => s.GetAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync((StoredResult?)null);
        _store.Setup(s => s.TryCreateAsync(It.IsAny<CustomsResult>(), It.IsAny<CancellationToken>())).ReturnsAsync(true);
        var tries = 0;
        _audit.Setup(a => a.AppendAsync(It.IsAny<AuditRecord>(), It.IsAny<CancellationToken>()))
            .Returns(() => { tries++; return Task.FromException(new IOException("storage down")); });
        var pipeline = new CustomsPipeline(CustomsDefaults.CreateProcessor(), _store.Object, _publisher.Object, _audit.Object) { PublishGrace = TimeSpan.FromMilliseconds(100) };

        await Assert.ThrowsAsync<IOException>(() => pipeline.ProcessAsync(Sample("ubl-invoice-de-us-clean.xml"), new DocumentRef("incoming/a.xml"), CancellationToken.None));

        Assert.True(tries >= 2, $"{tries} tries");
        Assert.Single(_published);
    }

    [Fact]
    public async Task RejectedDocument_AlsoGoesToTheReviewQueue()
    {
        _store.Setup(s => s.GetAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync((StoredResult?)null);
        _store.Setup(s => s.TryCreateAsync(It.IsAny<CustomsResult>(), It.IsAny<CancellationToken>())).ReturnsAsync(true);

        var outcome = await Pipeline().ProcessAsync(Sample("ubl-invoice-de-us-defects.xml"), new DocumentRef("incoming/b.xml"), CancellationToken.None);

        Assert.Equal(ResultStatus.Rejected, outcome.Result.Status);
        Assert.True(Assert.Single(_published).Review);
        Assert.Contains("ARITH-002", _auditRecords[0].RuleIds);
    }

    [Fact]
    public async Task SameContentAgain_PublishesNothing_AndAuditsTheDuplicate()
    {
        var first = await CustomsDefaults.CreateProcessor().ProcessAsync(Sample("ubl-invoice-de-us-clean.xml"), new DocumentRef("incoming/a.xml"), CancellationToken.None);
        _store.Setup(s => s.GetAsync(first.DocumentId, It.IsAny<CancellationToken>())).ReturnsAsync(new StoredResult(first, Published: true));

        var outcome = await Pipeline().ProcessAsync(Sample("ubl-invoice-de-us-clean.xml"), new DocumentRef("incoming/copy-of-a.xml"), CancellationToken.None);

        Assert.Equal(OutcomeKind.Duplicate, outcome.Kind);
        Assert.Empty(_published);
        var audit = Assert.Single(_auditRecords);
        Assert.Equal(AuditKinds.Duplicate, audit.Kind);
        Assert.Equal("incoming/copy-of-a.xml", audit.SourceName);
        Assert.Contains("incoming/a.xml", audit.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SameUploadDeliveredAgain_PublishesNothing_AndAuditsNothing()
    {
        var first = await CustomsDefaults.CreateProcessor().ProcessAsync(Sample("ubl-invoice-de-us-clean.xml"), new DocumentRef("incoming/a.xml"), CancellationToken.None);
        _store.Setup(s => s.GetAsync(first.DocumentId, It.IsAny<CancellationToken>())).ReturnsAsync(new StoredResult(first, Published: true));

        var outcome = await Pipeline().ProcessAsync(Sample("ubl-invoice-de-us-clean.xml"), new DocumentRef("incoming/a.xml"), CancellationToken.None);

        Assert.Equal(OutcomeKind.Duplicate, outcome.Kind);
        Assert.Empty(_published);
        Assert.Empty(_auditRecords);
    }

    [Fact]
    public async Task StoredButUnpublished_IsPublishedOnRedelivery()
    {
        var first = await CustomsDefaults.CreateProcessor().ProcessAsync(Sample("ubl-invoice-de-us-clean.xml"), new DocumentRef("incoming/a.xml"), CancellationToken.None);
        _store.Setup(s => s.GetAsync(first.DocumentId, It.IsAny<CancellationToken>())).ReturnsAsync(new StoredResult(first, Published: false));

        var outcome = await Pipeline().ProcessAsync(Sample("ubl-invoice-de-us-clean.xml"), new DocumentRef("incoming/a.xml"), CancellationToken.None);

        Assert.Equal(OutcomeKind.Republished, outcome.Kind);
        Assert.Equal(first.DocumentId, Assert.Single(_published).Message.DocumentId);
    }

    [Fact]
    public async Task LostCreateRace_DoesNotPublishTwice()
    {
        var first = await CustomsDefaults.CreateProcessor().ProcessAsync(new MemoryStream(Encoding.UTF8.GetBytes("x")), new DocumentRef("incoming/x"), CancellationToken.None);
        _store.SetupSequence(s => s.GetAsync(first.DocumentId, It.IsAny<CancellationToken>()))
            .ReturnsAsync((StoredResult?)null)
            .ReturnsAsync(new StoredResult(first, Published: true));
        _store.Setup(s => s.TryCreateAsync(It.IsAny<CustomsResult>(), It.IsAny<CancellationToken>())).ReturnsAsync(false);

        var outcome = await Pipeline().ProcessAsync(new MemoryStream(Encoding.UTF8.GetBytes("x")), new DocumentRef("incoming/x"), CancellationToken.None);

        Assert.Equal(OutcomeKind.Duplicate, outcome.Kind);
        Assert.Empty(_published);
    }

    /// <summary>
    /// The interleaving behind "stored but never published": the create succeeds, the send fails (a 503 that outlasted the
    /// retries), the upload is then deleted or replaced, so no redelivery comes for it. The sweep's pass over unpublished
    /// results sends the message once; a second pass sends nothing.
    /// </summary>
    [Fact]
    public async Task StoredThenPublishFailed_UploadGone_SweepPublishesExactlyOnce()
    {
        CustomsResult? created = null;
        _store.Setup(s => s.GetAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync((StoredResult?)null);
        _store.Setup(s => s.TryCreateAsync(It.IsAny<CustomsResult>(), It.IsAny<CancellationToken>()))
            .Callback<CustomsResult, CancellationToken>((r, _) => created = r).ReturnsAsync(true);
        var sends = 0;
        _publisher.Setup(p => p.PublishAsync(It.IsAny<ResultMessage>(), It.IsAny<bool>(), It.IsAny<CancellationToken>()))
            .Callback<ResultMessage, bool, CancellationToken>((m, r, _) =>
            {
                if (++sends == 1) throw new IOException("503 Server Busy after retries");
                _published.Add((m, r));
            })
            .Returns(Task.CompletedTask);
        var pipeline = Pipeline();

        await Assert.ThrowsAsync<IOException>(() => pipeline.ProcessAsync(Sample("ubl-invoice-de-us-clean.xml"), new DocumentRef("incoming/a.xml"), CancellationToken.None));
        Assert.NotNull(created);
        Assert.Empty(_published);
        _store.Verify(s => s.MarkPublishedAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);

        // The upload is gone; a minute later the sweep lists the result without its published marker.
        var published = false;
        _store.Setup(s => s.GetAsync(created.DocumentId, It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => new StoredResult(created, published) { StoredAt = DateTimeOffset.UtcNow.AddMinutes(-1) });
        _store.Setup(s => s.MarkPublishedAsync(created.DocumentId, It.IsAny<CancellationToken>())).Callback(() => published = true).Returns(Task.CompletedTask);

        var outcome = await pipeline.CompletePublicationAsync(created.DocumentId, CancellationToken.None);
        var again = await pipeline.CompletePublicationAsync(created.DocumentId, CancellationToken.None);

        Assert.Equal(OutcomeKind.Republished, outcome?.Kind);
        Assert.Null(again);
        Assert.Equal(created.DocumentId, Assert.Single(_published).Message.DocumentId);
        _store.Verify(s => s.MarkPublishedAsync(created.DocumentId, It.IsAny<CancellationToken>()), Times.Once);
        Assert.Equal(AuditKinds.Processed, Assert.Single(_auditRecords).Kind);
    }

    [Fact]
    public async Task SweepRepublish_FilesTheResultInTheShipmentItsUploadNamed()
    {
        // The upload named its shipment in metadata; the result keeps that, so the sweep (the upload gone) still files
        // the document there.
        CustomsResult? created = null;
        _store.Setup(s => s.GetAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync((StoredResult?)null);
        _store.Setup(s => s.TryCreateAsync(It.IsAny<CustomsResult>(), It.IsAny<CancellationToken>()))
            .Callback<CustomsResult, CancellationToken>((r, _) => created = r).ReturnsAsync(true);
        _publisher.Setup(p => p.PublishAsync(It.IsAny<ResultMessage>(), It.IsAny<bool>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new IOException("503 Server Busy after retries"));
        var tracked = new List<(string DocumentId, DocumentRef Upload)>();
        var shipments = new Mock<Core.Shipments.IShipmentTracker>();
        shipments.Setup(t => t.TrackAsync(It.IsAny<CustomsResult>(), It.IsAny<DocumentRef>(), It.IsAny<CancellationToken>()))
            .Callback<CustomsResult, DocumentRef, CancellationToken>((r, d, _) => tracked.Add((r.DocumentId, d))).Returns(Task.CompletedTask);
        var pipeline = new CustomsPipeline(CustomsDefaults.CreateProcessor(), _store.Object, _publisher.Object, _audit.Object, shipments: shipments.Object);
        var upload = new DocumentRef("incoming/a.xml", metadata: new Dictionary<string, string> { ["Shipment"] = "PO 4711/2026" });

        await Assert.ThrowsAsync<IOException>(() => pipeline.ProcessAsync(Sample("ubl-invoice-de-us-clean.xml"), upload, CancellationToken.None));
        Assert.Equal("PO-4711-2026", created!.Source.Shipment);
        Schemas.AssertValid(Schemas.Result, ResultSerializer.Serialize(created), "a result with source.shipment");
        Assert.Empty(tracked);

        _publisher.Setup(p => p.PublishAsync(It.IsAny<ResultMessage>(), It.IsAny<bool>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        _store.Setup(s => s.GetAsync(created.DocumentId, It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => new StoredResult(created, false) { StoredAt = DateTimeOffset.UtcNow.AddMinutes(-1) });
        Assert.Equal(OutcomeKind.Republished, (await pipeline.CompletePublicationAsync(created.DocumentId, CancellationToken.None))?.Kind);

        var (id, document) = Assert.Single(tracked);
        Assert.Equal(created.DocumentId, id);
        Assert.Equal("incoming/a.xml", document.Name);
        Assert.Equal(new Core.Shipments.ExplicitShipment("PO-4711-2026", Core.Shipments.GroupingRules.Metadata), Core.Shipments.ShipmentGrouper.Explicit(document));
    }

    [Fact]
    public void AnUploadWithoutShipmentMetadata_HasNoShipmentInItsResult_AndIsFiledByItsPath()
    {
        var source = new SourceInfo("incoming/SHIP-9/invoice.xml", 10, "application/xml");
        Assert.Null(source.Shipment);
        Assert.DoesNotContain("shipment", ResultSerializer.Serialize(source), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(new Core.Shipments.ExplicitShipment("SHIP-9", Core.Shipments.GroupingRules.UploadPath),
            Core.Shipments.ShipmentGrouper.Explicit(Core.Shipments.ShipmentGrouper.UploadOf(ResultFrom(source))));
    }

    private static CustomsResult ResultFrom(SourceInfo source, string documentId = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef") => new()
    {
        DocumentId = documentId, Source = source, Format = "ubl", DocumentType = Core.Model.DocumentType.CommercialInvoice, Status = ResultStatus.Accepted,
        Versions = new VersionInfo("test", []), ProcessedAt = DateTimeOffset.UnixEpoch,
    };

    /// <summary>
    /// A result of an upload through the compliance API without a shipment (stored as incoming/api/{id prefix}/{name}),
    /// published later by the sweep, is filed in no shipment: never in one called "api". A blob an uploader put under
    /// incoming/api/ themselves still names shipment "api" by its path.
    /// </summary>
    [Fact]
    public void AnApiUploadsResult_NamesNoShipmentByItsPath_WhenPublishedLater()
    {
        const string id = "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210";
        var viaApi = ResultFrom(new SourceInfo($"incoming/api/{id[..16]}/invoice.pdf", 10, "application/pdf"), id);
        var byPath = ResultFrom(new SourceInfo("incoming/api/march/invoice.pdf", 10, "application/pdf"), id);
        var viaApiNamed = ResultFrom(new SourceInfo($"incoming/api/{id[..16]}/invoice.pdf", 10, "application/pdf") { Shipment = "PO-1" }, id);

        Assert.Null(Core.Shipments.ShipmentGrouper.Explicit(Core.Shipments.ShipmentGrouper.UploadOf(viaApi)));
        Assert.Equal("api", Core.Shipments.ShipmentGrouper.Explicit(Core.Shipments.ShipmentGrouper.UploadOf(byPath))?.ShipmentId);
        Assert.Equal("PO-1", Core.Shipments.ShipmentGrouper.Explicit(Core.Shipments.ShipmentGrouper.UploadOf(viaApiNamed))?.ShipmentId);
    }

    [Fact]
    public async Task CompletePublication_LeavesAFreshResultToItsWriter()
    {
        var result = await CustomsDefaults.CreateProcessor().ProcessAsync(Sample("ubl-invoice-de-us-clean.xml"), new DocumentRef("incoming/a.xml"), CancellationToken.None);
        _store.Setup(s => s.GetAsync(result.DocumentId, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new StoredResult(result, Published: false) { StoredAt = DateTimeOffset.UtcNow.AddSeconds(-2) });

        Assert.Null(await Pipeline().CompletePublicationAsync(result.DocumentId, CancellationToken.None));
        Assert.Empty(_published);
    }

    /// <summary>
    /// Oversized uploads are not read to their end, so their first limit + 1 bytes alone cannot tell them apart: two that
    /// share them (and an overwrite of one) each get their own rejected result and message; a redelivery gets none.
    /// </summary>
    [Fact]
    public async Task OversizeUploadsSharingTheirFirstBytes_EachGetTheirOwnRejectedResult()
    {
        var pipeline = new CustomsPipeline(CustomsDefaults.CreateProcessor(new PipelineOptions { MaxUploadBytes = 1024 }),
            new Shipments.InMemoryResultStore(), _publisher.Object, _audit.Object);
        var prefix = Enumerable.Repeat((byte)'%', 4096).ToArray();
        Stream Upload(char tail) => new MemoryStream([.. prefix, .. Enumerable.Repeat((byte)tail, 100 + tail)]);

        var a = await pipeline.ProcessAsync(Upload('a'), new DocumentRef("incoming/a.pdf") { Version = "\"0x8DE1\"" }, CancellationToken.None);
        var b = await pipeline.ProcessAsync(Upload('b'), new DocumentRef("incoming/b.pdf") { Version = "\"0x8DE2\"" }, CancellationToken.None);
        var overwritten = await pipeline.ProcessAsync(Upload('c'), new DocumentRef("incoming/a.pdf") { Version = "\"0x8DE3\"" }, CancellationToken.None);
        var redelivered = await pipeline.ProcessAsync(Upload('a'), new DocumentRef("incoming/a.pdf") { Version = "\"0x8DE1\"" }, CancellationToken.None);

        foreach (var o in new[] { a, b, overwritten })
        {
            Assert.Equal(OutcomeKind.Processed, o.Kind);
            Assert.Equal(ResultStatus.Rejected, o.Result.Status);
            Assert.Equal(InputCodes.TooLarge, Assert.Single(o.Result.Findings).Rule);
        }
        Assert.Equal(3, new[] { a, b, overwritten }.Select(o => o.Result.DocumentId).Distinct().Count());
        Assert.Equal(OutcomeKind.Duplicate, redelivered.Kind);
        Assert.Equal(a.Result.DocumentId, redelivered.Result.DocumentId);
        Assert.Equal([a.Result.DocumentId, b.Result.DocumentId, overwritten.Result.DocumentId], _published.Select(p => p.Message.DocumentId));
        // The oversize id is no SHA-256 of any content: it cannot be taken by an upload crafted to collide with it.
        Assert.NotEqual(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData([.. prefix, .. Enumerable.Repeat((byte)'a', 197)])), a.Result.DocumentId);
    }

    /// <summary>
    /// The interleaving that sent a second message: the writer's send failed, and three deliveries (the writer's retry
    /// and two other instances) found the result unpublished past the grace period at the same moment. Only the one that
    /// claims the publication sends; the others wait for its marker and end as duplicates.
    /// </summary>
    [Fact]
    public async Task AbandonedResult_FoundByThreeDeliveriesAtOnce_IsPublishedOnce()
    {
        var result = await CustomsDefaults.CreateProcessor().ProcessAsync(Sample("ubl-invoice-de-us-clean.xml"), new DocumentRef("incoming/a.xml"), CancellationToken.None);
        var store = new ClaimingStore(new StoredResult(result, Published: false) { StoredAt = DateTimeOffset.UtcNow.AddMinutes(-1) });
        var sent = 0;
        var publisher = new Mock<IResultPublisher>();
        publisher.Setup(p => p.PublishAsync(It.IsAny<ResultMessage>(), It.IsAny<bool>(), It.IsAny<CancellationToken>()))
            .Returns(async () => { Interlocked.Increment(ref sent); await Task.Delay(300); });
        var deliveries = Enumerable.Range(0, 3).Select(_ => Task.Run(() =>
            new CustomsPipeline(CustomsDefaults.CreateProcessor(), store, publisher.Object, _audit.Object)
                .ProcessAsync(Sample("ubl-invoice-de-us-clean.xml"), new DocumentRef("incoming/a.xml"), CancellationToken.None)));

        var outcomes = await Task.WhenAll(deliveries);

        Assert.Equal(1, sent);
        Assert.Equal(1, outcomes.Count(o => o.Kind == OutcomeKind.Republished));
        Assert.Equal(2, outcomes.Count(o => o.Kind == OutcomeKind.Duplicate));
        Assert.True(store.Claims >= 3, $"{store.Claims} claims: each delivery past the grace period must have tried");
    }

    /// <summary>One stored result; the publication claim is held by the first instance that asks, until it marks the result published.</summary>
    private sealed class ClaimingStore(StoredResult stored) : IResultStore
    {
        private StoredResult _stored = stored;
        private int _claimed;
        private int _claims;

        public int Claims => _claims;

        public Task<StoredResult?> GetAsync(string documentId, CancellationToken cancellationToken) => Task.FromResult<StoredResult?>(Volatile.Read(ref _stored));

        public Task<bool> TryCreateAsync(CustomsResult result, CancellationToken cancellationToken) => Task.FromResult(false);

        public Task MarkPublishedAsync(string documentId, CancellationToken cancellationToken)
        {
            Volatile.Write(ref _stored, _stored with { Published = true });
            return Task.CompletedTask;
        }

        public Task<bool> TryClaimPublicationAsync(string documentId, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _claims);
            return Task.FromResult(Interlocked.Exchange(ref _claimed, 1) == 0);
        }
    }

    private static string RulesetOf(PipelineOutcome o) => o.Result.Versions.Ruleset;
}
