using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using CustomsFn.Core.Foundation;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace CustomsFn.Functions;

/// <summary>
/// The worker's logs, traces and metrics through OpenTelemetry: the Functions worker's own (invocations, with the host's
/// trace context), the pipeline's <see cref="CustomsTelemetry"/> source and meter, and the storage SDK's calls. Exported
/// to Application Insights when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set (as deployed), authenticating with the
/// app's managed identity (<c>AZURE_CLIENT_ID</c>): the component has local authentication disabled. host.json's
/// <c>telemetryMode: OpenTelemetry</c> makes the host emit the same way.
/// </summary>
public static class WorkerTelemetry
{
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    public static IServiceCollection AddWorkerTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var otel = services.AddOpenTelemetry()
            .UseFunctionsWorkerDefaults()
            .WithTracing(t => t.AddSource(CustomsTelemetry.Name).AddSource("Azure.*"))
            .WithMetrics(m => m.AddMeter(CustomsTelemetry.Name));
        if (configuration[ConnectionStringSetting] is { Length: > 0 } connectionString)
        {
            var clientId = configuration["AZURE_CLIENT_ID"];
            otel.UseAzureMonitorExporter(o =>
            {
                o.ConnectionString = connectionString;
                o.Credential = string.IsNullOrEmpty(clientId)
                    ? new DefaultAzureCredential()
                    : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
            });
        }
        return services;
    }
}
