using System.Collections.Concurrent;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using CustomsFn.Core.Contract;
using CustomsFn.Core.Foundation;

namespace CustomsFn.Infrastructure.Storage;

/// <summary>
/// <c>results/{documentId}.json</c>, written once with a conditional create (If-None-Match: *), so concurrent
/// instances cannot overwrite each other. Publication is recorded as a create-only marker blob
/// (<c>results/_published/{documentId}</c>), which works under a WORM immutability policy where metadata updates do not.
/// </summary>
public sealed class BlobResultStore(BlobContainerClient results) : IResultStore
{
    public const string PublishedPrefix = "_published/";

    /// <summary>
    /// A journal of stored results by hour: <c>_stored/{yyyy-MM-ddTHH}/{documentId}</c>, written (empty) just before the
    /// result. The reconciliation sweep lists only the hours since its checkpoint instead of every result ever stored.
    /// An entry whose result write then failed points at nothing and is skipped.
    /// </summary>
    public const string StoredPrefix = "_stored/";

    /// <summary>The journal's hour partition of a time (UTC).</summary>
    public static string StoredHour(DateTimeOffset time) =>
        StoredPrefix + time.UtcDateTime.ToString("yyyy-MM-dd'T'HH", System.Globalization.CultureInfo.InvariantCulture) + "/";

    /// <summary>Clock of the journal (tests move it).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>
    /// Results whose messages are out, kept in memory: a result is written once under its content hash and its published
    /// marker is never removed, so such an entry cannot go stale. The shipment tracker reads every member's result on
    /// each arrival; without this, a shipment of n documents cost 2n storage reads per upload (the local host benchmark
    /// measured 16 reads and 2 s per upload in a burst of 40 XML documents).
    /// </summary>
    private readonly ConcurrentDictionary<string, StoredResult> _published = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();

    /// <summary>Most published results kept in memory (oldest dropped first).</summary>
    public int CacheCapacity { get; init; } = 4096;

    /// <summary>Blob metadata naming the write that created a result (a random token per attempt, no data).</summary>
    public const string WriterMetadata = "writer";

