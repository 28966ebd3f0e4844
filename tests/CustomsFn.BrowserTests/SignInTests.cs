using System.Text;
using CustomsFn.Api;
using Microsoft.Playwright;
using Newtonsoft.Json.Linq;

namespace CustomsFn.BrowserTests;

/// <summary>
/// The dashboard's sign-in with the local host's development sign-in, which stands in for Microsoft Entra ID (App Service
/// authentication): the reviewer is the signed-in principal, and only the Customs.Reviewer role may record a review.
/// </summary>
public sealed class SignInTests(DashboardFixture fx) : IClassFixture<DashboardFixture>
{
    private static async Task SignInAsync(IPage page, string name, bool reviewer)
    {
        await page.ClickAsync("#sign-in");
        await page.WaitForSelectorAsync("#dev-name");
        await page.FillAsync("#dev-name", name);
        if (reviewer) await page.CheckAsync("#dev-reviewer");
        await page.ClickAsync("#dev-submit");
        await page.WaitForSelectorAsync("#who-name");
        Assert.Equal(name, await page.InnerTextAsync("#who-name"));
    }

    [Fact]
    public async Task SignIn_TheReviewerIsThePrincipal_AndOnlyTheReviewerRoleMayReview()
    {
        var id = fx.Documents["ubl-invoice-de-us-clean.xml"];
        var page = await fx.OpenAsync();
        await page.WaitForSelectorAsync("#sign-in");

        // Signed in without the role: the form says so and cannot be sent.
        await SignInAsync(page, "Vic Viewer", reviewer: false);
        Assert.Equal(0, await page.Locator("#who-role").CountAsync());
        Assert.Equal("Vic Viewer\nSign out", (await page.InnerTextAsync("#who")).Trim().Replace("\r", "", StringComparison.Ordinal));
        await page.EvaluateAsync("f => { location.hash = f; }", $"#/doc/{id}");
        await page.WaitForFunctionAsync("() => document.querySelector('#review-as')?.textContent.includes('without the Customs.Reviewer role')");
        Assert.True(await page.IsDisabledAsync("#review-submit"));

        // Signed out, then in as a reviewer: the review is recorded under the principal's name, with no name to type.
        await page.ClickAsync("#sign-out");
        await page.WaitForSelectorAsync("#sign-in");
        await SignInAsync(page, "Rita Reviewer", reviewer: true);
        Assert.Equal("Customs.Reviewer", await page.InnerTextAsync("#who-role"));
        await page.EvaluateAsync("f => { location.hash = f; }", $"#/doc/{id}");
        await page.WaitForFunctionAsync("() => document.querySelector('#review-as')?.textContent === 'Reviewing as Rita Reviewer'");
        Assert.Equal(0, await page.Locator("#review-reviewer").CountAsync());
        await page.SelectOptionAsync("#review-decision", "rejected");
        await page.FillAsync("#review-reason", "Exporter withdrew the certificate of origin");
        await page.ClickAsync("#review-submit");
        var review = page.Locator("#history li[data-kind='review']");
        await review.WaitForAsync();
        Assert.Equal("Rita Reviewer", await review.Locator(".reviewer").InnerTextAsync());
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = DashboardFixture.Screenshot("dashboard-signed-in.png"), FullPage = false });
        if (Environment.GetEnvironmentVariable(ShipmentViewTests.DocsScreenshotsVariable) == "1")
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(DashboardFixture.RepoRoot, "docs", "dashboard-signed-in.png"), FullPage = false });

        var history = await fx.GetJsonAsync($"api/results/{id}/audit");
        Assert.Equal("rejected", (string)history["status"]!);
        Assert.Equal("Rita Reviewer", (string)history["records"]!.Last(r => (string)r["kind"]! == "review")["reviewer"]!);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task DevelopmentSignIn_IgnoresAPrincipalHeaderTheClientSendsItself()
    {
        var id = fx.Documents["ubl-creditnote-cn-gb.xml"];
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"api/results/{id}/review", UriKind.Relative))
        {
            Content = new StringContent("""{ "decision": "accepted", "reason": "Checked against the contract", "reviewer": "casey" }""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(ClientPrincipal.Header, ClientPrincipal.Encode("aad", "Mallory", ["Customs.Reviewer"]));
        using var response = await fx.Api.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        Assert.Equal("casey", (string)JObject.Parse(text)["reviewer"]!);
        Assert.False((bool)(await fx.GetJsonAsync("api/me"))["signedIn"]!);
    }
}
