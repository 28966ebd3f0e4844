using Azure.Storage.Queues;
using CustomsFn.Core.Contract;
using CustomsFn.Core.Shipments;

namespace CustomsFn.Infrastructure.Storage;

/// <summary>Sends <c>customsfn.shipment-message/v1</c> (compact UTF-8 JSON, base64 in the queue) to customs-results.</summary>
public sealed class QueueShipmentPublisher(QueueClient results) : IShipmentPublisher
{
    public async Task PublishAsync(ShipmentMessage message, CancellationToken cancellationToken)
    {
        var body = ResultSerializer.SerializeToUtf8(message, indented: false);
        await results.SendMessageAsync(BinaryData.FromBytes(body), cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
