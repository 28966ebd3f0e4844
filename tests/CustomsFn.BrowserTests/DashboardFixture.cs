using System.Net.Http.Headers;
using CustomsFn.LocalHost;
using Microsoft.Playwright;
using Newtonsoft.Json.Linq;

namespace CustomsFn.BrowserTests;

/// <summary>
/// Azurite, the local host (API + dashboard) with documents processed through it, and Debian's Chromium driven by
/// Playwright (no browser download: the executable installed by <c>scripts/bootstrap.sh --browser</c>).
/// </summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    public const string Key = "browser-test-key";
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string Pdf = "02-classic-de-invoice.pdf";
    /// <summary>
    /// An invoice that needs review by rule, so the list has every status: the clean sample without its Incoterm (DUTY-001,
    /// a warning: the customs value cannot be built). A rule, not a low extraction confidence, so better reading never
    /// turns it accepted (a PDF chosen for its uncertain seller did).
    /// </summary>
    public const string NeedsReview = "ubl-invoice-de-us-no-incoterm.xml";

    private AzuriteEmulator? _azurite;
    private string? _location;
    private LocalHostApp? _host;
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;
    public Uri BaseAddress { get; private set; } = null!;
    public HttpClient Api { get; private set; } = null!;
    /// <summary>Uploaded file name -> document id.</summary>
    public Dictionary<string, string> Documents { get; } = new(StringComparer.Ordinal);

    public static string RepoRoot { get; } = FindRepoRoot();
    public static string Screenshots { get; } = Path.Combine(RepoRoot, "artifacts", "test-results", "screenshots");

    /// <summary>A shipment uploaded under its name (invoice and packing list of sample s02, valued for GB against an older tariff).</summary>
    public const string Shipment = "s02-cn-gb";
    public static string ShipmentFolder => Path.Combine(RepoRoot, "samples", "shipments", "s02-cn-gb-quantity-weight");

    public static IEnumerable<string> Uploads =>
        Directory.GetFiles(Path.Combine(RepoRoot, "samples", "documents")).Order(StringComparer.Ordinal)
            .Append(Path.Combine(RepoRoot, "samples", "eval", "documents", Pdf));

    /// <summary>The bytes of <see cref="NeedsReview"/>: the clean sample with its delivery terms removed and its own invoice number.</summary>
    public static byte[] NeedsReviewInvoice()
    {
        var clean = File.ReadAllText(Path.Combine(RepoRoot, "samples", "documents", "ubl-invoice-de-us-clean.xml"));
        var withoutTerms = System.Text.RegularExpressions.Regex.Replace(clean, @"<cac:DeliveryTerms>.*?</cac:DeliveryTerms>\s*", "",
            System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.NotEqual(clean, withoutTerms);
        var index = withoutTerms.IndexOf("<cbc:ID>", StringComparison.Ordinal);
        return System.Text.Encoding.UTF8.GetBytes(withoutTerms.Insert(index + "<cbc:ID>".Length, "NR-"));
    }

    /// <summary>
    /// An invoice whose seller is a UN-listed entity's primary name as written (<see cref="ListedSeller"/>, UN:TAe.011; the
    /// seller stays in DE, which the UN entry names no country for): a possible sanctions match (SANC-001). Its buyer is the
    /// clean sample's, unlisted.
    /// </summary>
    public const string PossibleMatch = "ubl-invoice-listed-seller.xml";
    public const string ListedSeller = "ROSHAN MONEY EXCHANGE";

    /// <summary>An invoice whose seller is OFAC-listed Banco Nacional de Cuba with a country the entry names (CH): a strong match (SANC-002).</summary>
    public const string StrongMatch = "ubl-invoice-listed-seller-ch.xml";
    public const string StrongSeller = "BANCO NACIONAL DE CUBA";

    /// <summary>The clean sample with the seller renamed (and its country changed when given), under its own invoice number.</summary>
    public static byte[] InvoiceWithSeller(string seller, string number, string? sellerCountry = null)
    {
        var xml = File.ReadAllText(Path.Combine(RepoRoot, "samples", "documents", "ubl-invoice-de-us-clean.xml"));
        var named = xml.Replace("Rheinwerk Antriebe GmbH", seller, StringComparison.Ordinal).Replace("Rheinwerk Antriebe", seller, StringComparison.Ordinal);
        Assert.NotEqual(xml, named);
        if (sellerCountry is not null)
        {
            // The seller's postal address is the first country code of the invoice.
            const string de = "<cbc:IdentificationCode>DE</cbc:IdentificationCode>";
            var at = named.IndexOf(de, StringComparison.Ordinal);
            Assert.True(at > 0);
            named = named[..at] + de.Replace("DE", sellerCountry, StringComparison.Ordinal) + named[(at + de.Length)..];
        }
        return System.Text.Encoding.UTF8.GetBytes(named.Replace("RHW-2026-00417", number, StringComparison.Ordinal));
    }

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath)) Assert.Fail($"{ChromiumPath} is missing: run `bash scripts/bootstrap.sh --browser` (apt-get install chromium).");
        var azurite = AzuriteEmulator.FindExecutable(RepoRoot) ?? throw new AzuriteNotInstalledException();
        _location = Path.Combine(Path.GetTempPath(), "customsfn-browser-" + Guid.NewGuid().ToString("N"));
        var launch = LaunchBrowserAsync();
        _azurite = await AzuriteEmulator.StartAsync(new AzuriteSettings
        {
            Location = _location, Executable = azurite,
            BlobPort = AzuriteEmulator.FreePort(), QueuePort = AzuriteEmulator.FreePort(), TablePort = AzuriteEmulator.FreePort(),
        });
        _host = await LocalHostApp.StartAsync(new LocalHostOptions
        {
            StorageConnectionString = _azurite.ConnectionString,
            Urls = "http://127.0.0.1:0",
            ReconcileEvery = TimeSpan.FromMinutes(10),
            Settings = new Dictionary<string, string?> { ["Api:Key"] = Key, ["Api:DevelopmentSignIn"] = "true" },
        });
        BaseAddress = new Uri(_host.Urls[0].TrimEnd('/') + "/");
        Api = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        Api.DefaultRequestHeaders.Add("x-functions-key", Key);
        foreach (var (name, bytes) in Uploads.Select(f => (Path.GetFileName(f), File.ReadAllBytes(f))).Append((NeedsReview, NeedsReviewInvoice()))
                     .Append((PossibleMatch, InvoiceWithSeller(ListedSeller, "SANC-2026-001")))
                     .Append((StrongMatch, InvoiceWithSeller(StrongSeller, "SANC-2026-002", "CH"))))
        {
            using var body = new ByteArrayContent(bytes);
            body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            using var response = await Api.PostAsync(new Uri("api/documents?name=" + Uri.EscapeDataString(name), UriKind.Relative), body);
            Assert.True(response.IsSuccessStatusCode, $"upload {name}: {response.StatusCode}");
            Documents[name] = (string)JObject.Parse(await response.Content.ReadAsStringAsync())["documentId"]!;
        }
        foreach (var file in Directory.GetFiles(ShipmentFolder, "*.xml").Order(StringComparer.Ordinal))
        {
            using var body = new ByteArrayContent(await File.ReadAllBytesAsync(file));
            body.Headers.ContentType = new MediaTypeHeaderValue("application/xml");
            using var response = await Api.PostAsync(new Uri($"api/documents?name={Path.GetFileName(file)}&shipment={Shipment}&destination=GB", UriKind.Relative), body);
            Assert.True(response.IsSuccessStatusCode, $"upload {file}: {response.StatusCode}");
            Documents[$"{Shipment}/{Path.GetFileName(file)}"] = (string)JObject.Parse(await response.Content.ReadAsStringAsync())["documentId"]!;
        }
        var deadline = DateTime.UtcNow.AddSeconds(90);
        foreach (var (name, id) in Documents)
        {
            while (true)
            {
                using var audit = await Api.GetAsync(new Uri($"api/results/{id}/audit", UriKind.Relative));
                if (audit.IsSuccessStatusCode && ((JArray)JObject.Parse(await audit.Content.ReadAsStringAsync())["records"]!).Count > 0) break;
                Assert.True(DateTime.UtcNow < deadline, $"{name} was not processed in time");
                await Task.Delay(200);
            }
        }
        while (true)
        {
            using var shipment = await Api.GetAsync(new Uri("api/shipments/" + Shipment, UriKind.Relative));
            if (shipment.IsSuccessStatusCode && ((JArray)JObject.Parse(await shipment.Content.ReadAsStringAsync())["documents"]!).Count == 2) break;
            Assert.True(DateTime.UtcNow < deadline, $"shipment {Shipment} was not reconciled in time");
            await Task.Delay(200);
        }
        Browser = await launch;
        Directory.CreateDirectory(Screenshots);
    }

    private async Task<IBrowser> LaunchBrowserAsync()
    {
        _playwright = await Playwright.CreateAsync();
        return await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A fresh page (1400x1000, or the size given) opened on the dashboard with the key in the URL fragment.</summary>
    public async Task<IPage> OpenAsync(string fragment = "#/", int width = 1400, int height = 1000)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(20_000);
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        await page.GotoAsync(new Uri(BaseAddress, "api/dashboard/#key=" + Key).ToString());
        await page.WaitForSelectorAsync("#results tbody tr[data-id]");
        if (fragment != "#/") await page.EvaluateAsync("f => { location.hash = f; }", fragment);
        return page;
    }

    public async Task<JObject> GetJsonAsync(string path) =>
        JObject.Parse(await Api.GetStringAsync(new Uri(path, UriKind.Relative)));

    public static string Screenshot(string name) => Path.Combine(Screenshots, name);

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CustomsFn.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("CustomsFn.sln not found above " + AppContext.BaseDirectory);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        Api?.Dispose();
        if (_host is not null) await _host.DisposeAsync();
        if (_azurite is not null) await _azurite.DisposeAsync();
        try { if (_location is not null) Directory.Delete(_location, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
