using Microsoft.AspNetCore.Http;

namespace CustomsFn.Api;

/// <summary>
/// The dashboard's static files (HTML, JS, CSS written here; pdf.js from npm), copied next to the assembly under
/// <c>dashboard/</c> at build time and served by both hosts at <c>/api/dashboard/</c>. No CDN.
/// </summary>
public static class DashboardAssets
{
    public const string Route = "/api/dashboard/";

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".mjs"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".png"] = "image/png",
        [".ico"] = "image/x-icon",
        [".wasm"] = "application/wasm",
        [".ttf"] = "font/ttf",
        [".otf"] = "font/otf",
        [".pfb"] = "application/octet-stream",
        [".bcmap"] = "application/octet-stream",
    };

    /// <summary>The folder served (default: dashboard/ beside this assembly).</summary>
    public static string Root { get; set; } = Path.Combine(AppContext.BaseDirectory, "dashboard");

    /// <summary>The file at <paramref name="path"/> (relative to the dashboard, "" for index.html), or 404.</summary>
    public static IResult Serve(HttpContext context, string? path)
    {
        ArgumentNullException.ThrowIfNull(context);
        // Relative links in the page need the trailing slash.
        if (string.IsNullOrEmpty(path) && !context.Request.Path.Value!.EndsWith('/')) return Results.Redirect(Route);
        var relative = string.IsNullOrEmpty(path) ? "index.html" : path;
        if (relative.Contains("..", StringComparison.Ordinal) || relative.Contains('\\', StringComparison.Ordinal) || Path.IsPathRooted(relative)
            || !ContentTypes.TryGetValue(Path.GetExtension(relative), out var contentType))
        {
            return ApiResponses.Problem(404, "not-found", "Not found", "No such dashboard file.");
        }
        var root = Path.GetFullPath(Root);
        var full = Path.GetFullPath(Path.Combine(root, relative));
        if (!full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(full))
            return ApiResponses.Problem(404, "not-found", "Not found", "No such dashboard file.");
        var headers = context.Response.Headers;
        headers["X-Content-Type-Options"] = "nosniff";
        if (relative.EndsWith(".html", StringComparison.OrdinalIgnoreCase))
        {
            headers["Content-Security-Policy"] = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; " +
                "img-src 'self' blob: data:; font-src 'self' blob: data:; worker-src 'self' blob:; connect-src 'self'; frame-ancestors 'none'";
            headers.CacheControl = "no-cache";
        }
        return Results.File(full, contentType);
    }
}
