using Microsoft.AspNetCore.Http;

namespace CustomsFn.Api;

/// <summary>
/// Who called, as the platform vouches for it: the principal App Service authentication (Microsoft Entra ID) puts in
/// <c>X-MS-CLIENT-PRINCIPAL</c>, or the local host's development sign-in, which sets the same header. Null when the
/// caller did not sign in (a machine client with the API key) or when nothing vouches for the header.
/// </summary>
public sealed record SignedInUser(string Name, IReadOnlyList<string> Roles, string IdentityProvider)
{
    public static SignedInUser? From(HttpRequest request, ApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        if (!options.TrustClientPrincipal) return null;
        string? header = request.Headers[ClientPrincipal.Header];
        var name = ClientPrincipal.Name(header, request.Headers[ClientPrincipal.NameHeader]);
        if (string.IsNullOrWhiteSpace(name)) return null;
        string? idp = request.Headers[ClientPrincipal.IdpHeader];
        return new SignedInUser(name, ClientPrincipal.Roles(header), string.IsNullOrWhiteSpace(idp) ? "aad" : idp.Trim());
    }

    /// <summary>Whether this principal may record a review: it holds <see cref="ApiOptions.ReviewerRole"/> (or none is required).</summary>
    public bool MayReview(ApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return string.IsNullOrEmpty(options.ReviewerRole) || Roles.Contains(options.ReviewerRole, StringComparer.Ordinal);
    }
}
