using Microsoft.Playwright;
using Newtonsoft.Json.Linq;
using UglyToad.PdfPig;

namespace CustomsFn.BrowserTests;

/// <summary>The dashboard in Chromium: filter the list, open a document, click a finding to see its box on the page, review.</summary>
public sealed class DashboardTests(DashboardFixture fx) : IClassFixture<DashboardFixture>
{
    [Fact]
    public async Task List_FilterByStatus_ShowsOnlyThatStatus_WithTheApisCounts()
    {
        var page = await fx.OpenAsync();
        var api = await fx.GetJsonAsync("api/results");
        foreach (var status in new[] { "accepted", "needs-review", "rejected" })
        {
            Assert.True((int)api["counts"]![status]! > 0, "no document is " + status);
            Assert.Equal((string)api["counts"]![status]!, await page.InnerTextAsync($"#counts .count[data-status='{status}'] b"));
        }
        Assert.Equal((int)api["total"]!, await page.Locator("#results tbody tr[data-id]").CountAsync());

        await page.SelectOptionAsync("#f-status", "rejected");
        await page.ClickAsync("#f-apply");
        await page.WaitForFunctionAsync("() => location.hash.includes('status=rejected') && document.querySelector('#counts .count.active')");
        var rows = page.Locator("#results tbody tr[data-id]");
        var rejected = await fx.GetJsonAsync("api/results?status=rejected");
        Assert.Equal((int)rejected["total"]!, await rows.CountAsync());
        Assert.True((int)rejected["total"]! >= 2);
        foreach (var status in await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.status)"))
            Assert.Equal("rejected", status);

        await page.FillAsync("#f-seller", "");
        await page.SelectOptionAsync("#f-status", "");
        await page.FillAsync("#f-hs", "6214");
        await page.ClickAsync("#f-apply");
        await page.WaitForFunctionAsync("() => location.hash.includes('hsCode=6214') && document.querySelectorAll('#results tbody tr[data-id]').length === 1");
        Assert.Equal(fx.Documents["ubl-creditnote-cn-gb.xml"], await page.GetAttributeAsync("#results tbody tr[data-id]", "data-id"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = DashboardFixture.Screenshot("list-filtered.png"), FullPage = true });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Document_ClickAFinding_HighlightsItsEvidenceBox_WhereThePdfHasIt()
    {
        var id = fx.Documents[DashboardFixture.Pdf];
        var result = await fx.GetJsonAsync("api/results/" + id);
        // The first finding whose evidence is a box on the page (its own source, or its field's).
        var (index, box) = FindingWithBox(result);
        Assert.True(index >= 0, "the sample PDF's result has no finding with an evidence box");

        var page = await fx.OpenAsync();
        await page.ClickAsync($"#results tbody tr[data-id='{id}'] a");
        await page.WaitForSelectorAsync("#page[data-rendered='1']");
        Assert.Equal(await page.Locator("#findings li.finding").CountAsync(), ((JArray)result["findings"]!).Count);

        var key = $"finding:{index}";
        await page.ClickAsync($"#findings li.finding[data-key='{key}']");
        var selected = page.Locator($"#boxes .box.selected[data-key='{key}']");
        await selected.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible });
        Assert.Equal(1, await page.Locator("#boxes .box.selected").CountAsync());
        Assert.Contains("selected", await page.GetAttributeAsync($"#findings li[data-key='{key}']", "class") ?? "", StringComparison.Ordinal);

