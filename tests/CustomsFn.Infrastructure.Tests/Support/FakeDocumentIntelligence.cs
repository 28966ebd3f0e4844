using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CustomsFn.Infrastructure.Tests.Support;

/// <summary>One request as the fake service saw it.</summary>
/// <param name="At">When the request reached the handler.</param>
/// <param name="Sent">When it left the client (header x-test-sent, stamped after the client's rate limiter), on the same clock.</param>
public sealed record SeenRequest(string Method, string Path, string Query, string? ContentType, string? Key, string? Authorization, int BodyLength, TimeSpan At, TimeSpan? Sent = null);

/// <summary>
/// A fake Azure AI Document Intelligence service on Kestrel at 127.0.0.1 (dynamic port) speaking the real protocol:
/// POST ...:analyze -> 202 + Operation-Location; GET Operation-Location -> {status: running|succeeded|failed, ...}.
/// Tests script the answers: <see cref="OnAnalyze"/> and <see cref="OnPoll"/> get the request and the 1-based count of
/// such requests so far, and write any response (faults included). The defaults accept and succeed at once.
/// </summary>
public sealed class FakeDocumentIntelligence : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly long _started = Stopwatch.GetTimestamp();
    private int _analyzeCount;
    private int _pollCount;

    private FakeDocumentIntelligence(WebApplication app) => _app = app;

    public Uri Endpoint { get; private set; } = null!;

    public ConcurrentQueue<SeenRequest> Requests { get; } = new();

    public IEnumerable<SeenRequest> Analyzes => Requests.Where(r => r.Method == "POST");

    public IEnumerable<SeenRequest> Polls => Requests.Where(r => r.Method == "GET");

    /// <summary>Answers POST analyze; default <see cref="AcceptAsync"/>.</summary>
    public Func<HttpContext, int, Task> OnAnalyze { get; set; } = (ctx, _) => AcceptAsync(ctx);

    /// <summary>Answers GET on the operation; default: succeeded with an empty invoice result.</summary>
    public Func<HttpContext, int, Task> OnPoll { get; set; } = (ctx, _) => JsonAsync(ctx, 200, """{"status":"succeeded","analyzeResult":{"apiVersion":"2024-11-30","modelId":"prebuilt-invoice","pages":[],"documents":[]}}""");

    /// <summary>Header with the Stopwatch timestamp at which the client sent a try (see <see cref="Clients.Stamped"/>).</summary>
    public const string SentHeader = "x-test-sent";

    /// <summary>Forgets the requests seen so far and restarts the counts (after a warm-up).</summary>
    public void Reset()
    {
        Requests.Clear();
        Interlocked.Exchange(ref _analyzeCount, 0);
        Interlocked.Exchange(ref _pollCount, 0);
    }

    public static async Task<FakeDocumentIntelligence> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeDocumentIntelligence(app);
        app.Run(fake.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.Endpoint = new Uri(address.TrimEnd('/') + "/");
        return fake;
    }

    private async Task HandleAsync(HttpContext ctx)
    {
        var at = Stopwatch.GetElapsedTime(_started);
        TimeSpan? sent = long.TryParse(ctx.Request.Headers[SentHeader].FirstOrDefault(), out var ticks) ? Stopwatch.GetElapsedTime(_started, ticks) : null;
        using var body = new MemoryStream();
        await ctx.Request.Body.CopyToAsync(body, ctx.RequestAborted);
        var seen = new SeenRequest(ctx.Request.Method, ctx.Request.Path.Value ?? "", ctx.Request.QueryString.Value ?? "",
            ctx.Request.ContentType, ctx.Request.Headers["Ocp-Apim-Subscription-Key"].FirstOrDefault(),
            ctx.Request.Headers.Authorization.FirstOrDefault(), (int)body.Length, at, sent);
        Requests.Enqueue(seen);
        try
        {
            if (HttpMethods.IsPost(ctx.Request.Method)) await OnAnalyze(ctx, Interlocked.Increment(ref _analyzeCount));
            else if (HttpMethods.IsGet(ctx.Request.Method)) await OnPoll(ctx, Interlocked.Increment(ref _pollCount));
            else ctx.Response.StatusCode = 405;
        }
        catch (OperationCanceledException) when (ctx.RequestAborted.IsCancellationRequested)
        {
            // The client gave up (hung-request tests).
        }
    }

    /// <summary>202 with an Operation-Location derived from the request path (v3+: {model}:analyze -> {model}/analyzeResults/{id}; v2: .../analyze -> .../analyzeResults/{id}).</summary>
    public static Task AcceptAsync(HttpContext ctx, string? operationPathAndQuery = null, string? retryAfter = null)
    {
        var id = Guid.NewGuid().ToString();
        var path = ctx.Request.Path.Value!;
        operationPathAndQuery ??= (path.EndsWith(":analyze", StringComparison.Ordinal)
            ? path[..^":analyze".Length] + "/analyzeResults/" + id
            : path[..^"/analyze".Length] + "/analyzeResults/" + id) + ctx.Request.QueryString.Value;
        ctx.Response.StatusCode = 202;
        ctx.Response.Headers["Operation-Location"] = $"{ctx.Request.Scheme}://{ctx.Request.Host}{operationPathAndQuery}";
        ctx.Response.Headers["apim-request-id"] = id;
        if (retryAfter is not null) ctx.Response.Headers.RetryAfter = retryAfter;
        return Task.CompletedTask;
    }

    public static async Task JsonAsync(HttpContext ctx, int status, string json, string? retryAfter = null)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json; charset=utf-8";
        if (retryAfter is not null) ctx.Response.Headers.RetryAfter = retryAfter;
        await ctx.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(json), ctx.RequestAborted);
    }

    public static Task ErrorAsync(HttpContext ctx, int status, string code, string message, string? retryAfter = null) =>
        JsonAsync(ctx, status, $$$"""{"error":{"code":"{{{code}}}","message":"{{{message}}}"}}""", retryAfter);

    /// <summary>Never answers (until the client aborts).</summary>
    public static Task HangAsync(HttpContext ctx) => Task.Delay(Timeout.Infinite, ctx.RequestAborted);

    public const string Running = """{"status":"running","createdDateTime":"2026-11-26T10:00:00Z","lastUpdatedDateTime":"2026-11-26T10:00:00Z"}""";

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
