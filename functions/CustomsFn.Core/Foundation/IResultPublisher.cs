namespace CustomsFn.Core.Foundation;

/// <summary>Publishes <c>customsfn.message/v1</c> messages to <c>customs-results</c> and, when a human must look, <c>customs-review</c>.</summary>
public interface IResultPublisher
{
    Task PublishAsync(ResultMessage message, bool toReviewQueue, CancellationToken cancellationToken);
}
