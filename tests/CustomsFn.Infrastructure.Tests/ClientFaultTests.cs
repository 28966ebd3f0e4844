using System.Diagnostics;
using CustomsFn.Infrastructure.DocumentIntelligence;
using CustomsFn.Infrastructure.Tests.Support;

namespace CustomsFn.Infrastructure.Tests;

/// <summary>The client under injected faults: throttling, outages while polling, hung requests, malformed answers.</summary>
public sealed class ClientFaultTests
{
    private const string Succeeded = """{"status":"succeeded","analyzeResult":{"apiVersion":"2024-11-30","modelId":"prebuilt-invoice","pages":[],"documents":[]}}""";

    [Fact]
    public async Task Throttled_Three429sThenSuccess_HonoursRetryAfter()
    {
        await using var fake = await FakeDocumentIntelligence.StartAsync();
        fake.OnAnalyze = (ctx, n) => n <= 3
            ? FakeDocumentIntelligence.ErrorAsync(ctx, 429, "429", "Requests to the Analyze Document operation have exceeded rate limit.", retryAfter: "1")
            : FakeDocumentIntelligence.AcceptAsync(ctx);
        // Without Retry-After the client would retry after 20-200 ms; the service asks for 1 s each time.
        using var client = Clients.Create(fake.Endpoint, o => o.MaxRetries = 4);

        var outcome = await client.AnalyzeDocumentAsync("prebuilt-invoice", Clients.Jpeg, "image/jpeg", CancellationToken.None);

        Assert.Equal("prebuilt-invoice", outcome.ModelId);
        var posts = fake.Analyzes.ToList();
        Assert.Equal(4, posts.Count);
        for (var i = 1; i < posts.Count; i++)
            Assert.True(posts[i].At - posts[i - 1].At >= TimeSpan.FromMilliseconds(950), $"retry {i} came {(posts[i].At - posts[i - 1].At).TotalMilliseconds:0} ms after the 429 that asked for 1 s");
    }

    [Fact]
    public async Task Throttled_Always429_FailsWithClearErrorAfterConfiguredRetries()
    {
        await using var fake = await FakeDocumentIntelligence.StartAsync();
        fake.OnAnalyze = (ctx, _) => FakeDocumentIntelligence.ErrorAsync(ctx, 429, "429", "Rate limit exceeded.", retryAfter: "0");
        using var client = Clients.Create(fake.Endpoint, o => o.MaxRetries = 2);

        var ex = await Assert.ThrowsAsync<DocumentIntelligenceException>(() => client.AnalyzeDocumentAsync("prebuilt-invoice", Clients.Jpeg, "image/jpeg", CancellationToken.None));

        Assert.Equal(429, ex.Status);
        Assert.Contains("HTTP 429 after retries", ex.Message, StringComparison.Ordinal);
        Assert.Equal(3, fake.Analyzes.Count());
    }

    [Fact]
    public async Task Analyze_500Then503ThenAccepted_Succeeds()
    {
        await using var fake = await FakeDocumentIntelligence.StartAsync();
        fake.OnAnalyze = (ctx, n) => n switch
        {
            1 => FakeDocumentIntelligence.ErrorAsync(ctx, 500, "InternalServerError", "An unexpected error occurred."),
            2 => FakeDocumentIntelligence.ErrorAsync(ctx, 503, "ServiceUnavailable", "The service is temporarily unavailable."),
            _ => FakeDocumentIntelligence.AcceptAsync(ctx),
        };
        using var client = Clients.Create(fake.Endpoint);

        await client.AnalyzeDocumentAsync("prebuilt-invoice", Clients.Jpeg, "image/jpeg", CancellationToken.None);

        Assert.Equal(3, fake.Analyzes.Count());
    }

