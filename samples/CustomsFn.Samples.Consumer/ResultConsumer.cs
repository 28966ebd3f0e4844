using Azure;
using Azure.Core;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CustomsFn.Samples.Consumer;

/// <summary>One <c>customsfn.message/v1</c> with the full result it points to (claim check).</summary>
public sealed record ResultNotice(string DocumentId, string SourceName, string Status, JObject Message, JObject Result)
{
    /// <summary>1 for the pipeline's result, 1 + the number of reviews for a review (messages without it count as 1).</summary>
    public int Version => (int?)Message["version"] ?? 1;
    /// <summary>"processed" or "review".</summary>
    public string Reason => (string?)Message["reason"] ?? "processed";
}

/// <summary>One <c>customsfn.shipment-message/v1</c> with the full shipment result it points to (claim check).</summary>
public sealed record ShipmentNotice(string ShipmentId, string Verdict, string Fingerprint, DateTimeOffset UpdatedAt, JObject Message, JObject Shipment);

/// <summary>What the consumer holds now for one document: the latest status it was told, and which message told it.</summary>
public sealed record DocumentState(string Status, int Version, DateTimeOffset ProcessedAt, string Reason);

/// <summary>What the consumer holds now for one shipment: its latest verdict and reconciliation fingerprint.</summary>
public sealed record ShipmentState(string Verdict, string Fingerprint, int DocumentCount, DateTimeOffset UpdatedAt);

/// <param name="Duplicates">Messages that told nothing newer than what the consumer holds (a redelivery, or an older version arriving late).</param>
/// <param name="Shipments">Shipment messages handled (newer than the shipment's state).</param>
public sealed record ConsumeReport(int Received, int Handled, int Duplicates, int Retried, int Poisoned, int Shipments = 0);

public sealed class ConsumerOptions
{
    public string QueueName { get; set; } = "customs-results";
    /// <summary>Where messages go that failed this many times, or can never be read.</summary>
    public string PoisonQueueName { get; set; } = "customs-results-poison";
    public int MaxDequeueCount { get; set; } = 5;
    /// <summary>How long a received message stays invisible to other consumers; after a failure it comes back after this.</summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);
    public int BatchSize { get; set; } = 16;
}

/// <summary>
/// How a downstream system must read the queue: messages are base64-encoded UTF-8 JSON of two kinds, told apart by
/// <c>schema</c>: <c>customsfn.message/v1</c> (a document's status) and <c>customsfn.shipment-message/v1</c> (a shipment's
/// verdict). The full result is fetched from the blob the message names; a message is deleted only after it was
/// handled; a failed one becomes visible again after the visibility timeout and is retried; one that failed
/// <see cref="ConsumerOptions.MaxDequeueCount"/> times, or cannot be read at all, is moved to a poison queue.
/// The consumer keeps the latest state per <c>documentId</c>: the highest <c>version</c>, then the latest
/// <c>processedAt</c>, so a reviewer's later decision supersedes the processing status and a redelivered or late older
/// message changes nothing. Per <c>shipmentId</c> it keeps the latest <c>updatedAt</c> (<c>fingerprint</c> is the
/// idempotency key).
/// </summary>
public sealed class ResultConsumer
{
    public const string MessageSchema = "customsfn.message/v1";
    public const string ShipmentMessageSchema = "customsfn.shipment-message/v1";

    private readonly QueueClient _queue;
    private readonly QueueClient _poison;
    private readonly BlobServiceClient _blobs;
    private readonly ConsumerOptions _options;
    private readonly Dictionary<string, DocumentState> _documents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ShipmentState> _shipments = new(StringComparer.Ordinal);

    /// <summary>With a connection string (Azurite, or an account that allows shared keys).</summary>
    public ResultConsumer(string connectionString, ConsumerOptions? options = null)
    {
        _options = options ?? new ConsumerOptions();
        var queueOptions = QueueOptions();
        _queue = new QueueClient(connectionString, _options.QueueName, queueOptions);
        _poison = new QueueClient(connectionString, _options.PoisonQueueName, queueOptions);
        _blobs = new BlobServiceClient(connectionString);
    }

