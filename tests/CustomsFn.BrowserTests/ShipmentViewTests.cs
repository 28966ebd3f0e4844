using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Newtonsoft.Json.Linq;

namespace CustomsFn.BrowserTests;

/// <summary>
/// The dashboard's shipment view and the document list a compliance officer reads at a glance (issue 24): a shipment
/// lists its documents and reconciliation findings, each document names its shipment, lines count from 1, an old
/// tariff edition is flagged, and every view fits a 390 px phone without scrolling sideways.
/// </summary>
public sealed partial class ShipmentViewTests(DashboardFixture fx) : IClassFixture<DashboardFixture>
{
    /// <summary>Set to 1 to write the screenshots the docs show (docs/dashboard-*.png) besides the test artifacts.</summary>
    public const string DocsScreenshotsVariable = "CUSTOMSFN_DOCS_SCREENSHOTS";

    private string Invoice => fx.Documents[$"{DashboardFixture.Shipment}/invoice.xml"];
    private string PackingList => fx.Documents[$"{DashboardFixture.Shipment}/packing-list.xml"];

    /// <summary>The screenshots the docs show (the others stay test artifacts).</summary>
    private static readonly HashSet<string> DocsScreenshots = new(StringComparer.Ordinal)
    {
        "dashboard-shipment.png", "dashboard-documents.png", "dashboard-390-documents.png", "dashboard-390-shipment.png",
    };