    public async Task<StoredResult?> GetAsync(string documentId, CancellationToken cancellationToken)
    {
        if (_published.TryGetValue(documentId, out var cached)) return cached;
        try
        {
            var download = await results.GetBlobClient(StorageNames.ResultBlobName(documentId)).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            var result = ResultSerializer.Deserialize<CustomsResult>(download.Value.Content.ToString());
            var published = await BlobExistence.ExistsAsync(results.GetBlobClient(PublishedPrefix + documentId), cancellationToken).ConfigureAwait(false);
            var stored = new StoredResult(result, published) { StoredAt = download.Value.Details.LastModified };
            if (stored.Published) Remember(stored);
            return stored;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    public async Task<byte[]?> GetJsonAsync(string documentId, CancellationToken cancellationToken)
    {
        try
        {
            var download = await results.GetBlobClient(StorageNames.ResultBlobName(documentId)).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return download.Value.Content.ToArray();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    private void Remember(StoredResult stored)
    {
        if (!_published.TryAdd(stored.Result.DocumentId, stored)) return;
        _order.Enqueue(stored.Result.DocumentId);
        while (_published.Count > CacheCapacity && _order.TryDequeue(out var oldest)) _published.TryRemove(oldest, out _);
    }

    public async Task<bool> TryCreateAsync(CustomsResult result, CancellationToken cancellationToken)
    {
        var blob = results.GetBlobClient(StorageNames.ResultBlobName(result.DocumentId));
        // A token for this write: when the create succeeds but its response is lost, the SDK's retry gets 409, and the
        // token tells "my own write" (created: go on and publish) from "another instance's" (not created).
        var writer = Guid.NewGuid().ToString("N");
        await CreateOnceAsync(results.GetBlobClient(StoredHour(Time.GetUtcNow()) + result.DocumentId), cancellationToken).ConfigureAwait(false);
        try
        {
            var created = await blob.UploadAsync(BinaryData.FromBytes(ResultSerializer.SerializeToUtf8(result)), new BlobUploadOptions
            {
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/json; charset=utf-8" },
                Metadata = new Dictionary<string, string> { ["status"] = StatusText(result.Status), ["schema"] = "customsfn.result.v1", [WriterMetadata] = writer },
            }, cancellationToken).ConfigureAwait(false);
            if (_created.Count >= CacheCapacity) _created.Clear(); // publications that never completed: forget them
            _created[result.DocumentId] = new StoredResult(result, Published: false) { StoredAt = created.Value.LastModified };
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409 || ex.ErrorCode == BlobErrorCode.BlobAlreadyExists)
        {
            var properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!properties.Value.Metadata.TryGetValue(WriterMetadata, out var stored) || stored != writer) return false;
            _created[result.DocumentId] = new StoredResult(result, Published: false) { StoredAt = properties.Value.LastModified };
            return true;
        }
    }

    /// <summary>How long a claim to publish an abandoned result holds (a blob lease: 60 s at most) before another instance may take it over.</summary>
    public static readonly TimeSpan ClaimDuration = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The claim is a lease on the result blob, with a new lease id per claim. A retried acquire (its response lost)
    /// proposes the same id and succeeds again; another instance's acquire gets 409 until the lease expires. Leases do
    /// not change the blob, so this also works under an immutability policy.
    /// </summary>
    public async Task<bool> TryClaimPublicationAsync(string documentId, CancellationToken cancellationToken)
    {
        var lease = results.GetBlobClient(StorageNames.ResultBlobName(documentId)).GetBlobLeaseClient(Guid.NewGuid().ToString());
        try
        {
            await lease.AcquireAsync(ClaimDuration, cancellationToken: cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    /// <summary>Results this instance created and has not yet marked published (then they move to the published cache).</summary>
    private readonly ConcurrentDictionary<string, StoredResult> _created = new(StringComparer.Ordinal);

    public async Task MarkPublishedAsync(string documentId, CancellationToken cancellationToken)
    {
        await CreateOnceAsync(results.GetBlobClient(PublishedPrefix + documentId), cancellationToken).ConfigureAwait(false);
        if (_created.TryRemove(documentId, out var created)) Remember(created with { Published = true });
    }

    /// <summary>An empty create-only marker; one that exists already (an earlier delivery wrote it) is left as it is.</summary>
    private static async Task CreateOnceAsync(BlobClient marker, CancellationToken cancellationToken)
    {
        try
        {
            await marker.UploadAsync(BinaryData.FromString(string.Empty),
                new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 409 || ex.ErrorCode == BlobErrorCode.BlobAlreadyExists)
        {
            // Already there.
        }
    }

    /// <summary>
    /// Like <see cref="ListUnpublishedAsync(BlobContainerClient, DateTimeOffset, CancellationToken)"/>, bounded: only results
    /// journaled in the hours from <paramref name="storedFrom"/> on are looked at, each with one request for its published
    /// marker. Memory and time grow with the results stored in that span, not with every result ever stored.
    /// </summary>
    public static async Task<List<string>> ListUnpublishedAsync(BlobContainerClient results, DateTimeOffset storedFrom, DateTimeOffset storedBefore, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(results);
        var unpublished = new List<string>();
        var hour = new DateTimeOffset(storedFrom.UtcDateTime.Date.AddHours(storedFrom.UtcDateTime.Hour), TimeSpan.Zero);
        for (; hour <= storedBefore; hour = hour.AddHours(1))
        {
            var prefix = StoredHour(hour);
            await foreach (var item in results.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken).ConfigureAwait(false))
            {
                var id = item.Name[prefix.Length..];
                if (!DocumentHash.IsDocumentId(id)) continue;
                if (item.Properties.LastModified is { } journaled && (journaled > storedBefore || journaled < storedFrom)) continue;
                if (await BlobExistence.ExistsAsync(results.GetBlobClient(PublishedPrefix + id), cancellationToken).ConfigureAwait(false)) continue;
                // A journal entry whose result write failed points at nothing.
                if (!await BlobExistence.ExistsAsync(results.GetBlobClient(StorageNames.ResultBlobName(id)), cancellationToken).ConfigureAwait(false)) continue;
                unpublished.Add(id);
            }
        }
        return unpublished;
    }

    /// <summary>
    /// Ids of results stored before <paramref name="storedBefore"/> that have no published marker: their messages never
    /// went out (the instance that stored them failed before publishing) and, when their upload is gone or already marked
    /// processed, no redelivery will publish them. Two listings (the markers, then the results); no result is read.
    /// </summary>
    public static async Task<List<string>> ListUnpublishedAsync(BlobContainerClient results, DateTimeOffset storedBefore, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(results);
        var published = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var item in results.GetBlobsAsync(BlobTraits.None, BlobStates.None, PublishedPrefix, cancellationToken).ConfigureAwait(false))
            published.Add(item.Name[PublishedPrefix.Length..]);
        var unpublished = new List<string>();
        // Results are the top-level "{id}.json" blobs; markers and other records live under prefixes ("_published/", ...).
        await foreach (var item in results.GetBlobsByHierarchyAsync(BlobTraits.None, BlobStates.None, delimiter: "/", prefix: null, cancellationToken).ConfigureAwait(false))
        {
            if (!item.IsBlob || !item.Blob.Name.EndsWith(".json", StringComparison.Ordinal)) continue;
            var id = item.Blob.Name[..^".json".Length];
            if (!DocumentHash.IsDocumentId(id) || published.Contains(id)) continue;
            if (item.Blob.Properties.LastModified is { } modified && modified > storedBefore) continue;
            unpublished.Add(id);
        }
        return unpublished;
    }


    internal static string StatusText(ResultStatus status) => status switch
    {
        ResultStatus.Accepted => "accepted",
        ResultStatus.NeedsReview => "needs-review",
        _ => "rejected",
    };
}
