using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CustomsFn.Core.Shipments;

/// <summary>
/// Keeps shipment results up to date as documents arrive: finds the document's shipment (metadata, upload path, or
/// reference and party grouping over the pool), reconciles its member documents and replaces
/// <c>results/shipments/{shipmentId}.json</c> with ETag optimistic concurrency, retrying on a conflict with jittered
/// backoff for up to <see cref="ShipmentOptions.ConflictRetryTime"/>. Members' results are write-once, so they are read
/// once and kept (bounded); the reconciler reuses the comparisons whose documents did not change, so an arrival costs
/// its own comparisons, not the whole group's. A message goes out only when the reconciliation changed (its
/// fingerprint), so redeliveries publish nothing new.
/// </summary>
public sealed partial class ShipmentTracker : IShipmentTracker
{

    private readonly IResultStore _results;
    private readonly IShipmentStore _store;
    private readonly IShipmentPublisher _publisher;
    private readonly ShipmentOptions _options;
    private readonly ShipmentGrouper _grouper;
    private readonly ShipmentReconciler _reconciler;
    private readonly ConcurrentDictionary<string, ShipmentDocument> _documents = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Gate> _gates = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public ShipmentTracker(IResultStore results, IShipmentStore store, IShipmentPublisher publisher, ShipmentOptions? options = null,
        TimeProvider? time = null, ILogger<ShipmentTracker>? logger = null)
    {
        _results = results;
        _store = store;
        _publisher = publisher;
        _options = options ?? new ShipmentOptions();
        _grouper = new ShipmentGrouper(_options);
        _reconciler = new ShipmentReconciler(_options.CacheSize, _options.MaxStoredFindings, _options.MaxStoredLineMatches,
            maxStoredParties: _options.MaxStoredParties, maxPartyDocuments: _options.MaxPartyDocuments);
        _time = time ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    public async Task TrackAsync(CustomsResult result, DocumentRef document, CancellationToken cancellationToken)
    {
        var doc = Remember(ShipmentDocument.From(result));
        if (ShipmentGrouper.Explicit(document) is { } named)
        {
            await JoinAsync(named.ShipmentId, doc, named.Rule, cancellationToken).ConfigureAwait(false);
            return;
        }
        if (doc.Unreadable) return; // nothing to group an unreadable document by
        // Without a shipment named by the uploader, only the papers of a consignment are grouped: a credit note or an
        // unclassified document is no part of one (and a burst of them would otherwise pile into one party group).
        if (!ShipmentGrouper.TakesPartInReferenceGrouping(doc.DocumentType)) return;

        var (before, after) = await AddToPoolAsync(doc, cancellationToken).ConfigureAwait(false);
        var previous = _grouper.Group(before).ToDictionary(g => g.ShipmentId, StringComparer.Ordinal);
        var current = _grouper.Group(after);
        // Every group whose members changed is reconciled again (the new document's, and any that a document left);
        // groups that no longer exist (merged into another) are removed, so no stale shipment stays behind.
        foreach (var group in current)
        {
            var changed = group.JoinedBy.ContainsKey(doc.DocumentId)
                || !previous.TryGetValue(group.ShipmentId, out var old)
                || !old.JoinedBy.Keys.Order(StringComparer.Ordinal).SequenceEqual(group.JoinedBy.Keys.Order(StringComparer.Ordinal), StringComparer.Ordinal);
            if (changed)
                await UpdateAsync(group.ShipmentId, [doc], group.JoinedBy, replaceMembers: true, group.Grouping, cancellationToken).ConfigureAwait(false);
        }
        var currentIds = current.Select(g => g.ShipmentId).ToHashSet(StringComparer.Ordinal);
        foreach (var gone in previous.Keys.Where(id => !currentIds.Contains(id)).Order(StringComparer.Ordinal))
        {
            if (await _store.GetAsync(gone, cancellationToken).ConfigureAwait(false) is { } stale
                && await _store.TryDeleteAsync(gone, stale.ETag, cancellationToken).ConfigureAwait(false))
                LogMerged(_logger, gone, doc.DocumentId);
        }
    }

    private async Task<(IReadOnlyList<GroupingKeys> Before, IReadOnlyList<GroupingKeys> After)> AddToPoolAsync(ShipmentDocument doc, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            var stored = await _store.GetPoolAsync(cancellationToken).ConfigureAwait(false);
            var current = stored?.Pool.Documents ?? [];
            if (current.Any(d => d.DocumentId == doc.DocumentId)) return (current.Where(d => d.DocumentId != doc.DocumentId).ToList(), current);
            var now = _time.GetUtcNow();
            var documents = current.Where(d => now - d.AddedAt <= _options.PoolRetention)
                .Append(GroupingKeys.From(doc, now))
                .OrderByDescending(d => d.AddedAt).Take(_options.MaxPoolSize)
                .OrderBy(d => d.DocumentId, StringComparer.Ordinal).ToList();
            var pool = new ShipmentPool { Documents = documents };
            if (await _store.TrySavePoolAsync(pool, stored?.ETag, cancellationToken).ConfigureAwait(false))
                return (documents.Where(d => d.DocumentId != doc.DocumentId).ToList(), documents);
            LogConflict(_logger, "pool", attempt);
            if (!await BackOffAsync(started, attempt, cancellationToken).ConfigureAwait(false))
                throw new InvalidOperationException($"The shipment grouping pool changed {attempt} times in {_options.ConflictRetryTime} while document {doc.DocumentId} was added; the trigger will retry.");
        }
    }

