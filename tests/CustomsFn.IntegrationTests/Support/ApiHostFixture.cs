using System.Net.Http.Headers;
using CustomsFn.LocalHost;
using Newtonsoft.Json.Linq;

namespace CustomsFn.IntegrationTests.Support;

/// <summary>A private Azurite and the local host with a known API key and a small upload limit, for the API tests of one class.</summary>
public sealed class ApiHostFixture : IAsyncLifetime
{
    public const string Key = "integration-test-key";
    public const long MaxUploadBytes = 256 * 1024;

    private TestAzurite? _azurite;
    private LocalHostApp? _host;

    public TestAzurite Azurite => _azurite ?? throw new InvalidOperationException("not started");
    public LocalHostApp Host => _host ?? throw new InvalidOperationException("not started");
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public async Task InitializeAsync()
    {
        _azurite = await TestAzurite.StartAsync();
        _host = await LocalHostApp.StartAsync(new LocalHostOptions
        {
            StorageConnectionString = _azurite.ConnectionString,
            Urls = "http://127.0.0.1:0",
            ReconcileEvery = TimeSpan.FromMinutes(10),
            Settings = new Dictionary<string, string?>
            {
                ["Api:Key"] = Key,
                ["Api:TrustClientPrincipal"] = "true",
                ["Pipeline:MaxUploadBytes"] = MaxUploadBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
        });
        BaseAddress = new Uri(_host.Urls[0].TrimEnd('/') + "/");
    }

    /// <summary>A client that sends the API key (or <paramref name="key"/>, or none when it is empty).</summary>
    public HttpClient Client(string? key = Key)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (!string.IsNullOrEmpty(key)) client.DefaultRequestHeaders.Add("x-functions-key", key);
        return client;
    }

    /// <summary>Uploads through POST /api/documents and waits until its result is there; returns the document id.</summary>
    public async Task<string> UploadAndWaitAsync(byte[] content, string name, string? destination = null)
    {
        using var client = Client();
        using var body = new ByteArrayContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var query = "api/documents?name=" + Uri.EscapeDataString(name) + (destination is null ? "" : "&destination=" + destination);
        using var response = await client.PostAsync(new Uri(query, UriKind.Relative), body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Accepted, $"upload {name}: {(int)response.StatusCode} {text}");
        var id = (string)JObject.Parse(text)["documentId"]!;
        Assert.True(await Flow.WaitUntilAsync(async () =>
        {
            using var r = await client.GetAsync(new Uri("api/results/" + id, UriKind.Relative));
            return r.IsSuccessStatusCode;
        }, TimeSpan.FromSeconds(60)), $"no result for {name}");
        // The audit record follows the result blob within moments.
        Assert.True(await Flow.WaitUntilAsync(async () =>
        {
            using var r = await client.GetAsync(new Uri($"api/results/{id}/audit", UriKind.Relative));
            return r.IsSuccessStatusCode && ((JArray)JObject.Parse(await r.Content.ReadAsStringAsync())["records"]!).Count > 0;
        }, TimeSpan.FromSeconds(30)), $"no audit record for {name}");
        return id;
    }

    private readonly SemaphoreSlim _samplesGate = new(1, 1);
    private Dictionary<string, string>? _samples;

    /// <summary>The four sample documents, uploaded once per fixture through the API: file name -> document id.</summary>
    public async Task<IReadOnlyDictionary<string, string>> SamplesAsync()
    {
        await _samplesGate.WaitAsync();
        try
        {
            if (_samples is null)
            {
                var samples = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var file in Directory.GetFiles(TestPaths.SampleDocuments).Order(StringComparer.Ordinal))
                    samples[Path.GetFileName(file)] = await UploadAndWaitAsync(await File.ReadAllBytesAsync(file), Path.GetFileName(file));
                _samples = samples;
            }
            return _samples;
        }
        finally
        {
            _samplesGate.Release();
        }
    }

    /// <summary>A sample with a comment appended: the same document, but its own id (for tests that review it).</summary>
    public static byte[] Variant(string sample, string tag) =>
        System.Text.Encoding.UTF8.GetBytes(File.ReadAllText(Path.Combine(TestPaths.SampleDocuments, sample)) + $"\n<!-- {tag} -->\n");

    public async Task DisposeAsync()
    {
        if (_host is not null) await _host.DisposeAsync();
        if (_azurite is not null) await _azurite.DisposeAsync();
        _samplesGate.Dispose();
    }
}
