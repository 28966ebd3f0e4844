using Microsoft.Playwright;
using Newtonsoft.Json.Linq;

namespace CustomsFn.BrowserTests;

/// <summary>
/// Issue 23: the document view shows a sanctions match next to the party it concerns, with the list entry (list, entry
/// id, primary name, programme, matched name and its kind, score, reasons); a party that matched nothing shows nothing.
/// </summary>
public sealed class SanctionsMatchViewTests(DashboardFixture fx) : IClassFixture<DashboardFixture>
{
    /// <summary>Set to 1 to write the screenshot docs/screening.md shows (docs/dashboard-sanctions.png).</summary>
    private const string DocsScreenshotsVariable = ShipmentViewTests.DocsScreenshotsVariable;

    private async Task<JObject> ScreeningFindingAsync(string document, string field)
    {
        var result = await fx.GetJsonAsync("api/results/" + fx.Documents[document]);
        var findings = result["findings"]!.Where(f => ((string)f["rule"]!).StartsWith("SANC-", StringComparison.Ordinal) && (string?)f["path"] == field).ToList();
        return (JObject)Assert.Single(findings);
    }

    [Fact]
    public async Task ListedSeller_ShowsAPossibleMatchBadgeAndTheListEntry_NextToTheSeller_AndTheCleanBuyerNone()
    {
        var finding = await ScreeningFindingAsync(DashboardFixture.PossibleMatch, "sellerName");
        Assert.Equal("SANC-001", (string)finding["rule"]!);
        var match = (JObject)finding["sanctionsMatch"]!;
        Assert.Equal(DashboardFixture.ListedSeller, (string)match["matchedName"]!, ignoreCase: true);
        Assert.Equal("primary", (string)match["matchedNameKind"]!);
        Assert.DoesNotContain((await fx.GetJsonAsync("api/results/" + fx.Documents[DashboardFixture.PossibleMatch]))["findings"]!,
            f => (string?)f["path"] == "buyerName" && ((string)f["rule"]!).StartsWith("SANC-", StringComparison.Ordinal));

        var page = await fx.OpenAsync($"#/doc/{fx.Documents[DashboardFixture.PossibleMatch]}");
        var seller = page.Locator("#fields tr.field[data-field='sellerName']");
        await seller.Locator(".sanctions-badge").WaitForAsync();

        // The badge is in the seller's row, styled as a warning.
        var badge = seller.Locator(".sanctions-badge");
        Assert.Equal(1, await badge.CountAsync());
        Assert.Contains("possible sanctions match", await badge.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("SANC-001", await badge.GetAttributeAsync("data-rule"));
        Assert.Contains("warning", await badge.GetAttributeAsync("class") ?? "", StringComparison.Ordinal);
        Assert.Equal("rgb(178, 106, 0)", await badge.EvaluateAsync<string>("b => getComputedStyle(b).backgroundColor")); // --review

        // The list entry is the row right under the seller's.
        Assert.True(await page.EvaluateAsync<bool>(
            "() => document.querySelector(\"#fields tr.field[data-field='sellerName']\").nextElementSibling.matches(\"tr.sanctions-row[data-field='sellerName']\")"));
        var entry = page.Locator("#fields tr.sanctions-row[data-field='sellerName'] .sanctions-entry");
        Assert.Equal("SANC-001", await entry.GetAttributeAsync("data-rule"));
        async Task<string> Item(string name) => await entry.Locator($"dd[data-item='{name}']").InnerTextAsync();
        Assert.Equal((string)match["list"]!, await Item("list"));
        Assert.Equal((string)match["entryId"]!, await Item("entry"));
        Assert.Equal((string)match["primaryName"]!, await Item("primary name"));
        Assert.Equal((string)match["programme"]!, await Item("programme"));
        Assert.Equal($"{(string)match["matchedName"]!} (primary name)", await Item("matched name"));
        Assert.Equal(((double)match["score"]!).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), await Item("score"));
        var reasons = await entry.Locator("dd[data-item='reasons'] li").AllInnerTextsAsync();
        Assert.Equal(match["reasons"]!.Select(r => (string)r!), reasons);
        Assert.NotEmpty(reasons);
        var text = await entry.InnerTextAsync();
        Assert.DoesNotContain("undefined", text, StringComparison.Ordinal);
        Assert.DoesNotContain("null", text, StringComparison.Ordinal);

        // The clean buyer (and every other field) shows no badge and no entry.
        Assert.Equal(0, await page.Locator("#fields tr.field[data-field='buyerName'] .sanctions-badge").CountAsync());
        Assert.Equal(0, await page.Locator("#fields tr.sanctions-row[data-field='buyerName']").CountAsync());
        Assert.Equal(1, await page.Locator("#fields tr.field .sanctions-badge").CountAsync());
        Assert.Equal(1, await page.Locator("#fields tr.sanctions-row").CountAsync());

        await entry.ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = DashboardFixture.Screenshot("document-sanctions-possible.png") });
        if (Environment.GetEnvironmentVariable(DocsScreenshotsVariable) == "1")
        {
            // The seller, its list entry and the clean buyer: the part of the fields table the docs show.
            var top = (await seller.BoundingBoxAsync())!;
            var bottom = (await page.Locator("#fields tr.field[data-field='buyerName']").BoundingBoxAsync())!;
            var table = (await page.Locator("#fields").BoundingBoxAsync())!;
            await page.ScreenshotAsync(new PageScreenshotOptions
            {
                Path = Path.Combine(DashboardFixture.RepoRoot, "docs", "dashboard-sanctions.png"),
                Clip = new Clip { X = table.X, Y = top.Y, Width = table.Width, Height = bottom.Y + bottom.Height - top.Y },
            });
        }

        // Clicking the entry selects its finding.
        await entry.ClickAsync();
        await page.WaitForSelectorAsync("#findings li.finding.selected[data-rule='SANC-001']");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task StrongMatch_ShowsAStrongMatchBadgeStyledAsAnError_WithTheEntryAndItsProgramme()
    {
        var finding = await ScreeningFindingAsync(DashboardFixture.StrongMatch, "sellerName");
        Assert.Equal("SANC-002", (string)finding["rule"]!);
        var match = (JObject)finding["sanctionsMatch"]!;
        Assert.True((bool)match["strong"]!);

        var page = await fx.OpenAsync($"#/doc/{fx.Documents[DashboardFixture.StrongMatch]}");
        var badge = page.Locator("#fields tr.field[data-field='sellerName'] .sanctions-badge");
        await badge.WaitForAsync();
        Assert.Contains("strong sanctions match", await badge.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("SANC-002", await badge.GetAttributeAsync("data-rule"));
        Assert.Equal("rgb(192, 54, 44)", await badge.EvaluateAsync<string>("b => getComputedStyle(b).backgroundColor")); // --rejected

        var entry = page.Locator("#fields tr.sanctions-row[data-field='sellerName'] .sanctions-entry");
        Assert.Contains("error", await entry.GetAttributeAsync("class") ?? "", StringComparison.Ordinal);
        Assert.Equal("OFAC-SDN:306", await entry.Locator("dd[data-item='entry']").InnerTextAsync());
        Assert.Equal("ofac-sdn", await entry.Locator("dd[data-item='list']").InnerTextAsync());
        Assert.Equal("CUBA", await entry.Locator("dd[data-item='programme']").InnerTextAsync());
        Assert.Contains(DashboardFixture.StrongSeller, await entry.Locator("dd[data-item='primary name']").InnerTextAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("CH", await entry.Locator("dd[data-item='countries']").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("#fields tr.field[data-field='buyerName'] .sanctions-badge").CountAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task DocumentText_InTheEntry_IsShownAsText_NeverAsMarkup_AndAnOldFindingShowsItsMessage()
    {
        // The stored result, served to the page with markup planted in the party's value and in the entry's names.
        var id = fx.Documents[DashboardFixture.PossibleMatch];
        var result = await fx.GetJsonAsync("api/results/" + id);
        const string Markup = "<img src=x onerror=\"window.__pwned=1\"><b>bold</b>";
        result["fields"]!["sellerName"]!["value"] = "ROSHAN MONEY EXCHANGE " + Markup;
        var finding = result["findings"]!.Single(f => (string?)f["path"] == "sellerName" && (string)f["rule"]! == "SANC-001");
        finding["sanctionsMatch"]!["matchedName"] = "ROSHAN " + Markup;
        finding["sanctionsMatch"]!["reasons"] = new JArray("token " + Markup);
        var page = await fx.OpenAsync();
        await page.RouteAsync($"**/api/results/{id}", route => route.FulfillAsync(new RouteFulfillOptions { ContentType = "application/json", Body = result.ToString() }));
        await page.EvaluateAsync($"() => {{ location.hash = '#/doc/{id}'; }}");
        var entry = page.Locator("#fields tr.sanctions-row[data-field='sellerName'] .sanctions-entry");
        await entry.WaitForAsync();
        Assert.Equal("ROSHAN " + Markup + " (primary name)", await entry.Locator("dd[data-item='matched name']").InnerTextAsync());
        Assert.Equal("token " + Markup, await entry.Locator("dd[data-item='reasons'] li").InnerTextAsync());
        Assert.Contains(Markup, await page.Locator("#fields tr.field[data-field='sellerName']").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("#fields img, #fields b").CountAsync());
        Assert.False(await page.EvaluateAsync<bool>("() => window.__pwned === 1"));

        // A result written before findings carried the entry as data: the badge, and the finding's message under it.
        finding["sanctionsMatch"]!.Parent!.Remove();
        await page.UnrouteAsync($"**/api/results/{id}");
        await page.RouteAsync($"**/api/results/{id}", route => route.FulfillAsync(new RouteFulfillOptions { ContentType = "application/json", Body = result.ToString() }));
        await page.EvaluateAsync("() => { location.hash = '#/'; }");
        await page.WaitForSelectorAsync("#results tbody tr[data-id]");
        await page.EvaluateAsync($"() => {{ location.hash = '#/doc/{id}'; }}");
        await entry.WaitForAsync();
        Assert.Equal("SANC-001", await page.GetAttributeAsync("#fields tr.field[data-field='sellerName'] .sanctions-badge", "data-rule"));
        Assert.Equal((string)finding["message"]!, await entry.Locator(".msg").InnerTextAsync());
        Assert.Equal(0, await entry.Locator("dl").CountAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task OnA390PxPhone_TheEntryFitsWithoutScrollingSideways()
    {
        var page = await fx.OpenAsync($"#/doc/{fx.Documents[DashboardFixture.StrongMatch]}", width: 390, height: 844);
        var entry = page.Locator("#fields tr.sanctions-row[data-field='sellerName'] .sanctions-entry");
        await entry.WaitForAsync();
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"the page scrolls sideways: {widths[0]} > {widths[1]}");
        await entry.ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = DashboardFixture.Screenshot("document-sanctions-390.png") });
        var box = (await entry.BoundingBoxAsync())!;
        Assert.True(box.X >= 0 && box.X + box.Width <= 390, $"the entry is outside the screen: {box.X}..{box.X + box.Width}");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task CleanDocument_ShowsNoSanctionsBadge()
    {
        var id = fx.Documents["ubl-invoice-de-us-clean.xml"];
        var result = await fx.GetJsonAsync("api/results/" + id);
        Assert.DoesNotContain(result["findings"]!, f => ((string)f["rule"]!).StartsWith("SANC-", StringComparison.Ordinal));
        var page = await fx.OpenAsync($"#/doc/{id}");
        await page.WaitForSelectorAsync("#fields tr.field[data-field='sellerName']");
        Assert.Equal(0, await page.Locator(".sanctions-badge, .sanctions-entry").CountAsync());
        await page.Context.CloseAsync();
    }
}