    /// <summary>
    /// As deployed (shared keys off): the account's queue and blob service URIs and a token credential (e.g.
    /// <c>DefaultAzureCredential</c>); the identity needs Storage Queue Data Message Processor (and Sender, for the
    /// poison queue) and Storage Blob Data Reader.
    /// </summary>
    public ResultConsumer(Uri queueServiceUri, Uri blobServiceUri, TokenCredential credential, ConsumerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(queueServiceUri);
        ArgumentNullException.ThrowIfNull(blobServiceUri);
        _options = options ?? new ConsumerOptions();
        var queues = new QueueServiceClient(queueServiceUri, credential, QueueOptions());
        _queue = queues.GetQueueClient(_options.QueueName);
        _poison = queues.GetQueueClient(_options.PoisonQueueName);
        _blobs = new BlobServiceClient(blobServiceUri, credential);
    }

    private static QueueClientOptions QueueOptions() => new() { MessageEncoding = QueueMessageEncoding.Base64 };

    public Uri QueueUri => _queue.Uri;
    public Uri BlobServiceUri => _blobs.Uri;

    /// <summary>The latest state per document id (what a trade system would keep in its own store).</summary>
    public IReadOnlyDictionary<string, DocumentState> Documents => _documents;

    /// <summary>The latest state per shipment id.</summary>
    public IReadOnlyDictionary<string, ShipmentState> Shipments => _shipments;

    /// <summary>Receives one batch and handles each document message (shipment messages update <see cref="Shipments"/>).</summary>
    public Task<ConsumeReport> RunOnceAsync(Func<ResultNotice, CancellationToken, Task> handle, CancellationToken cancellationToken) =>
        RunOnceAsync(handle, null, cancellationToken);

