using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CustomsFn.Samples.Consumer;

/// <summary>One <c>customsfn.message/v1</c> with the full result it points to (claim check).</summary>
public sealed record ResultNotice(string DocumentId, string SourceName, string Status, JObject Message, JObject Result);

public sealed record ConsumeReport(int Received, int Handled, int Duplicates, int Retried, int Poisoned);

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
/// How a downstream system must read the queue: messages are base64-encoded UTF-8 JSON; the full result is fetched from
/// the blob the message names; a message is deleted only after it was handled; a failed message becomes visible again
/// after the visibility timeout and is retried; one that failed <see cref="ConsumerOptions.MaxDequeueCount"/> times, or
/// cannot be read at all, is moved to a poison queue; <c>documentId</c> is the idempotency key (a message seen twice is
/// handled once).
/// </summary>
public sealed class ResultConsumer
{
    private readonly QueueClient _queue;
    private readonly QueueClient _poison;
    private readonly BlobServiceClient _blobs;
    private readonly ConsumerOptions _options;
    private readonly HashSet<string> _handled = new(StringComparer.Ordinal);

    public ResultConsumer(string connectionString, ConsumerOptions? options = null)
    {
        _options = options ?? new ConsumerOptions();
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        _queue = new QueueClient(connectionString, _options.QueueName, queueOptions);
        _poison = new QueueClient(connectionString, _options.PoisonQueueName, queueOptions);
        _blobs = new BlobServiceClient(connectionString);
    }

    /// <summary>Receives one batch and handles each message; returns what happened.</summary>
    public async Task<ConsumeReport> RunOnceAsync(Func<ResultNotice, CancellationToken, Task> handle, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handle);
        QueueMessage[] batch = (await _queue.ReceiveMessagesAsync(_options.BatchSize, _options.VisibilityTimeout, cancellationToken).ConfigureAwait(false)).Value;
        int handled = 0, duplicates = 0, retried = 0, poisoned = 0;
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
            var documentId = (string?)envelope["documentId"];
            var resultBlob = (string?)envelope["resultBlob"];
            if ((string?)envelope["schema"] != "customsfn.message/v1" || documentId is null || resultBlob is null || !resultBlob.Contains('/', StringComparison.Ordinal))
            {
                await MoveToPoisonAsync(message, cancellationToken).ConfigureAwait(false);
                poisoned++;
                continue;
            }
            if (_handled.Contains(documentId))
            {
                await _queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
                duplicates++;
                continue;
            }
            try
            {
                var slash = resultBlob.IndexOf('/', StringComparison.Ordinal);
                var download = await _blobs.GetBlobContainerClient(resultBlob[..slash]).GetBlobClient(resultBlob[(slash + 1)..])
                    .DownloadContentAsync(cancellationToken).ConfigureAwait(false);
                var result = JObject.Parse(download.Value.Content.ToString());
                await handle(new ResultNotice(documentId, (string?)envelope["sourceName"] ?? "", (string?)envelope["status"] ?? "", envelope, result), cancellationToken).ConfigureAwait(false);
                _handled.Add(documentId);
                await _queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
                handled++;
            }
            catch (Exception ex) when (ex is RequestFailedException or JsonException or HttpRequestException or InvalidOperationException)
            {
                // Not deleted: the message becomes visible again after the visibility timeout and is retried.
                retried++;
            }
        }
        return new ConsumeReport(batch.Length, handled, duplicates, retried, poisoned);
    }

    private async Task MoveToPoisonAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        await _poison.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await _poison.SendMessageAsync(message.Body, cancellationToken: cancellationToken).ConfigureAwait(false);
        await _queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
    }
}
