using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace CustomsFn.Api;

/// <summary>
/// The local host's API key, sent like an Azure function key: header <c>x-functions-key</c> (or <c>X-Api-Key</c>), so one
/// client (the dashboard included) works against both hosts. Compared in constant time.
/// </summary>
public static class ApiKeyCheck
{
    public const string FunctionsKeyHeader = "x-functions-key";
    public const string ApiKeyHeader = "X-Api-Key";

    public static bool IsAuthorized(HttpRequest request, string? expectedKey)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrEmpty(expectedKey)) return false;
        string? presented = request.Headers[FunctionsKeyHeader].FirstOrDefault() ?? request.Headers[ApiKeyHeader].FirstOrDefault();
        if (string.IsNullOrEmpty(presented)) return false;
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expectedKey));
    }

    public static IResult Unauthorized() =>
        ApiResponses.Problem(401, "unauthorized", "Unauthorized", $"Send the API key in the {FunctionsKeyHeader} header.");

    /// <summary>A new random key (32 bytes, base64url).</summary>
    public static string NewKey() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
