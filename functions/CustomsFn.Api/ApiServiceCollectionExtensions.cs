using CustomsFn.Core.Contract;
using CustomsFn.Core.Shipments;
using CustomsFn.Infrastructure.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CustomsFn.Api;

public static class ApiServiceCollectionExtensions
{
    /// <summary>The compliance API's handlers (after <c>AddCustomsPipeline</c>, whose stores, queues and audit log they use).</summary>
    public static IServiceCollection AddComplianceApi(this IServiceCollection services)
    {
        services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.SectionName);
        services.AddSingleton<AuditHistory>();
        services.AddSingleton<ResultsApi>();
        services.AddSingleton<SourceApi>();
        services.AddSingleton<ReviewsApi>();
        services.AddSingleton<ExportApi>();
        services.AddSingleton<UploadsApi>();
        services.AddSingleton<ShipmentsApi>();
        services.AddSingleton<IdentityApi>();
        services.TryAddSingleton<IShipmentCatalog>(sp => new BlobShipmentStore(
            sp.GetRequiredService<StorageClients>().Blobs().GetBlobContainerClient(StorageNames.ResultsContainer)));
        return services;
    }
}
