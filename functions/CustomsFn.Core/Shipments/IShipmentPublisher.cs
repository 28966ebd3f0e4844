namespace CustomsFn.Core.Shipments;

/// <summary>Publishes <c>customsfn.shipment-message/v1</c> on <c>customs-results</c> when a shipment result changes.</summary>
public interface IShipmentPublisher
{
    Task PublishAsync(ShipmentMessage message, CancellationToken cancellationToken);
}
