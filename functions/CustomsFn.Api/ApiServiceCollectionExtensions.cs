using Microsoft.Extensions.DependencyInjection;

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
        return services;
    }
}
