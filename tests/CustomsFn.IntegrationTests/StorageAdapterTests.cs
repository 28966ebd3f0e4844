using System.Text;
using Azure;
using Azure.Storage.Queues;
using CustomsFn.Bench.LocalHost;
using CustomsFn.Core;
using CustomsFn.Core.Contract;
using CustomsFn.Core.Foundation;
using CustomsFn.Core.Pipeline;
using CustomsFn.Infrastructure.Storage;
using CustomsFn.IntegrationTests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Newtonsoft.Json.Linq;

namespace CustomsFn.IntegrationTests;

/// <summary>The Azure adapters against a real Azurite: result store, queue publisher, audit log and query, poison handler, reconciliation sweep.</summary>
public sealed class StorageAdapterTests(AzuriteFixture fixture) : IClassFixture<AzuriteFixture>
{
    private StorageClients Storage => fixture.Azurite.Storage;

    private BlobResultStore Store() => new(Storage.Blobs().GetBlobContainerClient(StorageNames.ResultsContainer));

    private QueueResultPublisher Publisher() => new(Storage.Queues().GetQueueClient(StorageNames.ResultsQueue), Storage.Queues().GetQueueClient(StorageNames.ReviewQueue));

    private TableAuditLog Audit() => new(Storage.Tables().GetTableClient(StorageNames.AuditTable));

    private IncomingBlobHandler Handler() => new(
        new CustomsPipeline(CustomsDefaults.CreateProcessor(), Store(), Publisher(), Audit()),
        new ProcessedMarkers(Storage.Blobs().GetBlobContainerClient(StorageNames.ResultsContainer)));