        // The box is where the PDF says: points from the bottom-left, scaled to the canvas.
        using var pdf = PdfDocument.Open(await File.ReadAllBytesAsync(Path.Combine(DashboardFixture.RepoRoot, "samples", "eval", "documents", DashboardFixture.Pdf)));
        var pdfPage = pdf.GetPage((int)box["page"]!);
        var canvas = (await page.Locator("#page-canvas").BoundingBoxAsync())!;
        var drawn = (await selected.BoundingBoxAsync())!;
        var b = ((JArray)box["box"]!).Select(v => (double)v).ToArray();
        var k = canvas.Width / pdfPage.Width;
        Assert.Equal(canvas.X + (b[0] * k), drawn.X, 3.0);
        Assert.Equal(canvas.Y + ((pdfPage.Height - b[3]) * k), drawn.Y, 3.0);
        Assert.Equal((b[2] - b[0]) * k, drawn.Width, 4.0);
        Assert.Equal((b[3] - b[1]) * k, drawn.Height, 4.0);

        // Evidence reads as a place on a page, not as coordinates.
        var evidenceTexts = await page.Locator("#findings .src").AllInnerTextsAsync();
        Assert.Contains(evidenceTexts, t => t.Contains($"page {(int)box["page"]!}, highlighted", StringComparison.Ordinal));
        Assert.DoesNotContain(evidenceTexts, t => t.Contains('[', StringComparison.Ordinal));

        // Fields show their confidence visibly.
        var confidences = await page.Locator("#fields .conf").AllInnerTextsAsync();
        Assert.NotEmpty(confidences);
        Assert.All(confidences, c => Assert.Matches(@"^(\d{1,3}%|not scored)$", c.Trim()));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = DashboardFixture.Screenshot("document-finding-selected.png"), FullPage = false });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Review_FromTheForm_RequiresAReason_ThenAppearsInTheHistory()
    {
        var id = fx.Documents["ubl-invoice-de-us-defects.xml"];
        var page = await fx.OpenAsync($"#/doc/{id}");
        await page.WaitForSelectorAsync("#history li[data-kind='processed']");
        await page.WaitForSelectorAsync("#source-text .line");
        Assert.Equal(0, await page.Locator("#history li[data-kind='review']").CountAsync());

        // XML evidence: clicking a finding marks its line in the source.
        await page.ClickAsync("#findings li.finding[data-rule='HS-001']");
        await page.WaitForSelectorAsync("#source-text .line.selected");

        await page.FillAsync("#review-reviewer", "Casey Compliance");
        await page.ClickAsync("#review-submit");
        await page.WaitForFunctionAsync("() => document.querySelector('#review-error').textContent.includes('reason')");

        await page.SelectOptionAsync("#review-decision", "accepted");
        await page.FillAsync("#review-reason", "Heading 8482 confirmed by the broker's binding ruling");
        await page.ClickAsync("#review-submit");
        var review = page.Locator("#history li[data-kind='review']");
        await review.WaitForAsync();
        Assert.Contains("Casey Compliance", await review.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("binding ruling", await review.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("accepted", await page.GetAttributeAsync("#doc-status .badge", "data-status"));
        Assert.Equal("version 2", await page.InnerTextAsync("#doc-version"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = DashboardFixture.Screenshot("review-recorded.png"), FullPage = true });

        var history = await fx.GetJsonAsync($"api/results/{id}/audit");
        Assert.Equal("accepted", (string)history["status"]!);
        await page.Context.CloseAsync();
    }

    private static (int Index, JObject Box) FindingWithBox(JObject result)
    {
        var findings = (JArray)result["findings"]!;
        for (var i = 0; i < findings.Count; i++)
        {
            var source = findings[i]["source"] as JObject ?? SourceOfPath(result, (string?)findings[i]["path"]);
            if (source?["box"] is not null && (string?)source["unit"] == "pt") return (i, source);
        }
        return (-1, new JObject());
    }

    private static JObject? SourceOfPath(JObject result, string? path)
    {
        if (path is null) return null;
        var m = System.Text.RegularExpressions.Regex.Match(path, @"^lines\[(\d+)\]\.(\w+)$");
        return m.Success
            ? result["lines"]?[int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)]?[m.Groups[2].Value]?["source"] as JObject
            : result["fields"]?[path]?["source"] as JObject;
    }
}
