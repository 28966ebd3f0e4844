using Azure;
using Microsoft.AspNetCore.Http;

namespace CustomsFn.Api;

/// <summary>
/// A storage outage (the results, queues or audit table not answering after the SDK's retries) is a 503 with a
/// Retry-After, never a 500 and never an empty success (an export with only its header row looks like an empty audit).
/// </summary>
public static class StorageOutage
{
    /// <summary>Seconds a client is told to wait before trying again.</summary>
    public const int RetryAfterSeconds = 30;

    /// <summary>Whether the exception is storage not answering (5xx, 408, 429, no response, or the SDK's retries giving up on those).</summary>
    public static bool Is(Exception exception) => exception switch
    {
        RequestFailedException r => r.Status is 0 or 408 or 429 or >= 500,
        AggregateException a => a.InnerExceptions.Count > 0 && a.InnerExceptions.All(Is),
        HttpRequestException or IOException or TimeoutException => true,
        TaskCanceledException t => t.InnerException is TimeoutException,
        _ => false,
    };

    public static IResult Problem(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return ApiResponses.Problem(503, "storage-unavailable", "Storage unavailable",
            "The store of results and audit records did not answer; nothing was read or changed. Try again shortly.");
    }
}
