using CustomsFn.Core.Contract;
using CustomsFn.Core.Foundation;
using CustomsFn.Core.Shipments;
using CustomsFn.Infrastructure.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CustomsFn.Infrastructure;

public static class ShipmentServiceCollectionExtensions
{
    /// <summary>Shipment tracking on Azure Storage: results/shipments/{id}.json (ETag concurrency) and messages on customs-results.</summary>
    public static IServiceCollection AddCustomsShipments(this IServiceCollection services)
    {
        services.AddOptions<ShipmentOptions>().BindConfiguration(ShipmentOptions.SectionName);
        services.AddSingleton<IShipmentStore>(sp => new BlobShipmentStore(
            sp.GetRequiredService<StorageClients>().Blobs().GetBlobContainerClient(StorageNames.ResultsContainer)));
        services.AddSingleton<IShipmentPublisher>(sp => new QueueShipmentPublisher(
            sp.GetRequiredService<StorageClients>().Queues().GetQueueClient(StorageNames.ResultsQueue)));
        services.AddSingleton<IShipmentTracker>(sp => new ShipmentTracker(
            sp.GetRequiredService<IResultStore>(), sp.GetRequiredService<IShipmentStore>(), sp.GetRequiredService<IShipmentPublisher>(),
            sp.GetRequiredService<IOptions<ShipmentOptions>>().Value, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<ShipmentTracker>>()));
        return services;
    }
}
