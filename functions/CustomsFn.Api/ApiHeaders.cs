using Microsoft.AspNetCore.Http;

namespace CustomsFn.Api;

/// <summary>Headers every API and dashboard response carries, set by both hosts before the handler runs.</summary>
public static class ApiHeaders
{
    public static void Apply(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        // Browsers must take the declared type: a JSON answer or an uploaded source is never sniffed into HTML or script.
        response.Headers.XContentTypeOptions = "nosniff";
    }
}