    [Fact]
    public async Task Polling_503ThenRunningThenSucceeded_Succeeds()
    {
        await using var fake = await FakeDocumentIntelligence.StartAsync();
        fake.OnPoll = (ctx, n) => n switch
        {
            1 or 2 => FakeDocumentIntelligence.ErrorAsync(ctx, 503, "ServiceUnavailable", "Try again later."),
            3 => FakeDocumentIntelligence.JsonAsync(ctx, 200, FakeDocumentIntelligence.Running),
            _ => FakeDocumentIntelligence.JsonAsync(ctx, 200, Succeeded),
        };
        using var client = Clients.Create(fake.Endpoint);

        var outcome = await client.AnalyzeDocumentAsync("prebuilt-invoice", Clients.Jpeg, "image/jpeg", CancellationToken.None);

        Assert.Equal(4, fake.Polls.Count());
        Assert.Single(fake.Analyzes);
        Assert.Equal("succeeded", outcome.Body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Polling_Always503_FailsWithClearError()
    {
        await using var fake = await FakeDocumentIntelligence.StartAsync();
        fake.OnPoll = (ctx, _) => FakeDocumentIntelligence.ErrorAsync(ctx, 503, "ServiceUnavailable", "Try again later.");
        using var client = Clients.Create(fake.Endpoint, o => o.MaxRetries = 2);

        var ex = await Assert.ThrowsAsync<DocumentIntelligenceException>(() => client.AnalyzeDocumentAsync("prebuilt-invoice", Clients.Jpeg, "image/jpeg", CancellationToken.None));

        Assert.Equal(503, ex.Status);
        Assert.Equal("ServiceUnavailable", ex.ErrorCode);
        Assert.StartsWith("Polling the analysis failed with HTTP 503 after retries (ServiceUnavailable)", ex.Message, StringComparison.Ordinal);
        Assert.Equal(3, fake.Polls.Count());
    }

    [Fact]
    public async Task Polling_HonoursRetryAfter()
    {
        await using var fake = await FakeDocumentIntelligence.StartAsync();
        fake.OnPoll = (ctx, n) => n == 1
            ? FakeDocumentIntelligence.JsonAsync(ctx, 200, FakeDocumentIntelligence.Running, retryAfter: "1")
            : FakeDocumentIntelligence.JsonAsync(ctx, 200, Succeeded);
        using var client = Clients.Create(fake.Endpoint); // poll interval 10 ms

        await client.AnalyzeDocumentAsync("prebuilt-invoice", Clients.Jpeg, "image/jpeg", CancellationToken.None);

        var polls = fake.Polls.ToList();
        Assert.Equal(2, polls.Count);
        Assert.True(polls[1].At - polls[0].At >= TimeSpan.FromMilliseconds(950), $"second poll after {(polls[1].At - polls[0].At).TotalMilliseconds:0} ms; Retry-After asked for 1 s");
    }

    [Fact]
    public async Task HungRequest_FailsAfterRequestTimeoutOnEveryTry()
    {
        await using var fake = await FakeDocumentIntelligence.StartAsync();
        fake.OnAnalyze = (ctx, _) => FakeDocumentIntelligence.HangAsync(ctx);
        using var client = Clients.Create(fake.Endpoint, o =>
        {
            // Long enough for the fake server to take each try in even on a loaded machine (at 0.3 s a second try could
            // time out before the server saw it, and the count below came out 1).
            o.RequestTimeout = TimeSpan.FromSeconds(1.5);
            o.MaxRetries = 1;
        });

        var ex = await Assert.ThrowsAsync<DocumentIntelligenceTimeoutException>(() => client.AnalyzeDocumentAsync("prebuilt-invoice", Clients.Jpeg, "image/jpeg", CancellationToken.None));

        Assert.Contains("request timeout of 1.5 s on any of 2 tries", ex.Message, StringComparison.Ordinal);
        Assert.Equal(2, fake.Analyzes.Count());
    }

    [Fact]
    public async Task NeverFinishing_FailsWithinOverallTimeout()
    {
        await using var fake = await FakeDocumentIntelligence.StartAsync();
        fake.OnPoll = (ctx, _) => FakeDocumentIntelligence.JsonAsync(ctx, 200, FakeDocumentIntelligence.Running);
        using var client = Clients.Create(fake.Endpoint, o => o.Timeout = TimeSpan.FromSeconds(1.5));
        var clock = Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<DocumentIntelligenceTimeoutException>(() => client.AnalyzeDocumentAsync("prebuilt-invoice", Clients.Jpeg, "image/jpeg", CancellationToken.None));

        Assert.Contains("within the configured timeout of 1.5 s", ex.Message, StringComparison.Ordinal);
        Assert.True(fake.Polls.Count() > 1);
        // It gave up at the timeout, not at some later point (generous bound for a loaded machine).
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1.5 + 5), $"took {clock.Elapsed.TotalSeconds:0.0} s");
    }