    /// <summary>
    /// Adds a document to a shipment named by the uploader. Arrivals for one shipment in this instance are folded
    /// together: while one update is being made, the others queue, and the next update takes every queued document
    /// at once (one read, one reconciliation, one conditional write), so a burst into one folder makes a few updates
    /// instead of one per document, each colliding with the others. Returns when a stored version includes the
    /// document; other instances are still kept apart by the ETag condition.
    /// </summary>
    private async Task JoinAsync(string shipmentId, ShipmentDocument doc, string rule, CancellationToken cancellationToken)
    {
        if (_gates.Count >= _options.CacheSize) _gates.Clear(); // a gate dropped while in use only means a conflict more
        var gate = _gates.GetOrAdd(shipmentId, _ => new Gate());
        var mine = new Arrival(doc, rule);
        lock (gate.Queue) gate.Queue.Add(mine);
        await gate.Lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            List<Arrival> batch;
            lock (gate.Queue)
            {
                batch = [.. gate.Queue];
                gate.Queue.Clear();
            }
            if (batch.Count > 0)
            {
                try
                {
                    var joinedBy = new Dictionary<string, string>(StringComparer.Ordinal);
                    foreach (var a in batch) joinedBy[a.Document.DocumentId] = a.Rule;
                    await UpdateAsync(shipmentId, batch.Select(a => a.Document).ToList(), joinedBy, replaceMembers: false, null, cancellationToken).ConfigureAwait(false);
                    foreach (var a in batch) a.Done.TrySetResult();
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    // This invocation was cancelled, not the others: their arrivals go back to the queue, and the next of
                    // them to take the gate (each is still waiting for it) makes the update.
                    lock (gate.Queue) gate.Queue.InsertRange(0, batch.Where(a => !ReferenceEquals(a, mine)));
                    mine.Done.TrySetCanceled(cancellationToken);
                }
                catch (Exception ex)
                {
                    foreach (var a in batch) a.Done.TrySetException(ex);
                }
            }
        }
        finally
        {
            gate.Lock.Release();
        }
        await mine.Done.Task.ConfigureAwait(false);
    }

    /// <summary>The arrivals queued for a shipment's next update in this instance (tests wait on it instead of on time).</summary>
    internal int QueuedArrivals(string shipmentId)
    {
        if (!_gates.TryGetValue(shipmentId, out var gate)) return 0;
        lock (gate.Queue) return gate.Queue.Count;
    }

    private sealed class Gate
    {
        public SemaphoreSlim Lock { get; } = new(1, 1);
        public List<Arrival> Queue { get; } = [];
    }

    private sealed record Arrival(ShipmentDocument Document, string Rule)
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Reconciles the shipment with its members and replaces it if the reconciliation changed.</summary>
    private async Task UpdateAsync(string shipmentId, IReadOnlyList<ShipmentDocument> arrivals, IReadOnlyDictionary<string, string> joinedBy,
        bool replaceMembers, ShipmentGrouping? grouping, CancellationToken cancellationToken)
    {
        var triggerId = arrivals[0].DocumentId;
        var arrived = arrivals.ToDictionary(a => a.DocumentId, StringComparer.Ordinal);
        var started = Stopwatch.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            var stored = await _store.GetAsync(shipmentId, cancellationToken).ConfigureAwait(false);
            if (replaceMembers)
            {
                // A group from the pool: its members as the pool has them now, read after the shipment. A document that
                // joined since this arrival read the pool has either written the shipment already (then it is in the pool
                // read here) or writes it after this read (then the ETag refuses this write): none is dropped by a
                // replacement made from an older view of the pool.
                var pool = await _store.GetPoolAsync(cancellationToken).ConfigureAwait(false);
                if (_grouper.Group(pool?.Pool.Documents ?? []).FirstOrDefault(g => g.ShipmentId == shipmentId) is not { } now)
                    return; // merged into another group since: the document that merged it updates that one
                joinedBy = now.JoinedBy;
                grouping = now.Grouping;
            }
            var members = new Dictionary<string, string>(StringComparer.Ordinal);
            if (!replaceMembers)
            {
                foreach (var m in stored?.Result.Documents ?? []) members[m.DocumentId] = m.JoinedBy;
            }
            foreach (var (id, rule) in joinedBy) members[id] = rule;

            var inputs = new List<ShipmentMemberInput>();
            foreach (var (id, rule) in members.OrderBy(m => m.Key, StringComparer.Ordinal))
            {
                if (arrived.TryGetValue(id, out var a)) { inputs.Add(new ShipmentMemberInput(a, rule)); continue; }
                if (await MemberAsync(id, cancellationToken).ConfigureAwait(false) is { } member) inputs.Add(new ShipmentMemberInput(member, rule));
            }
            var effectiveGrouping = grouping ?? ShipmentGrouper.ExplicitGrouping(shipmentId, members.Values);
            var result = _reconciler.Reconcile(shipmentId, effectiveGrouping, inputs, _time.GetUtcNow());
            if (stored is not null && stored.Result.Fingerprint == result.Fingerprint)
            {
                LogUnchanged(_logger, shipmentId, triggerId);
                return;
            }
            if (await _store.TrySaveAsync(result, stored?.ETag, cancellationToken).ConfigureAwait(false))
            {
                await _publisher.PublishAsync(ShipmentMessage.For(result, triggerId), cancellationToken).ConfigureAwait(false);
                LogUpdated(_logger, shipmentId, triggerId, result.Documents.Count, result.Verdict, result.FindingCounts.Error, result.FindingCounts.Warning);
                return;
            }
            LogConflict(_logger, shipmentId, attempt);
            if (!await BackOffAsync(started, attempt, cancellationToken).ConfigureAwait(false))
                throw new InvalidOperationException($"Shipment {shipmentId} changed {attempt} times in {_options.ConflictRetryTime} while document {triggerId} was added; the trigger will retry.");
        }
    }

    /// <summary>
    /// Waits before the next attempt after a conflict: up to 10 ms, doubling to 1 s, with full jitter, so concurrent
    /// arrivals spread out instead of colliding again. False once <see cref="ShipmentOptions.ConflictRetryTime"/> has passed.
    /// </summary>
    private async Task<bool> BackOffAsync(long started, int attempt, CancellationToken cancellationToken)
    {
        if (Stopwatch.GetElapsedTime(started) >= _options.ConflictRetryTime) return false;
        var ceiling = Math.Min(1000.0, 5.0 * Math.Pow(2, Math.Min(attempt, 10)));
        await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling), cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>A member as the reconciliation sees it: from memory, else from its (write-once) stored result.</summary>
    private async Task<ShipmentDocument?> MemberAsync(string documentId, CancellationToken cancellationToken)
    {
        if (_documents.TryGetValue(documentId, out var known)) return known;
        var stored = await _results.GetAsync(documentId, cancellationToken).ConfigureAwait(false);
        return stored is null ? null : Remember(ShipmentDocument.From(stored.Result));
    }

    /// <summary>Keeps the document (the one instance, so the reconciler's content key is computed once); bounded by <see cref="ShipmentOptions.CacheSize"/>.</summary>
    private ShipmentDocument Remember(ShipmentDocument doc)
    {
        if (_documents.TryGetValue(doc.DocumentId, out var known)) return known;
        if (_documents.Count >= _options.CacheSize) _documents.Clear();
        return _documents.GetOrAdd(doc.DocumentId, doc);
    }

    [LoggerMessage(EventId = 303, Level = LogLevel.Information, Message = "Shipment {ShipmentId} merged into another by {DocumentId}; removed")]
    private static partial void LogMerged(ILogger logger, string shipmentId, string documentId);

    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "Shipment {ShipmentId} updated by {DocumentId}: {DocumentCount} documents, verdict {Verdict}, findings {Errors}/{Warnings} (error/warning)")]
    private static partial void LogUpdated(ILogger logger, string shipmentId, string documentId, int documentCount, ShipmentVerdict verdict, int errors, int warnings);

    [LoggerMessage(EventId = 301, Level = LogLevel.Information, Message = "Shipment {ShipmentId} unchanged by {DocumentId}; no message")]
    private static partial void LogUnchanged(ILogger logger, string shipmentId, string documentId);

    [LoggerMessage(EventId = 302, Level = LogLevel.Debug, Message = "Concurrent update of shipment {ShipmentId}; retry {Attempt}")]
    private static partial void LogConflict(ILogger logger, string shipmentId, int attempt);
}