    private static async Task ScreenshotAsync(IPage page, string name, bool fullPage = true)
    {
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = DashboardFixture.Screenshot(name), FullPage = fullPage });
        if (DocsScreenshots.Contains(name) && Environment.GetEnvironmentVariable(DocsScreenshotsVariable) == "1")
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(DashboardFixture.RepoRoot, "docs", name), FullPage = fullPage });
    }

    [Fact]
    public async Task Shipment_ShowsItsVerdictDocumentsAndFindings_LinkedBothWaysWithItsDocuments()
    {
        var api = await fx.GetJsonAsync("api/shipments/" + DashboardFixture.Shipment);
        var page = await fx.OpenAsync("#/shipments");
        var row = page.Locator($"#shipments tbody tr[data-id='{DashboardFixture.Shipment}']");
        await row.WaitForAsync();
        Assert.Equal((string)api["verdict"]!, await row.GetAttributeAsync("data-verdict"));

        await row.Locator("a").ClickAsync();
        await page.WaitForSelectorAsync("#shipment-findings li.finding");
        Assert.Equal((string)api["verdict"]!, await page.GetAttributeAsync("#shipment-verdict .badge", "data-verdict"));
        Assert.Equal(new[] { Invoice, PackingList }.Order(StringComparer.Ordinal),
            (await page.Locator("#shipment-documents tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.id)")).Order(StringComparer.Ordinal));
        var rules = api["findings"]!.Select(f => (string)f["rule"]!).ToList();
        Assert.Equal(rules, await page.Locator("#shipment-findings li.finding").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.rule)"));

        // Evidence names the place with lines counted from 1 (the contract's lines[0] is "line 1").
        var text = await page.InnerTextAsync("#shipment-findings");
        var linePaths = api["findings"]!.SelectMany(f => f["evidence"]!).Select(e => LinePath().Match((string)e["path"]!)).Where(m => m.Success).ToList();
        Assert.NotEmpty(linePaths);
        foreach (var m in linePaths)
            Assert.Contains($"line {int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + 1} · {m.Groups[2].Value}", text, StringComparison.Ordinal);
        Assert.DoesNotContain("lines[", text, StringComparison.Ordinal);
        Assert.DoesNotContain("null", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        await ScreenshotAsync(page, "dashboard-shipment.png");

        // A document of the shipment names it, and leads back to it.
        await page.ClickAsync($"#shipment-documents tbody tr[data-id='{PackingList}'] a");
        await page.WaitForFunctionAsync($"() => location.hash === '#/doc/{PackingList}'");
        var link = page.Locator("#doc-shipment-link");
        await link.WaitForAsync();
        Assert.Equal(DashboardFixture.Shipment, await link.InnerTextAsync());
        Assert.DoesNotContain("null", await page.InnerTextAsync("#doc-shipment"), StringComparison.Ordinal);
        await link.ClickAsync();
        await page.WaitForSelectorAsync("#shipment-title");
        Assert.Contains(DashboardFixture.Shipment, await page.InnerTextAsync("#shipment-title"), StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Shipment_WithFindingsLeftOut_SaysHowManyAndCountsThemPerRule()
    {
        // The stored shipment as a large one is kept: a sample of its findings and their counts per rule.
        var api = await fx.GetJsonAsync("api/shipments/" + DashboardFixture.Shipment);
        var shown = ((JArray)api["findings"]!).Count;
        api["shipmentId"] = "big-one";
        api["truncated"] = new JObject
        {
            ["findings"] = 997, ["storedFindings"] = shown, ["findingsByRule"] = new JObject { ["SHIP-012"] = 500, ["SHIP-020"] = 497 },
            ["lineMatches"] = 1500, ["storedLineMatches"] = 1000,
        };
        var page = await fx.OpenAsync("#/shipments");
        await page.RouteAsync("**/api/shipments/big-one", route => route.FulfillAsync(new RouteFulfillOptions { ContentType = "application/json", Body = api.ToString() }));
        await page.EvaluateAsync("() => { location.hash = '#/shipment/big-one'; }");
        var note = page.Locator("#shipment-truncated");
        await note.WaitForAsync();
        Assert.Equal($"Showing {shown} of 997 findings; all of them by rule: SHIP-012 500 · SHIP-020 497.", await note.InnerTextAsync());
        Assert.Contains($"Reconciliation findings ({shown} of 997)", await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('section.panel h2')].map(h => h.textContent)"));
        Assert.Equal(shown, await page.Locator("#shipment-findings li.finding").CountAsync());

        // Without 'truncated', no note.
        await page.EvaluateAsync($"() => {{ location.hash = '#/shipment/{DashboardFixture.Shipment}'; }}");
        await page.WaitForFunctionAsync($"() => document.querySelector('#shipment-title')?.textContent.includes('{DashboardFixture.Shipment}')");
        Assert.Equal(0, await page.Locator("#shipment-truncated").CountAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task DocumentList_ShowsTypeAndNumber_PartiesAsWritten_ValueAndWorstFinding()
    {
        var result = await fx.GetJsonAsync("api/results/" + Invoice);
        var fields = result["fields"]!;
        var page = await fx.OpenAsync();
        var row = page.Locator($"#results tbody tr[data-id='{Invoice}']");
        Assert.Equal("Invoice " + (string)fields["invoiceNumber"]!["value"]!, await row.Locator("a.doc-title").InnerTextAsync());
        var parties = await row.Locator("td.parties").InnerTextAsync();
        Assert.StartsWith((string)fields["sellerName"]!["value"]!, parties, StringComparison.Ordinal);
        Assert.Contains((string)fields["buyerName"]!["value"]!, parties, StringComparison.Ordinal);
        Assert.EndsWith(" " + (string)fields["currency"]!["value"]!, (await row.Locator("td.value").InnerTextAsync()).Trim(), StringComparison.Ordinal);
        var worst = result["findings"]!.OrderBy(f => (string)f["severity"]! switch { "error" => 0, "warning" => 1, _ => 2 }).First();
        Assert.Contains((string)worst["rule"]!, await row.Locator("td.worst-cell").InnerTextAsync(), StringComparison.Ordinal);
        // Never the upload's blob path as the document's name.
        Assert.DoesNotContain(await page.Locator("#results a.doc-title").AllInnerTextsAsync(), t => t.Contains('/', StringComparison.Ordinal));
        await ScreenshotAsync(page, "dashboard-documents.png", fullPage: false);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TariffEdition_IsShown_AndFlaggedOnlyWhenOlderThanTheDocument()
    {
        var page = await fx.OpenAsync($"#/doc/{Invoice}");
        var edition = page.Locator("#tariff-edition");
        await edition.WaitForAsync();
        Assert.StartsWith("uk-tariff-2022", await edition.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("older than the document (issued 2026-", await page.InnerTextAsync("#tariff-flag"), StringComparison.Ordinal);

        var current = fx.Documents["ubl-invoice-de-us-clean.xml"];
        Assert.DoesNotContain((await fx.GetJsonAsync("api/results/" + current))["findings"]!, f => (string)f["rule"]! == "TARIFF-007");
        await page.EvaluateAsync("f => { location.hash = f; }", $"#/doc/{current}");
        await page.WaitForFunctionAsync("() => document.querySelector('#tariff-edition')?.textContent.startsWith('us-htsus-2026')");
        Assert.Equal(0, await page.Locator("#tariff-flag").CountAsync());
        // Its shipment (by reference, this invoice alone) has no finding: the panel says nothing of one.
        await page.WaitForSelectorAsync("#doc-shipment-link");
        Assert.DoesNotContain("null", await page.InnerTextAsync("#doc-shipment"), StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AtPhoneWidth_NoViewScrollsSideways()
    {
        var page = await fx.OpenAsync(width: 390, height: 844);
        var views = new (string Fragment, string Ready, string Screenshot)[]
        {
            ("#/", "#results tbody tr[data-id]", "dashboard-390-documents.png"),
            ("#/shipments", "#shipments tbody tr[data-id]", "dashboard-390-shipments.png"),
            ($"#/shipment/{DashboardFixture.Shipment}", "#shipment-findings li.finding", "dashboard-390-shipment.png"),
            ($"#/doc/{Invoice}", "#doc-shipment-link", "dashboard-390-document.png"),
            ($"#/doc/{fx.Documents[DashboardFixture.Pdf]}", "#page[data-rendered='1']", "dashboard-390-pdf.png"),
        };
        foreach (var (fragment, ready, screenshot) in views)
        {
            await page.EvaluateAsync("f => { location.hash = f; }", fragment);
            await page.WaitForSelectorAsync(ready);
            var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
            var wide = widths[0] <= widths[1] ? [] : await page.EvaluateAsync<string[]>(
                "w => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > w && ![...e.children].some(c => c.getBoundingClientRect().right > w)).slice(0, 5).map(e => e.tagName + '#' + e.id + '.' + e.className)",
                widths[1]);
            Assert.True(widths[0] <= widths[1], $"{fragment}: the page is {widths[0]} px wide in a {widths[1]} px viewport: {string.Join(", ", wide)}");
            await ScreenshotAsync(page, screenshot, fullPage: false);
        }
        await page.Context.CloseAsync();
    }

    [GeneratedRegex(@"^lines\[(\d+)\]\.(\w+)$")]
    private static partial Regex LinePath();
}
