namespace CustomsFn.Core.Shipments;

/// <summary>Called by the pipeline after a document's result is stored: puts the document into its shipment and reconciles it.</summary>
public interface IShipmentTracker
{
    Task TrackAsync(CustomsResult result, DocumentRef document, CancellationToken cancellationToken);
}
