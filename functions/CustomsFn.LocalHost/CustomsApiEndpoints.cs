using CustomsFn.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CustomsFn.LocalHost;

/// <summary>
/// The local host's HTTP surface: the health probe, the compliance API (the same handlers, one class per resource, as
/// the Functions app's HTTP triggers, under the same /api routes) behind the API key from configuration (<c>Api__Key</c>),
/// and the dashboard's static files.
/// </summary>
public static class CustomsApiEndpoints
{
    /// <summary>The API's headers on every response of the local host (the Functions app sets them in its ApiResult).</summary>
    public static IApplicationBuilder UseCustomsApiHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            ApiHeaders.Apply(context.Response);
            return next(context);
        });

    public static IEndpointRouteBuilder MapCustomsApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/healthz", () => Results.Text("ok"));
        endpoints.MapGet("/", () => Results.Redirect(DashboardAssets.Route));
        endpoints.MapGet("/api/dashboard/{**path}", (HttpContext context, string? path) => DashboardAssets.Serve(context, path));

        var api = endpoints.MapGroup("/api").AddEndpointFilter(async (context, next) =>
        {
            var key = context.HttpContext.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value.Key;
            if (!ApiKeyCheck.IsAuthorized(context.HttpContext.Request, key)) return ApiKeyCheck.Unauthorized();
            try
            {
                return await next(context).ConfigureAwait(false);
            }
            catch (Exception ex) when (StorageOutage.Is(ex) && !context.HttpContext.Response.HasStarted)
            {
                return StorageOutage.Problem(context.HttpContext.Response);
            }
        });
        api.MapGet("/results", (HttpRequest request, ResultsApi handlers, CancellationToken ct) => handlers.ListResultsAsync(request, ct));
        api.MapGet("/results/{documentId}", (string documentId, ResultsApi handlers, CancellationToken ct) => handlers.GetResultAsync(documentId, ct));
        api.MapGet("/results/{documentId}/audit", (string documentId, ResultsApi handlers, CancellationToken ct) => handlers.GetHistoryAsync(documentId, ct));
        api.MapGet("/results/{documentId}/source", (HttpContext context, string documentId, SourceApi handlers, CancellationToken ct) =>
            handlers.GetSourceAsync(context, documentId, ct));
        api.MapPost("/results/{documentId}/review", (HttpRequest request, string documentId, ReviewsApi handlers, CancellationToken ct) =>
            handlers.ReviewAsync(request, documentId, ct));
        api.MapGet("/shipments", (HttpRequest request, ShipmentsApi handlers, CancellationToken ct) => handlers.ListShipmentsAsync(request, ct));
        api.MapGet("/shipments/{shipmentId}", (string shipmentId, ShipmentsApi handlers, CancellationToken ct) => handlers.GetShipmentAsync(shipmentId, ct));
        api.MapGet("/me", (HttpRequest request, IdentityApi handlers) => handlers.Me(request));
        api.MapGet("/screen", (HttpRequest request) => ScreenApi.Screen(request));
        api.MapGet("/export.csv", (HttpRequest request, ExportApi handlers) => handlers.ExportCsvAsync(request));
        api.MapPost("/documents", (HttpRequest request, UploadsApi handlers, CancellationToken ct) => handlers.UploadAsync(request, ct));
        return endpoints;
    }
}