    /// <summary>Receives one batch and handles each message by its kind; returns what happened.</summary>
    public async Task<ConsumeReport> RunOnceAsync(Func<ResultNotice, CancellationToken, Task> handle,
        Func<ShipmentNotice, CancellationToken, Task>? handleShipment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handle);
        QueueMessage[] batch = (await _queue.ReceiveMessagesAsync(_options.BatchSize, _options.VisibilityTimeout, cancellationToken).ConfigureAwait(false)).Value;
        int handled = 0, duplicates = 0, retried = 0, poisoned = 0, shipments = 0;
        foreach (var message in batch)
        {
            if (message.DequeueCount > _options.MaxDequeueCount)
            {
                await MoveToPoisonAsync(message, cancellationToken).ConfigureAwait(false);
                poisoned++;
                continue;
            }
            JObject envelope;
            try
            {
                envelope = JObject.Parse(message.Body.ToString());
            }
            catch (JsonException)
            {
                await MoveToPoisonAsync(message, cancellationToken).ConfigureAwait(false); // never readable: no point retrying
                poisoned++;
                continue;
            }
            var outcome = (string?)envelope["schema"] switch
            {
                MessageSchema => await HandleDocumentAsync(envelope, handle, cancellationToken).ConfigureAwait(false),
                ShipmentMessageSchema => await HandleShipmentAsync(envelope, handleShipment, cancellationToken).ConfigureAwait(false),
                _ => Outcome.Unreadable,
            };
            switch (outcome)
            {
                case Outcome.Unreadable:
                    await MoveToPoisonAsync(message, cancellationToken).ConfigureAwait(false);
                    poisoned++;
                    break;
                case Outcome.Retry:
                    // Not deleted: the message becomes visible again after the visibility timeout and is retried.
                    retried++;
                    break;
                default:
                    await _queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
                    if (outcome == Outcome.Duplicate) duplicates++;
                    else if (outcome == Outcome.Shipment) shipments++;
                    else handled++;
                    break;
            }
        }
        return new ConsumeReport(batch.Length, handled, duplicates, retried, poisoned, shipments);
    }

    private enum Outcome { Handled, Shipment, Duplicate, Retry, Unreadable }

    private async Task<Outcome> HandleDocumentAsync(JObject envelope, Func<ResultNotice, CancellationToken, Task> handle, CancellationToken cancellationToken)
    {
        var documentId = (string?)envelope["documentId"];
        var status = (string?)envelope["status"];
        var resultBlob = (string?)envelope["resultBlob"];
        if (documentId is null || status is null || !IsBlobPath(resultBlob) || !TryDate(envelope["processedAt"], out var processedAt)) return Outcome.Unreadable;
        var version = envelope["version"]?.Type == JTokenType.Integer ? (int)envelope["version"]! : 1;
        // Newer means a higher version, or the same version told later; anything else was seen already or is superseded.
        if (_documents.TryGetValue(documentId, out var known) && (version, processedAt).CompareTo((known.Version, known.ProcessedAt)) <= 0) return Outcome.Duplicate;
        try
        {
            var result = await DownloadAsync(resultBlob!, cancellationToken).ConfigureAwait(false);
            var notice = new ResultNotice(documentId, (string?)envelope["sourceName"] ?? "", status, envelope, result);
            await handle(notice, cancellationToken).ConfigureAwait(false);
            _documents[documentId] = new DocumentState(status, version, processedAt, notice.Reason);
            return Outcome.Handled;
        }
        catch (Exception ex) when (ex is RequestFailedException or JsonException or HttpRequestException or InvalidOperationException)
        {
            return Outcome.Retry;
        }
    }

    private async Task<Outcome> HandleShipmentAsync(JObject envelope, Func<ShipmentNotice, CancellationToken, Task>? handle, CancellationToken cancellationToken)
    {
        var shipmentId = (string?)envelope["shipmentId"];
        var verdict = (string?)envelope["verdict"];
        var fingerprint = (string?)envelope["fingerprint"];
        var resultBlob = (string?)envelope["resultBlob"];
        if (shipmentId is null || verdict is null || fingerprint is null || !IsBlobPath(resultBlob) || !TryDate(envelope["updatedAt"], out var updatedAt)) return Outcome.Unreadable;
        if (_shipments.TryGetValue(shipmentId, out var known) && (known.Fingerprint == fingerprint || known.UpdatedAt > updatedAt)) return Outcome.Duplicate;
        try
        {
            if (handle is not null)
            {
                // A shipment merged into another is deleted: its message may outlive its blob, which is no failure.
                var shipment = await TryDownloadAsync(resultBlob!, cancellationToken).ConfigureAwait(false) ?? new JObject();
                await handle(new ShipmentNotice(shipmentId, verdict, fingerprint, updatedAt, envelope, shipment), cancellationToken).ConfigureAwait(false);
            }
            _shipments[shipmentId] = new ShipmentState(verdict, fingerprint, (int?)envelope["documentCount"] ?? 0, updatedAt);
            return Outcome.Shipment;
        }
        catch (Exception ex) when (ex is RequestFailedException or JsonException or HttpRequestException or InvalidOperationException)
        {
            return Outcome.Retry;
        }
    }

    private static bool IsBlobPath(string? path) => path is not null && path.IndexOf('/', StringComparison.Ordinal) is > 0 and var i && i < path.Length - 1;

    private static bool TryDate(JToken? token, out DateTimeOffset value)
    {
        value = default;
        if (token is null) return false;
        if (token.Type == JTokenType.Date) { value = token.ToObject<DateTimeOffset>(); return true; }
        return DateTimeOffset.TryParse((string?)token, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out value);
    }

    private async Task<JObject> DownloadAsync(string path, CancellationToken cancellationToken)
    {
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        var download = await _blobs.GetBlobContainerClient(path[..slash]).GetBlobClient(path[(slash + 1)..]).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
        return JObject.Parse(download.Value.Content.ToString());
    }

    private async Task<JObject?> TryDownloadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await DownloadAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    private async Task MoveToPoisonAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        await _poison.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await _poison.SendMessageAsync(message.Body, cancellationToken: cancellationToken).ConfigureAwait(false);
        await _queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
    }
}
