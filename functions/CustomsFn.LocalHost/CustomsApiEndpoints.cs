using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CustomsFn.LocalHost;

/// <summary>
/// The extension point for the local host's HTTP surface. The HTTP API and the dashboard are added here (one
/// <c>Map…</c> call per area) so that Program and <see cref="LocalHostApp"/> stay unchanged; today it maps only the
/// health probe that <c>customs serve</c> and the tests wait on.
/// </summary>
public static class CustomsApiEndpoints
{
    public static IEndpointRouteBuilder MapCustomsApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/healthz", () => Results.Text("ok"));
        return endpoints;
    }
}
