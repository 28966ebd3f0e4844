using Azure;
using Azure.Storage.Queues;
using CustomsFn.Core.Contract;
using CustomsFn.Core.Foundation;

namespace CustomsFn.Infrastructure.Storage;

/// <summary>Sends <c>customsfn.message/v1</c> (compact UTF-8 JSON, base64 in the queue) to customs-results and, when asked, customs-review.</summary>
public sealed class QueueResultPublisher(QueueClient results, QueueClient review) : IResultPublisher
{
    /// <summary>Storage queue messages are limited to 64 KiB after base64; the contract keeps messages under 48 KiB of JSON.</summary>
    public const int MaxMessageBytes = 48 * 1024;

    public async Task PublishAsync(ResultMessage message, bool toReviewQueue, CancellationToken cancellationToken)
    {
        var body = ResultSerializer.SerializeToUtf8(message, indented: false);
        if (body.Length > MaxMessageBytes)
            throw new InvalidOperationException($"Message for {message.DocumentId} is {body.Length} bytes, over the {MaxMessageBytes} byte limit.");
        var data = BinaryData.FromBytes(body);
        await results.SendMessageAsync(data, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!toReviewQueue) return;
        // customs-results has the message now: failing here would make a retry send it there again, so the review copy
        // is retried (for up to two minutes) until storage takes it.
        var giveUp = DateTimeOffset.UtcNow + ReviewRetryWindow;
        while (true)
        {
            try
            {
                // Not cancellable: a host that stops now must not leave the review copy for a retry that resends both.
                await review.SendMessageAsync(data, cancellationToken: CancellationToken.None).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (ex is RequestFailedException or AggregateException or HttpRequestException && DateTimeOffset.UtcNow < giveUp)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    public static readonly TimeSpan ReviewRetryWindow = TimeSpan.FromMinutes(2);
}