    [Fact]
    public async Task HungPoll_FailsWithinOverallTimeout()
    {
        await using var fake = await FakeDocumentIntelligence.StartAsync();
        fake.OnPoll = (ctx, _) => FakeDocumentIntelligence.HangAsync(ctx);
        using var client = Clients.Create(fake.Endpoint, o => o.Timeout = TimeSpan.FromSeconds(1));

        var ex = await Assert.ThrowsAsync<DocumentIntelligenceTimeoutException>(() => client.AnalyzeDocumentAsync("prebuilt-invoice", Clients.Jpeg, "image/jpeg", CancellationToken.None));

        Assert.Contains("timeout of 1 s", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallerCancellation_IsNotReportedAsTimeout()
    {
        await using var fake = await FakeDocumentIntelligence.StartAsync();
        fake.OnPoll = (ctx, _) => FakeDocumentIntelligence.JsonAsync(ctx, 200, FakeDocumentIntelligence.Running);
        using var client = Clients.Create(fake.Endpoint);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.AnalyzeDocumentAsync("prebuilt-invoice", Clients.Jpeg, "image/jpeg", cts.Token));

        Assert.True(cts.IsCancellationRequested);
        Assert.IsNotType<DocumentIntelligenceTimeoutException>(ex);
    }

    [Theory]
    [InlineData("this is not json{", "malformed status response (not JSON")]
    [InlineData("""{"status":"succeeded"}""", "reported success but sent no analyzeResult")]
    [InlineData("""{"status":"exploded"}""", "malformed status response (status 'exploded')")]
    [InlineData("""{"result":"succeeded"}""", "malformed status response (status 'missing')")]
    [InlineData("""[1,2,3]""", "malformed status response (status 'missing')")]
    public async Task MalformedPollBody_FailsWithClearError(string body, string expected)
    {
        await using var fake = await FakeDocumentIntelligence.StartAsync();
        fake.OnPoll = (ctx, _) => FakeDocumentIntelligence.JsonAsync(ctx, 200, body);
        using var client = Clients.Create(fake.Endpoint);

        var ex = await Assert.ThrowsAsync<DocumentIntelligenceException>(() => client.AnalyzeDocumentAsync("prebuilt-invoice", Clients.Jpeg, "image/jpeg", CancellationToken.None));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailedAnalysis_ReportsServiceErrorCode()
    {
        await using var fake = await FakeDocumentIntelligence.StartAsync();
        fake.OnPoll = (ctx, _) => FakeDocumentIntelligence.JsonAsync(ctx, 200,
            """{"status":"failed","error":{"code":"InternalServerError","message":"An unexpected error occurred.","innererror":{"code":"ModelAnalyzeError","message":"Could not analyze using the custom model."}}}""");
        using var client = Clients.Create(fake.Endpoint);

        var ex = await Assert.ThrowsAsync<DocumentIntelligenceException>(() => client.AnalyzeDocumentAsync("prebuilt-invoice", Clients.Jpeg, "image/jpeg", CancellationToken.None));

        Assert.Equal("ModelAnalyzeError", ex.ErrorCode);
        Assert.Equal("Document Intelligence analysis failed (ModelAnalyzeError): Could not analyze using the custom model.", ex.Message);
        Assert.Single(fake.Polls);
    }

    [Fact]
    public async Task ConnectionDroppedOnTheLastTry_AfterServiceErrors_IsAServiceFailure_NotACrash()
    {
        // Azure.Core rethrows the last try's exception as it is when the earlier tries ended with responses (503s), not
        // exceptions: a bare IOException. It must come out as a Document Intelligence failure, which the auto engine
        // answers with the local fallback (before, the document was rejected as unprocessable).
        await using var fake = await FakeDocumentIntelligence.StartAsync();
        fake.OnAnalyze = (ctx, _) => FakeDocumentIntelligence.ErrorAsync(ctx, 503, "ServiceUnavailable", "The service is temporarily unavailable.");
        var transport = new DropOnTry(3);
        using var client = new DocumentIntelligenceClient(Clients.Options(fake.Endpoint, o => o.MaxRetries = 2), new DocumentIntelligenceClientOptions { Transport = transport });

        var ex = await Assert.ThrowsAsync<DocumentIntelligenceException>(() => client.AnalyzeDocumentAsync("prebuilt-invoice", Clients.Jpeg, "image/jpeg", CancellationToken.None));

        Assert.Equal(0, ex.Status);
        Assert.Contains("connection failed: dropped on try 3", ex.Message, StringComparison.Ordinal);
        Assert.IsType<IOException>(ex.InnerException);
        Assert.Equal(2, fake.Analyzes.Count());
    }

    /// <summary>Sends every try to the fake service except try <paramref name="n"/>, whose connection drops before it is sent.</summary>
    private sealed class DropOnTry(int n) : Azure.Core.Pipeline.HttpPipelineTransport
    {
        private readonly Azure.Core.Pipeline.HttpClientTransport _inner = new();
        private int _tries;

        public override Azure.Core.Request CreateRequest() => _inner.CreateRequest();

        public override void Process(Azure.Core.HttpMessage message) => ProcessAsync(message).AsTask().GetAwaiter().GetResult();

        public override async ValueTask ProcessAsync(Azure.Core.HttpMessage message)
        {
            var attempt = Interlocked.Increment(ref _tries);
            if (attempt == n) throw new IOException($"dropped on try {attempt}");
            await _inner.ProcessAsync(message).ConfigureAwait(false);
        }
    }

    [Fact]
    public async Task InvalidContent_IsAContentErrorAndNotRetried()
    {
        await using var fake = await FakeDocumentIntelligence.StartAsync();
        fake.OnAnalyze = (ctx, _) => FakeDocumentIntelligence.JsonAsync(ctx, 400,
            """{"error":{"code":"InvalidRequest","message":"Invalid request.","innererror":{"code":"InvalidContent","message":"The file is corrupted or format is unsupported. Refer to documentation for the list of supported formats."}}}""");
        using var client = Clients.Create(fake.Endpoint);

        var ex = await Assert.ThrowsAsync<DocumentIntelligenceException>(() => client.AnalyzeDocumentAsync("prebuilt-invoice", Clients.Jpeg, "image/jpeg", CancellationToken.None));

        Assert.True(ex.IsContentError);
        Assert.Equal(400, ex.Status);
        Assert.Single(fake.Analyzes);
    }

    [Fact]
    public async Task Accepted_WithoutOperationLocation_Fails()
    {
        await using var fake = await FakeDocumentIntelligence.StartAsync();
        fake.OnAnalyze = (ctx, _) =>
        {
            ctx.Response.StatusCode = 202;
            return Task.CompletedTask;
        };
        using var client = Clients.Create(fake.Endpoint);

        var ex = await Assert.ThrowsAsync<DocumentIntelligenceException>(() => client.AnalyzeDocumentAsync("prebuilt-invoice", Clients.Jpeg, "image/jpeg", CancellationToken.None));

        Assert.Contains("no valid Operation-Location", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OperationLocation_OnAnotherHost_IsNotFollowed()
    {
        await using var fake = await FakeDocumentIntelligence.StartAsync();
        fake.OnAnalyze = (ctx, _) =>
        {
            ctx.Response.StatusCode = 202;
            ctx.Response.Headers["Operation-Location"] = "https://attacker.example/documentintelligence/documentModels/prebuilt-invoice/analyzeResults/1?api-version=2024-11-30";
            return Task.CompletedTask;
        };
        using var client = Clients.Create(fake.Endpoint);

        var ex = await Assert.ThrowsAsync<DocumentIntelligenceException>(() => client.AnalyzeDocumentAsync("prebuilt-invoice", Clients.Jpeg, "image/jpeg", CancellationToken.None));

        Assert.Contains("another host (attacker.example)", ex.Message, StringComparison.Ordinal);
        Assert.Empty(fake.Polls);
    }
}
