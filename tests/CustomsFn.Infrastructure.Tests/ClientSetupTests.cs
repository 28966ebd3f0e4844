using System.Net;
using Azure.Core;
using Azure.Core.Pipeline;
using CustomsFn.Infrastructure.DocumentIntelligence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CustomsFn.Infrastructure.Tests;

/// <summary>URLs per API version, authentication, configuration binding and registration.</summary>
public sealed class ClientSetupTests
{
    private static readonly Uri Endpoint = new("https://my-resource.cognitiveservices.azure.com/");

    [Theory]
    [InlineData("2024-11-30", null, "https://my-resource.cognitiveservices.azure.com/documentintelligence/documentModels/prebuilt-invoice:analyze?api-version=2024-11-30")]
    [InlineData("2024-02-29-preview", null, "https://my-resource.cognitiveservices.azure.com/documentintelligence/documentModels/prebuilt-invoice:analyze?api-version=2024-02-29-preview")]
    [InlineData("2023-07-31", null, "https://my-resource.cognitiveservices.azure.com/formrecognizer/documentModels/prebuilt-invoice:analyze?api-version=2023-07-31")]
    [InlineData("2021-09-30-preview", null, "https://my-resource.cognitiveservices.azure.com/formrecognizer/documentModels/prebuilt-invoice:analyze?api-version=2021-09-30-preview")]
    [InlineData("2024-11-30", "formrecognizer", "https://my-resource.cognitiveservices.azure.com/formrecognizer/documentModels/prebuilt-invoice:analyze?api-version=2024-11-30")]
    [InlineData("v2.1", null, "https://my-resource.cognitiveservices.azure.com/formrecognizer/v2.1/prebuilt/invoice/analyze")]
    public void AnalyzeUri_PerApiVersion(string apiVersion, string? apiPath, string expected)
    {
        using var client = new DocumentIntelligenceClient(new DocumentIntelligenceOptions { Endpoint = Endpoint, Key = "k", ApiVersion = apiVersion, ApiPath = apiPath });
        Assert.Equal(expected, client.AnalyzeUri("prebuilt-invoice").AbsoluteUri);
    }

    [Fact]
    public void AnalyzeUri_V2CustomModel()
    {
        using var client = new DocumentIntelligenceClient(new DocumentIntelligenceOptions { Endpoint = Endpoint, Key = "k", ApiVersion = "v2.1" });
        Assert.Equal("https://my-resource.cognitiveservices.azure.com/formrecognizer/v2.1/custom/models/abc/analyze", client.AnalyzeUri("abc").AbsoluteUri);
    }

    [Fact]
    public async Task TokenCredential_SendsBearerTokenForCognitiveServicesScope()
    {
        var handler = new RecordingHandler();
        var credential = new StubCredential();
        var clientOptions = new DocumentIntelligenceClientOptions { Transport = new HttpClientTransport(new HttpClient(handler)) };
        using var client = new DocumentIntelligenceClient(new DocumentIntelligenceOptions { Endpoint = Endpoint, PollInterval = TimeSpan.FromMilliseconds(1) }, credential, clientOptions);

        await client.AnalyzeDocumentAsync("prebuilt-invoice", new byte[] { 1, 2, 3 }, "application/pdf", CancellationToken.None);

        Assert.Equal(["https://cognitiveservices.azure.com/.default"], credential.Scopes.Distinct());
        Assert.Equal(2, handler.Requests.Count);
        Assert.All(handler.Requests, r =>
        {
            Assert.Equal("Bearer token-123", r.Authorization);
            Assert.False(r.HasKey);
        });
    }

    [Fact]
    public void Configuration_BindsEverySetting()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DocumentIntelligence:Endpoint"] = "https://my-resource.cognitiveservices.azure.com/",
            ["DocumentIntelligence:Key"] = "secret",
            ["DocumentIntelligence:Engine"] = "auto",
            ["DocumentIntelligence:ModelId"] = "prebuilt-invoice",
            ["DocumentIntelligence:DeclarationModelId"] = "dec-model",
            ["DocumentIntelligence:PackingListModelId"] = "pl-model",
            ["DocumentIntelligence:ApiVersion"] = "2023-07-31",
            ["DocumentIntelligence:MaxRequestsPerSecond"] = "5",
            ["DocumentIntelligence:Timeout"] = "00:00:30",
            ["DocumentIntelligence:RequestTimeout"] = "00:00:10",
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging();
        CustomsFn.Infrastructure.ServiceCollectionExtensions.AddDocumentIntelligence(services);
        using var provider = services.BuildServiceProvider();

        var o = provider.GetRequiredService<IOptions<DocumentIntelligenceOptions>>().Value;
        Assert.Equal(Endpoint, o.Endpoint);
        Assert.Equal("secret", o.Key);
        Assert.Equal("dec-model", o.DeclarationModelId);
        Assert.Equal("pl-model", o.PackingListModelId);
        Assert.Equal("formrecognizer", o.ResolvedApiPath);
        Assert.Equal(5, o.MaxRequestsPerSecond);
        Assert.Equal(TimeSpan.FromSeconds(30), o.Timeout);
        Assert.Equal(TimeSpan.FromSeconds(10), o.RequestTimeout);
        var engine = provider.GetRequiredService<EngineExtractors>();
        Assert.Equal("auto", engine.Engine);
        Assert.IsType<AutoEngineExtractor>(Assert.Single(engine.Compose([])));
    }

    [Fact]
    public void Configuration_Defaults_AreLocalAndTheCurrentGaApi()
    {
        var o = new DocumentIntelligenceOptions();
        Assert.Equal("local", o.Engine);
        Assert.Equal("prebuilt-invoice", o.ModelId);
        Assert.Equal("2024-11-30", o.ApiVersion);
        Assert.Equal("documentintelligence", o.ResolvedApiPath);
        Assert.Equal(15, o.MaxRequestsPerSecond);
        Assert.False(o.IsConfigured);
    }

    private sealed class StubCredential : TokenCredential
    {
        public List<string> Scopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            lock (Scopes) Scopes.AddRange(requestContext.Scopes);
            return new AccessToken("token-123", DateTimeOffset.UtcNow.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new(GetToken(requestContext, cancellationToken));
    }

    /// <summary>An in-memory service (HTTPS, as bearer authentication requires): 202, then succeeded.</summary>
    private sealed class RecordingHandler : HttpMessageHandler
    {
        public List<(string? Authorization, bool HasKey)> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (Requests) Requests.Add((request.Headers.Authorization?.ToString(), request.Headers.Contains(DocumentIntelligenceClient.KeyHeader)));
            if (request.Method == HttpMethod.Post)
            {
                var accepted = new HttpResponseMessage(HttpStatusCode.Accepted);
                accepted.Headers.Add("Operation-Location", "https://my-resource.cognitiveservices.azure.com/documentintelligence/documentModels/prebuilt-invoice/analyzeResults/op-1?api-version=2024-11-30");
                return Task.FromResult(accepted);
            }
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent("""{"status":"succeeded","analyzeResult":{"documents":[]}}""", System.Text.Encoding.UTF8, "application/json"),
            });
        }
    }
}