    private static async Task<CustomsResult> ProcessAsync(string text, string name) =>
        await CustomsDefaults.CreateProcessor().ProcessAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)), new DocumentRef(name), CancellationToken.None);

    [Fact]
    public async Task ResultStore_CreatesOnce_NeverOverwrites_AndRecordsPublication()
    {
        var store = Store();
        var first = await ProcessAsync("result store test " + Guid.NewGuid(), "incoming/a.bin");
        Assert.Null(await store.GetAsync(first.DocumentId, CancellationToken.None));

        Assert.True(await store.TryCreateAsync(first, CancellationToken.None));
        Assert.False(await store.TryCreateAsync(first with { Source = first.Source with { Name = "incoming/other.bin" } }, CancellationToken.None));

        var stored = await store.GetAsync(first.DocumentId, CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Equal("incoming/a.bin", stored.Result.Source.Name); // the second create changed nothing
        Assert.False(stored.Published);
        Assert.NotNull(stored.StoredAt);

        await store.MarkPublishedAsync(first.DocumentId, CancellationToken.None);
        await store.MarkPublishedAsync(first.DocumentId, CancellationToken.None); // idempotent
        Assert.True((await store.GetAsync(first.DocumentId, CancellationToken.None))!.Published);
    }

    [Fact]
    public async Task ResultStore_ServesPublishedResultsFromMemory_ButNeverAnUnpublishedState()
    {
        var results = Storage.Blobs().GetBlobContainerClient(StorageNames.ResultsContainer);
        var writer = Store();
        var reader = Store();
        var result = await ProcessAsync("result cache test " + Guid.NewGuid(), "incoming/c.bin");
        Assert.True(await writer.TryCreateAsync(result, CancellationToken.None));

        // Not yet published: read from storage every time, so the publication is seen as soon as it is recorded.
        Assert.False((await reader.GetAsync(result.DocumentId, CancellationToken.None))!.Published);
        await writer.MarkPublishedAsync(result.DocumentId, CancellationToken.None);
        Assert.True((await reader.GetAsync(result.DocumentId, CancellationToken.None))!.Published);

        // Published (write-once, never unpublished): both the instance that read it and the one that wrote it answer
        // from memory, with no storage read (shown by removing the blobs behind them).
        await results.DeleteBlobAsync(StorageNames.ResultBlobName(result.DocumentId));
        await results.DeleteBlobAsync(BlobResultStore.PublishedPrefix + result.DocumentId);
        foreach (var store in new[] { reader, writer })
        {
            var cached = await store.GetAsync(result.DocumentId, CancellationToken.None);
            Assert.NotNull(cached);
            Assert.True(cached.Published);
            Assert.Equal(result.DocumentId, cached.Result.DocumentId);
        }
        Assert.Null(await Store().GetAsync(result.DocumentId, CancellationToken.None)); // a fresh instance reads storage
    }

    [Fact]
    public async Task Publisher_SendsBase64Utf8Json_ThatMatchesTheSchema_AndCopiesReviewMessages()
    {
        var result = await ProcessAsync("<?xml version=\"1.0\"?><Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\"><ID>x</Invoice><!-- " + Guid.NewGuid() + " -->",
            "incoming/" + new string('n', 2000) + ".xml");
        Assert.Equal(ResultStatus.Rejected, result.Status);
        var message = ResultMessage.For(result);

        await Publisher().PublishAsync(message, toReviewQueue: true, CancellationToken.None);

        // Read raw (no decoding by the SDK) to check the documented encoding: base64 of UTF-8 JSON.
        foreach (var queueName in new[] { StorageNames.ResultsQueue, StorageNames.ReviewQueue })
        {
            var raw = new QueueClient(fixture.Azurite.ConnectionString, queueName);
            var peeked = (await raw.PeekMessagesAsync(32)).Value;
            var mine = peeked.Select(p => Encoding.UTF8.GetString(Convert.FromBase64String(p.Body.ToString())))
                .Single(json => json.Contains(result.DocumentId, StringComparison.Ordinal));
            Schemas.AssertValid(Schemas.Message, mine, "queue message");
            Assert.True(Encoding.UTF8.GetByteCount(mine) < 48 * 1024);
            var parsed = JObject.Parse(mine);
            Assert.Equal($"results/{result.DocumentId}.json", (string?)parsed["resultBlob"]);
            Assert.Equal(1024, ((string)parsed["sourceName"]!).Length); // a 2000-character name is cut to the contract's bound
        }
    }

    [Fact]
    public async Task AuditLog_TheSameRecordAppendedTwice_IsStoredOnce_AndAnotherRecordIsNot()
    {
        // A retry of an append whose first answer was lost must not write a second record, nor fail.
        var audit = Audit();
        var run = Guid.NewGuid().ToString("N")[..8];
        var record = new AuditRecord
        {
            Kind = AuditKinds.Processed,
            DocumentId = run + new string('1', 56),
            SourceName = $"incoming/{run}.xml",
            At = DateTimeOffset.Parse("2031-04-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
            Status = ResultStatus.Accepted,
        };

        await audit.AppendAsync(record, CancellationToken.None);
        await audit.AppendAsync(record, CancellationToken.None);
        await audit.AppendAsync(record with { Id = Guid.NewGuid().ToString("N"), Kind = AuditKinds.Duplicate }, CancellationToken.None);

        var found = new List<AuditRecord>();
        await foreach (var r in audit.QueryAsync(new AuditQuery { From = new DateOnly(2031, 4, 1), To = new DateOnly(2031, 4, 1), DocumentId = record.DocumentId }, CancellationToken.None))
            found.Add(r);
        Assert.Equal(2, found.Count);
        Assert.Equal(record.Id, Assert.Single(found, r => r.Kind == AuditKinds.Processed).Id);
        Assert.Single(found, r => r.Kind == AuditKinds.Duplicate);
    }

    [Fact]
    public async Task AuditLog_IsQueriedByDateRange_Status_Seller_AndHsCode()
    {
        var audit = Audit();
        var run = Guid.NewGuid().ToString("N")[..8];
        AuditRecord Record(string day, ResultStatus status, string seller, params string[] hs) => new()
        {
            Kind = AuditKinds.Processed,
            DocumentId = run + new string('0', 56),
            SourceName = $"incoming/{run}-{day}.xml",
            At = DateTimeOffset.Parse(day + "T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
            Status = status,
            FindingCounts = new FindingCounts(status == ResultStatus.Rejected ? 1 : 0, 0, 0),
            Ruleset = "customsfn-rules/test",
            SellerKey = AuditKeys.SellerKey(seller + " " + run),
            HsCodes = hs,
        };
        await audit.AppendAsync(Record("2031-03-01", ResultStatus.Accepted, "Rheinwerk Hydraulik GmbH", "848340", "847130"), CancellationToken.None);
        await audit.AppendAsync(Record("2031-03-02", ResultStatus.Rejected, "Rheinwerk Hydraulik GmbH", "732690"), CancellationToken.None);
        await audit.AppendAsync(Record("2031-03-05", ResultStatus.NeedsReview, "Shenzhen Bright Lighting Co., Ltd.", "940540"), CancellationToken.None);

        async Task<List<AuditRecord>> Query(AuditQuery q)
        {
            var list = new List<AuditRecord>();
            await foreach (var r in audit.QueryAsync(q, CancellationToken.None)) if (r.SourceName.Contains(run, StringComparison.Ordinal)) list.Add(r);
            return list;
        }
        var march = new AuditQuery { From = new DateOnly(2031, 3, 1), To = new DateOnly(2031, 3, 31) };

        Assert.Equal(3, (await Query(march)).Count);
        Assert.Equal(2, (await Query(march with { To = new DateOnly(2031, 3, 2) })).Count);
        Assert.Empty(await Query(march with { From = new DateOnly(2031, 4, 1), To = new DateOnly(2031, 4, 30) }));
        Assert.Equal("2031-03-02", (await Query(march with { Status = ResultStatus.Rejected })).Single().At.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        // Seller: normalized and matched as a prefix ("RHEINWERK hydraulik" finds "Rheinwerk Hydraulik GmbH").
        Assert.Equal(2, (await Query(march with { Seller = "RHEINWERK  hydraulik" })).Count);
        Assert.Single(await Query(march with { Seller = "shenzhen bright" }));
        // HS code: exact subheading or any prefix (heading, chapter).
        var byHs = await Query(march with { HsCode = "847130" });
        Assert.Equal(["848340", "847130"], byHs.Single().HsCodes);
        Assert.Equal("2031-03-01", (await Query(march with { HsCode = "84" })).Single().At.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("2031-03-02", (await Query(march with { HsCode = "7326" })).Single().At.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Empty(await Query(march with { HsCode = "0101" }));
        // Filters combine.
        Assert.Empty(await Query(march with { Seller = "shenzhen", Status = ResultStatus.Accepted }));
    }

    [Fact]
    public async Task PoisonMessage_GivesARejectedUnprocessableResult_OnBothQueues_Once()
    {
        var name = $"poison-{Guid.NewGuid():N}.xml";
        await Storage.Blobs().GetBlobContainerClient(StorageNames.IncomingContainer).UploadBlobAsync(name, BinaryData.FromString("<poison>" + name + "</poison>"));
        var handler = new PoisonBlobHandler(Storage, Handler(), NullLogger<PoisonBlobHandler>.Instance);
        var message = $$"""{"Type":"BlobTrigger","FunctionId":"Host.Functions.ProcessIncomingBlob","BlobType":"BlockBlob","ContainerName":"incoming","BlobName":"{{name}}","ETag":"\"0x1\""}""";

        var outcome = await handler.HandleAsync(message, CancellationToken.None);
        var again = await handler.HandleAsync(message, CancellationToken.None);

        Assert.NotNull(outcome);
        Assert.Null(again); // redelivered poison message: already handled, nothing new
        Assert.Equal(ResultStatus.Rejected, outcome.Result.Status);
        Assert.Equal(InputCodes.Unprocessable, Assert.Single(outcome.Result.Findings).Rule);
        var stored = await Store().GetAsync(outcome.Result.DocumentId, CancellationToken.None);
        Assert.True(stored!.Published);
        Schemas.AssertValid(Schemas.Result, ResultSerializer.Serialize(stored.Result), "poison result");
        foreach (var queue in new[] { StorageNames.ResultsQueue, StorageNames.ReviewQueue })
        {
            var peeked = (await Storage.Queues().GetQueueClient(queue).PeekMessagesAsync(32)).Value;
            Assert.Single(peeked, m => m.Body.ToString().Contains(outcome.Result.DocumentId, StringComparison.Ordinal));
        }
        var audit = new List<AuditRecord>();
        await foreach (var r in Audit().QueryAsync(new AuditQuery { From = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-1)), To = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(1)), DocumentId = outcome.Result.DocumentId }, CancellationToken.None))
            audit.Add(r);
        Assert.Equal(AuditKinds.Poison, Assert.Single(audit).Kind);

        Assert.Null(await handler.HandleAsync("not json", CancellationToken.None));
        Assert.Null(await handler.HandleAsync("""{"ContainerName":"incoming","BlobName":"does-not-exist.xml"}""", CancellationToken.None));
    }

    [Fact]
    public async Task ReconciliationSweep_ProcessesUploadsWithoutOutcome_ThenFindsNothingWithoutReadingUploads()
    {
        var incoming = Storage.Blobs().GetBlobContainerClient(StorageNames.IncomingContainer);
        var variants = new DocumentVariants(TestPaths.SampleDocuments).Mixed(7, "sweep-" + Guid.NewGuid().ToString("N")[..6]);
        foreach (var d in variants) await incoming.UploadBlobAsync(d.Name, BinaryData.FromBytes(d.Bytes));
        var sweep = new ReconciliationSweep(Storage, new ProcessedMarkers(Storage.Blobs().GetBlobContainerClient(StorageNames.ResultsContainer)), Handler(),
            Options.Create(new ReconciliationOptions { MinAge = TimeSpan.Zero }), TimeProvider.System, NullLogger<ReconciliationSweep>.Instance);

        var first = await sweep.RunAsync(CancellationToken.None);
        var second = await sweep.RunAsync(CancellationToken.None);

        Assert.True(first.Processed >= variants.Count, $"first sweep processed {first.Processed}");
        Assert.Equal(0, first.Failed);
        Assert.Equal(0, second.Missing);
        foreach (var d in variants)
        {
            var id = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(d.Bytes));
            Assert.True((await Store().GetAsync(id, CancellationToken.None))?.Published, $"{d.Name} has no published result");
        }

        // An upload that is too young is left to the trigger.
        await incoming.UploadBlobAsync("young-" + Guid.NewGuid().ToString("N") + ".xml", BinaryData.FromString("<young/>"));
        var patient = new ReconciliationSweep(Storage, new ProcessedMarkers(Storage.Blobs().GetBlobContainerClient(StorageNames.ResultsContainer)), Handler(),
            Options.Create(new ReconciliationOptions { MinAge = TimeSpan.FromMinutes(5) }), TimeProvider.System, NullLogger<ReconciliationSweep>.Instance);
        Assert.Equal(0, (await patient.RunAsync(CancellationToken.None)).Missing);
    }

    /// <summary>
    /// A result stored whose send failed (a 503 that outlasted the retries), its upload deleted before any redelivery: no
    /// trigger will come for it again. The sweep publishes it, once; the next sweep sends nothing more.
    /// </summary>
    [Fact]
    public async Task ReconciliationSweep_PublishesAStoredResultWhoseSendFailed_OnceEvenWithTheUploadGone()
    {
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var results = Storage.Queues().GetQueueClient("sweep-results-" + suffix);
        var review = Storage.Queues().GetQueueClient("sweep-review-" + suffix);
        await results.CreateAsync();
        await review.CreateAsync();
        var incoming = Storage.Blobs().GetBlobContainerClient(StorageNames.IncomingContainer);
        var name = $"unpublished-{suffix}.xml";
        var bytes = Encoding.UTF8.GetBytes($"<unpublished id='{suffix}'/>");
        await incoming.UploadBlobAsync(name, BinaryData.FromBytes(bytes));
        var id = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));

        var failing = new IncomingBlobHandler(new CustomsPipeline(CustomsDefaults.CreateProcessor(), Store(), new FailingPublisher(), Audit()),
            new ProcessedMarkers(Storage.Blobs().GetBlobContainerClient(StorageNames.ResultsContainer)));
        await Assert.ThrowsAsync<RequestFailedException>(() => failing.HandleAsync(incoming.GetBlobClient(name), CancellationToken.None));
        await incoming.DeleteBlobAsync(name);
        Assert.False((await Store().GetAsync(id, CancellationToken.None))!.Published);

        var handler = new IncomingBlobHandler(new CustomsPipeline(CustomsDefaults.CreateProcessor(), Store(), new QueueResultPublisher(results, review), Audit())
            {
                PublishGrace = TimeSpan.Zero,
            },
            new ProcessedMarkers(Storage.Blobs().GetBlobContainerClient(StorageNames.ResultsContainer)));
        ReconciliationSweep Sweep() => new(Storage, new ProcessedMarkers(Storage.Blobs().GetBlobContainerClient(StorageNames.ResultsContainer)), handler,
            Options.Create(new ReconciliationOptions { MinAge = TimeSpan.Zero }), TimeProvider.System, NullLogger<ReconciliationSweep>.Instance);

        var first = await Sweep().RunAsync(CancellationToken.None);
        var second = await Sweep().RunAsync(CancellationToken.None);

        Assert.True(first.Republished >= 1, $"first sweep republished {first.Republished}");
        Assert.Equal(0, first.Failed);
        Assert.Equal(0, second.Republished);
        Assert.True((await Store().GetAsync(id, CancellationToken.None))!.Published);
        var messages = (await results.ReceiveMessagesAsync(32)).Value.Select(m => (string)JObject.Parse(m.Body.ToString())["documentId"]!).ToList();
        Assert.Equal(1, messages.Count(m => m == id));
        // The document was rejected (not a known format), so its copy is on the review queue, once too.
        var reviewed = (await review.ReceiveMessagesAsync(32)).Value.Select(m => (string)JObject.Parse(m.Body.ToString())["documentId"]!).ToList();
        Assert.Equal(1, reviewed.Count(m => m == id));
    }

    /// <summary>
    /// After a complete sweep the next ones are bounded by its checkpoint: they find a new upload without outcome and a
    /// journaled result whose send failed, but do not look at uploads or results older than the checkpoint minus the
    /// window (a sweep run three hours "later" ignores an unprocessed upload from now: an earlier complete sweep saw it).
    /// </summary>
    [Fact]
    public async Task ReconciliationSweep_AfterACheckpoint_LooksOnlyAtWhatChangedSince()
    {
        var results = Storage.Blobs().GetBlobContainerClient(StorageNames.ResultsContainer);
        var incoming = Storage.Blobs().GetBlobContainerClient(StorageNames.IncomingContainer);
        var suffix = Guid.NewGuid().ToString("N")[..10];
        ReconciliationSweep Sweep(TimeProvider time, IncomingBlobHandler handler) => new(Storage, new ProcessedMarkers(results), handler,
            Options.Create(new ReconciliationOptions { MinAge = TimeSpan.Zero, Window = TimeSpan.FromMinutes(30) }), time, NullLogger<ReconciliationSweep>.Instance);
        await new SweepCheckpoint(results).SetAsync(DateTimeOffset.UtcNow.AddMinutes(-10), CancellationToken.None);

        // An upload never triggered, and a result stored whose send failed (upload deleted): both since the checkpoint.
        var missed = $"missed-{suffix}.xml";
        await incoming.UploadBlobAsync(missed, BinaryData.FromString($"<missed id='{suffix}'/>"));
        var lost = Encoding.UTF8.GetBytes($"<lost id='{suffix}'/>");
        await incoming.UploadBlobAsync($"lost-{suffix}.xml", BinaryData.FromBytes(lost));
        var failing = new IncomingBlobHandler(new CustomsPipeline(CustomsDefaults.CreateProcessor(), Store(), new FailingPublisher(), Audit()), new ProcessedMarkers(results));
        await Assert.ThrowsAsync<RequestFailedException>(() => failing.HandleAsync(incoming.GetBlobClient($"lost-{suffix}.xml"), CancellationToken.None));
        await incoming.DeleteBlobAsync($"lost-{suffix}.xml");
        var lostId = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(lost));

        // Three hours on, with a checkpoint two and a half hours on: both are older than checkpoint minus window.
        var later = new ShiftedTime(TimeSpan.FromHours(3));
        await new SweepCheckpoint(results).SetAsync(DateTimeOffset.UtcNow.AddHours(2.5), CancellationToken.None);
        var skipped = await Sweep(later, Handler()).RunAsync(CancellationToken.None);
        Assert.True(skipped.Bounded);
        Assert.Equal(0, skipped.Missing);
        Assert.Equal(0, skipped.Republished);
        Assert.False((await Store().GetAsync(lostId, CancellationToken.None))!.Published);

        // Now, with the checkpoint ten minutes back: both are found, and the checkpoint moves on.
        await new SweepCheckpoint(results).SetAsync(DateTimeOffset.UtcNow.AddMinutes(-10), CancellationToken.None);
        var handler = new IncomingBlobHandler(new CustomsPipeline(CustomsDefaults.CreateProcessor(), Store(), Publisher(), Audit()) { PublishGrace = TimeSpan.Zero },
            new ProcessedMarkers(results));
        var report = await Sweep(TimeProvider.System, handler).RunAsync(CancellationToken.None);

        Assert.True(report.Bounded);
        Assert.True(report.Processed >= 1, $"processed {report.Processed}");
        Assert.True(report.Republished >= 1, $"republished {report.Republished}");
        Assert.True(report.Checkpointed);
        Assert.True((await Store().GetAsync(lostId, CancellationToken.None))!.Published);
        Assert.True(await new SweepCheckpoint(results).GetAsync(CancellationToken.None) > DateTimeOffset.UtcNow.AddMinutes(-1));
    }

    private async Task<(Azure.Storage.Blobs.BlobClient Blob, ETag ETag, string Id)> UploadAsync(string prefix)
    {
        var incoming = Storage.Blobs().GetBlobContainerClient(StorageNames.IncomingContainer);
        var name = $"{prefix}-{Guid.NewGuid():N}.xml";
        var bytes = Encoding.UTF8.GetBytes($"<{prefix} id='{Guid.NewGuid():N}'/>");
        var info = await incoming.UploadBlobAsync(name, BinaryData.FromBytes(bytes));
        return (incoming.GetBlobClient(name), info.Value.ETag, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)));
    }

    private ProcessingAttempts Attempts(TimeSpan? shift = null) =>
        new(Storage.Blobs().GetBlobContainerClient(StorageNames.ResultsContainer)) { Time = new ShiftedTime(shift ?? TimeSpan.Zero) };

    private IncomingBlobHandler HandlerWithAttempts(IResultPublisher? publisher = null) => new(
        new CustomsPipeline(CustomsDefaults.CreateProcessor(), Store(), publisher ?? Publisher(), Audit()),
        new ProcessedMarkers(Storage.Blobs().GetBlobContainerClient(StorageNames.ResultsContainer))) { Attempts = Attempts() };

    /// <summary>
    /// An upload whose processing ended the process twice (two attempts started ten minutes ago, never finished, never
    /// failed) is not tried a third time: it gets a rejected INPUT-UNPROCESSABLE result saying so, its messages and its
    /// processed marker.
    /// </summary>
    [Fact]
    public async Task Attempts_TwoAbandoned_GiveARejectedResultAtOnce_InsteadOfAThirdTry()
    {
        var (blob, etag, id) = await UploadAsync("killer");
        var crashed = Attempts(TimeSpan.FromMinutes(-10));
        await crashed.BeginAsync(blob.Name, etag, CancellationToken.None);
        await crashed.BeginAsync(blob.Name, etag, CancellationToken.None);

        var outcome = await HandlerWithAttempts().HandleAsync(blob, CancellationToken.None);

        Assert.NotNull(outcome);
        Assert.Equal(ResultStatus.Rejected, outcome.Result.Status);
        var finding = Assert.Single(outcome.Result.Findings);
        Assert.Equal(InputCodes.Unprocessable, finding.Rule);
        Assert.Equal(IncomingBlobHandler.AbandonedReason, finding.Message);
        Assert.Equal(id, outcome.Result.DocumentId);
        Assert.True((await Store().GetAsync(id, CancellationToken.None))!.Published);
        Assert.True(await new ProcessedMarkers(Storage.Blobs().GetBlobContainerClient(StorageNames.ResultsContainer)).ExistsAsync(blob.Name, etag, CancellationToken.None));
    }

    [Fact]
    public async Task Attempts_OneAbandoned_IsTriedAgain()
    {
        var (blob, etag, _) = await UploadAsync("once");
        await Attempts(TimeSpan.FromMinutes(-10)).BeginAsync(blob.Name, etag, CancellationToken.None);
        Assert.Equal(1, await Attempts().CountAbandonedAsync(blob.Name, etag, CancellationToken.None));

        var outcome = await HandlerWithAttempts().HandleAsync(blob, CancellationToken.None);

        Assert.NotNull(outcome);
        Assert.DoesNotContain(outcome.Result.Findings, f => f.Message == IncomingBlobHandler.AbandonedReason);
        Assert.True(await new ProcessedMarkers(Storage.Blobs().GetBlobContainerClient(StorageNames.ResultsContainer)).ExistsAsync(blob.Name, etag, CancellationToken.None));
    }

    /// <summary>Attempts that failed with an exception (a storage outage: the trigger retries) and fresh ones still running elsewhere are not abandoned.</summary>
    [Fact]
    public async Task Attempts_ThatFailedOrAreStillRunning_AreNotTakenForAbandoned()
    {
        var (blob, etag, _) = await UploadAsync("transient");
        var failing = HandlerWithAttempts(new FailingPublisher());
        await Assert.ThrowsAsync<RequestFailedException>(() => failing.HandleAsync(blob, CancellationToken.None));
        await Assert.ThrowsAsync<RequestFailedException>(() => HandlerWithAttempts(new FailingPublisher()).HandleAsync(blob, CancellationToken.None));
        // A concurrent delivery that started a minute ago and is still working.
        await Attempts(TimeSpan.FromMinutes(-1)).BeginAsync(blob.Name, etag, CancellationToken.None);
        // Seen from ten minutes on, the two failed attempts are still not abandoned; the running one would be.
        Assert.Equal(1, await Attempts(TimeSpan.FromMinutes(10)).CountAbandonedAsync(blob.Name, etag, CancellationToken.None));
        Assert.Equal(0, await Attempts().CountAbandonedAsync(blob.Name, etag, CancellationToken.None));

        var outcome = await HandlerWithAttempts().HandleAsync(blob, CancellationToken.None);

        Assert.NotNull(outcome);
        Assert.DoesNotContain(outcome.Result.Findings, f => f.Message == IncomingBlobHandler.AbandonedReason);
    }

    private sealed class ShiftedTime(TimeSpan by) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + by;
    }

    /// <summary>A send that fails as a 503 outlasting the SDK's retries does.</summary>
    private sealed class FailingPublisher : IResultPublisher
    {
        public Task PublishAsync(ResultMessage message, bool toReviewQueue, CancellationToken cancellationToken) =>
            throw new RequestFailedException(503, "Service Unavailable (after retries)", "ServerBusy", null);
    }

    /// <summary>
    /// Two oversized uploads that share their first limit + 1 bytes (the part that is read) each get their own rejected
    /// INPUT-TOO-LARGE result and message: their ids come from the blob's name, ETag and length, not from those bytes alone.
    /// </summary>
    [Fact]
    public async Task OversizeUploadsSharingAPrefix_EachGetTheirOwnResultAndMessage()
    {
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var results = Storage.Queues().GetQueueClient("oversize-results-" + suffix);
        var review = Storage.Queues().GetQueueClient("oversize-review-" + suffix);
        await results.CreateAsync();
        await review.CreateAsync();
        var handler = new IncomingBlobHandler(
            new CustomsPipeline(CustomsDefaults.CreateProcessor(new PipelineOptions { MaxUploadBytes = 4096 }), Store(), new QueueResultPublisher(results, review), Audit()),
            new ProcessedMarkers(Storage.Blobs().GetBlobContainerClient(StorageNames.ResultsContainer)));
        var incoming = Storage.Blobs().GetBlobContainerClient(StorageNames.IncomingContainer);
        var prefix = Encoding.ASCII.GetBytes("%PDF-1.7\n" + new string('%', 8192));
        var names = new[] { $"big-a-{suffix}.pdf", $"big-b-{suffix}.pdf" };
        for (var i = 0; i < names.Length; i++)
            await incoming.UploadBlobAsync(names[i], BinaryData.FromBytes([.. prefix, .. Encoding.ASCII.GetBytes($"tail {i} of a long document")]));

        var outcomes = new List<PipelineOutcome>();
        foreach (var name in names)
        {
            outcomes.Add((await handler.HandleAsync(incoming.GetBlobClient(name), CancellationToken.None))!);
            // The trigger delivers again: nothing new.
            Assert.Null(await handler.HandleAsync(incoming.GetBlobClient(name), CancellationToken.None));
        }

        Assert.All(outcomes, o => Assert.Equal(InputCodes.TooLarge, Assert.Single(o.Result.Findings).Rule));
        Assert.All(outcomes, o => Assert.Equal(OutcomeKind.Processed, o.Kind));
        var ids = outcomes.Select(o => o.Result.DocumentId).ToList();
        Assert.Equal(2, ids.Distinct().Count());
        foreach (var id in ids) Assert.True((await Store().GetAsync(id, CancellationToken.None))!.Published);
        var messages = (await results.ReceiveMessagesAsync(32)).Value.Select(m => (string)JObject.Parse(m.Body.ToString())["documentId"]!).Order().ToList();
        Assert.Equal(ids.Order(), messages);
    }
}
