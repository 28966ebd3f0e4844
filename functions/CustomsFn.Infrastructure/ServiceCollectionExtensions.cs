using CustomsFn.Core;
using CustomsFn.Core.Contract;
using CustomsFn.Core.Foundation;
using CustomsFn.Core.Pipeline;
using CustomsFn.Core.Rules;
using CustomsFn.Core.Shipments;
using CustomsFn.Infrastructure.DocumentIntelligence;
using CustomsFn.Infrastructure.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CustomsFn.Infrastructure;

public static class ServiceCollectionExtensions
{
    /// <summary>The pipeline with Azure Storage adapters, for the Functions app and the local host.</summary>
    public static IServiceCollection AddCustomsPipeline(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PipelineOptions>().BindConfiguration(PipelineOptions.SectionName);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ => StorageClients.FromConfiguration(configuration));
        services.AddSingleton(sp => RuleEngine.CreateDefault());
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<PipelineOptions>>().Value;
            var extractors = sp.GetRequiredService<EngineExtractors>().Compose(CustomsDefaults.Extractors(options));
            return new DocumentProcessor(extractors, sp.GetRequiredService<RuleEngine>(), options,
                sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<DocumentProcessor>>());
        });
        services.AddSingleton<IResultStore>(sp => new BlobResultStore(
            sp.GetRequiredService<StorageClients>().Blobs().GetBlobContainerClient(StorageNames.ResultsContainer)));
        services.AddSingleton<IUploadStore>(sp => new BlobUploadStore(
            sp.GetRequiredService<StorageClients>().Blobs().GetBlobContainerClient(StorageNames.IncomingContainer)));
        services.AddSingleton<IResultPublisher>(sp =>
        {
            var queues = sp.GetRequiredService<StorageClients>().Queues();
            return new QueueResultPublisher(queues.GetQueueClient(StorageNames.ResultsQueue), queues.GetQueueClient(StorageNames.ReviewQueue));
        });
        services.AddSingleton(sp => new TableAuditLog(
            sp.GetRequiredService<StorageClients>().Tables().GetTableClient(StorageNames.AuditTable)));
        services.AddSingleton<IAuditLog>(sp => sp.GetRequiredService<TableAuditLog>());
        services.AddSingleton<IAuditQuery>(sp => sp.GetRequiredService<TableAuditLog>());
        services.AddCustomsShipments();
        services.AddSingleton(sp => new CustomsPipeline(sp.GetRequiredService<DocumentProcessor>(), sp.GetRequiredService<IResultStore>(),
            sp.GetRequiredService<IResultPublisher>(), sp.GetRequiredService<IAuditLog>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<CustomsPipeline>>(), sp.GetService<IShipmentTracker>()));
        services.AddSingleton(sp => new ProcessedMarkers(
            sp.GetRequiredService<StorageClients>().Blobs().GetBlobContainerClient(StorageNames.ResultsContainer)));
        services.AddSingleton(sp => new IncomingBlobHandler(sp.GetRequiredService<CustomsPipeline>(), sp.GetRequiredService<ProcessedMarkers>())
        {
            Attempts = new ProcessingAttempts(sp.GetRequiredService<StorageClients>().Blobs().GetBlobContainerClient(StorageNames.ResultsContainer))
            {
                Time = sp.GetRequiredService<TimeProvider>(),
            },
        });
        services.AddSingleton<PoisonBlobHandler>();
        services.AddOptions<ReconciliationOptions>().BindConfiguration(ReconciliationOptions.SectionName);
        services.AddSingleton<ReconciliationSweep>();
        services.AddDocumentIntelligence();
        return services;
    }

    /// <summary>
    /// The extraction engine from section "DocumentIntelligence" (Engine: local | document-intelligence | auto; Endpoint,
    /// Key, ModelId, ...): an <see cref="EngineExtractors"/> that composes the extractor list around the local chain.
    /// </summary>
    public static IServiceCollection AddDocumentIntelligence(this IServiceCollection services)
    {
        services.AddOptions<DocumentIntelligenceOptions>().BindConfiguration(DocumentIntelligenceOptions.SectionName)
            .Validate(o =>
            {
                o.Validate();
                return true;
            })
            .ValidateOnStart();
        services.AddSingleton(sp => new EngineExtractors(sp.GetRequiredService<IOptions<DocumentIntelligenceOptions>>().Value, sp.GetService<ILoggerFactory>()));
        return services;
    }
}
