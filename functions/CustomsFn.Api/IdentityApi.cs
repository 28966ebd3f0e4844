using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using static CustomsFn.Api.ApiResponses;

namespace CustomsFn.Api;

/// <summary>
/// <c>GET /api/me</c>: who the dashboard is talking for (the signed-in principal, its roles and whether it may review)
/// and where to sign in or out: App Service authentication's <c>/.auth/login/aad</c> in Azure, the development sign-in
/// <c>/.auth/login/dev</c> on the local host when enabled.
/// </summary>
public sealed class IdentityApi(IOptions<ApiOptions> options)
{
    public const string DashboardPath = "/api/dashboard/";

    public IResult Me(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var o = options.Value;
        var user = SignedInUser.From(request, o);
        var provider = o.DevelopmentSignIn ? "dev" : o.TrustClientPrincipal ? "aad" : null;
        return Json(new Identity
        {
            SignedIn = user is not null,
            Name = user?.Name,
            Roles = user?.Roles ?? [],
            IdentityProvider = user?.IdentityProvider,
            ReviewerRole = string.IsNullOrEmpty(o.ReviewerRole) ? null : o.ReviewerRole,
            // Without a principal the caller holds the API key only: it names the reviewer itself (machine clients).
            CanReview = user?.MayReview(o) ?? true,
            SignInUrl = provider is null ? null : $"/.auth/login/{provider}?post_login_redirect_uri={Uri.EscapeDataString(DashboardPath)}",
            SignOutUrl = provider is null ? null : $"/.auth/logout?post_logout_redirect_uri={Uri.EscapeDataString(DashboardPath)}",
        });
    }

    /// <summary>The answer of <c>GET /api/me</c>.</summary>
    public sealed record Identity
    {
        public required bool SignedIn { get; init; }
        public string? Name { get; init; }
        public required IReadOnlyList<string> Roles { get; init; }
        public string? IdentityProvider { get; init; }
        public string? ReviewerRole { get; init; }
        public required bool CanReview { get; init; }
        public string? SignInUrl { get; init; }
        public string? SignOutUrl { get; init; }
    }
}
