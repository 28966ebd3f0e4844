using System.Net;
using System.Text;
using CustomsFn.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Newtonsoft.Json.Linq;

namespace CustomsFn.LocalHost;

/// <summary>
/// The local host's development sign-in (<c>Api__DevelopmentSignIn=true</c>): stands in for App Service authentication
/// with Microsoft Entra ID so the dashboard's sign-in, the reviewer identity and the reviewer role can be tried without
/// Azure. <c>/.auth/login/dev</c> signs in as any name, with or without the reviewer role; a cookie keeps the principal,
/// and every request gets it as <c>X-MS-CLIENT-PRINCIPAL</c> exactly as App Service would send it (a header a client
/// sends itself is removed first); <c>/.auth/me</c> and <c>/.auth/logout</c> answer as App Service does. Loopback
/// callers only: it vouches for whatever name is typed, so it is for one developer's machine.
/// </summary>
public static class DevelopmentSignIn
{
    public const string CookieName = "CustomsFnDevPrincipal";
    public const string Provider = "dev";
    private const int MaxNameLength = 200;

    /// <summary>With the development sign-in on, the principal header is the sign-in's own, so the API may trust it.</summary>
    public static IServiceCollection AddDevelopmentSignIn(this IServiceCollection services) =>
        services.PostConfigure<ApiOptions>(o => { if (o.DevelopmentSignIn) o.TrustClientPrincipal = true; });

    public static IApplicationBuilder UseDevelopmentSignIn(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (!Enabled(context)) return next(context);
            var headers = context.Request.Headers;
            headers.Remove(ClientPrincipal.Header);
            headers.Remove(ClientPrincipal.NameHeader);
            headers.Remove(ClientPrincipal.IdpHeader);
            if (IsLoopback(context) && context.Request.Cookies.TryGetValue(CookieName, out var principal)
                && ClientPrincipal.Name(principal, null) is { } name)
            {
                headers[ClientPrincipal.Header] = principal;
                headers[ClientPrincipal.NameHeader] = name;
                headers[ClientPrincipal.IdpHeader] = Provider;
            }
            return next(context);
        });

    public static IEndpointRouteBuilder MapDevelopmentSignIn(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/.auth/login/dev", (HttpContext context) => Guard(context) ?? Results.Content(Form(context, error: null), "text/html; charset=utf-8"));
        endpoints.MapPost("/.auth/login/dev", (Func<HttpContext, Task<IResult>>)SignInAsync);
        endpoints.MapGet("/.auth/logout", (HttpContext context) =>
        {
            if (Guard(context) is { } refused) return refused;
            context.Response.Cookies.Delete(CookieName, new CookieOptions { Path = "/" });
            return Results.Redirect(LocalRedirect(context.Request.Query["post_logout_redirect_uri"]));
        });
        endpoints.MapGet("/.auth/me", (HttpContext context) =>
        {
            if (Guard(context) is { } refused) return refused;
            string? header = context.Request.Headers[ClientPrincipal.Header];
            var name = ClientPrincipal.Name(header, null);
            if (name is null) return Results.Text("[]", "application/json; charset=utf-8");
            var claims = new JArray(new JObject { ["typ"] = "name", ["val"] = name });
            foreach (var role in ClientPrincipal.Roles(header)) claims.Add(new JObject { ["typ"] = "roles", ["val"] = role });
            var me = new JArray(new JObject { ["provider_name"] = Provider, ["user_id"] = name, ["user_claims"] = claims });
            return Results.Text(me.ToString(Newtonsoft.Json.Formatting.None), "application/json; charset=utf-8");
        });
        return endpoints;
    }

    private static async Task<IResult> SignInAsync(HttpContext context)
    {
        if (Guard(context) is { } refused) return refused;
        if (!context.Request.HasFormContentType) return Results.BadRequest();
        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        var name = form["name"].ToString().Trim();
        if (name.Length is 0 or > MaxNameLength || name.Any(char.IsControl))
            return Results.Content(Form(context, $"A name is 1 to {MaxNameLength} printable characters."), "text/html; charset=utf-8", Encoding.UTF8, StatusCodes.Status400BadRequest);
        var options = context.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value;
        var roles = form["reviewer"] == "on" && !string.IsNullOrEmpty(options.ReviewerRole) ? [options.ReviewerRole] : Array.Empty<string>();
        context.Response.Cookies.Append(CookieName, ClientPrincipal.Encode(Provider, name, roles), new CookieOptions
        {
            HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/", IsEssential = true,
        });
        return Results.Redirect(LocalRedirect(form["post_login_redirect_uri"]));
    }

    private static bool Enabled(HttpContext context) =>
        context.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value.DevelopmentSignIn;

    private static bool IsLoopback(HttpContext context) => context.Connection.RemoteIpAddress is { } ip && IPAddress.IsLoopback(ip);

    /// <summary>404 when the development sign-in is off, 403 for a caller that is not on this machine; null when it may proceed.</summary>
    private static IResult? Guard(HttpContext context) =>
        !Enabled(context) ? Results.NotFound()
        : !IsLoopback(context) ? ApiResponses.Problem(403, "forbidden", "Forbidden", "The development sign-in answers only on this machine (loopback).")
        : null;

    /// <summary>A path on this host (never another site): the given one when it is local, else the dashboard.</summary>
    private static string LocalRedirect(string? target) =>
        target is { Length: > 0 } t && t[0] == '/' && !t.StartsWith("//", StringComparison.Ordinal) && !t.StartsWith("/\\", StringComparison.Ordinal)
            ? t : IdentityApi.DashboardPath;

    private static string Form(HttpContext context, string? error)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value;
        var redirect = WebUtility.HtmlEncode(LocalRedirect(context.Request.Query["post_login_redirect_uri"]));
        var role = WebUtility.HtmlEncode(options.ReviewerRole);
        var message = error is null ? "" : $"<p class=\"error\" id=\"dev-error\">{WebUtility.HtmlEncode(error)}</p>";
        return $$"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Development sign-in · CustomsFn</title>
            <style>body{font:15px/1.5 system-ui,sans-serif;max-width:420px;margin:40px auto;padding:0 16px;color:#1d2430}
            label{display:block;margin:12px 0 4px}input[type=text]{width:100%;padding:6px 8px;font:inherit}
            button{margin-top:16px;padding:6px 14px;font:inherit}.note{color:#667085;font-size:13px}.error{color:#c0362c}</style></head>
            <body><h1>Development sign-in</h1>
            <p class="note">Stands in for Microsoft Entra ID sign-in (App Service authentication) on this machine: the API receives the
            principal in <code>X-MS-CLIENT-PRINCIPAL</code> as it would in Azure. Nothing checks the name.</p>
            {{message}}
            <form method="post" action="/.auth/login/dev">
            <input type="hidden" name="post_login_redirect_uri" value="{{redirect}}">
            <label for="dev-name">Name</label><input type="text" id="dev-name" name="name" maxlength="{{MaxNameLength}}" required autofocus>
            <label><input type="checkbox" id="dev-reviewer" name="reviewer"> app role <code>{{role}}</code> (may record reviews)</label>
            <button type="submit" id="dev-submit">Sign in</button></form></body></html>
            """;
    }
}
