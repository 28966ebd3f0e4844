using System.Net;
using System.Text;
using CustomsFn.Api;
using CustomsFn.IntegrationTests.Support;
using Newtonsoft.Json.Linq;

namespace CustomsFn.IntegrationTests.Api;

/// <summary>
/// The signed-in principal as App Service authentication passes it (the host trusts <c>X-MS-CLIENT-PRINCIPAL</c>, as the
/// Functions app does): <c>GET /api/me</c> names it, and recording a review needs the <c>Customs.Reviewer</c> role
/// (issue 24: a free-text "Your name" was the reviewer).
/// </summary>
public sealed class SignInApiTests(ApiHostFixture host) : IClassFixture<ApiHostFixture>
{
    private static Uri U(string relative) => new(relative, UriKind.Relative);

    private static HttpRequestMessage As(HttpMethod method, string path, string name, params string[] roles)
    {
        var request = new HttpRequestMessage(method, U(path));
        request.Headers.Add(ClientPrincipal.Header, ClientPrincipal.Encode("aad", name, roles));
        return request;
    }

    private static async Task<JObject> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JObject.Parse(text);
    }

    [Fact]
    public async Task Me_NamesTheSignedInPrincipal_ItsRoles_AndWhetherItMayReview()
    {
        using var client = host.Client();
        using var reviewer = await client.SendAsync(As(HttpMethod.Get, "api/me", "Rita Reviewer", "Customs.Reviewer", "Other.Role"));
        var me = await JsonAsync(reviewer, HttpStatusCode.OK);
        Assert.True((bool)me["signedIn"]!);
        Assert.Equal("Rita Reviewer", (string)me["name"]!);
        Assert.Equal(["Customs.Reviewer", "Other.Role"], me["roles"]!.Select(r => (string)r!));
        Assert.True((bool)me["canReview"]!);
        Assert.StartsWith("/.auth/login/aad?post_login_redirect_uri=", (string)me["signInUrl"]!, StringComparison.Ordinal);

        using var viewer = await client.SendAsync(As(HttpMethod.Get, "api/me", "Vic Viewer"));
        Assert.False((bool)(await JsonAsync(viewer, HttpStatusCode.OK))["canReview"]!);

        using var machine = await client.GetAsync(U("api/me"));
        var key = await JsonAsync(machine, HttpStatusCode.OK);
        Assert.False((bool)key["signedIn"]!);
        Assert.True((bool)key["canReview"]!); // the API key alone: a machine client names its reviewer
    }

    [Fact]
    public async Task Review_BySignedInPrincipalWithoutTheReviewerRole_Is403_AndRecordsNothing()
    {
        var id = await host.UploadAndWaitAsync(ApiHostFixture.Variant("ubl-creditnote-cn-gb.xml", "role-test"), "role-test.xml");
        using var client = host.Client();
        using var request = As(HttpMethod.Post, $"api/results/{id}/review", "Vic Viewer");
        request.Content = new StringContent("""{ "decision": "rejected", "reason": "Looks wrong to me", "reviewer": "Rita Reviewer" }""", Encoding.UTF8, "application/json");
        var problem = await JsonAsync(await client.SendAsync(request), HttpStatusCode.Forbidden);
        Assert.EndsWith("/not-a-reviewer", (string)problem["type"]!, StringComparison.Ordinal);
        Assert.Contains("Customs.Reviewer", (string)problem["detail"]!, StringComparison.Ordinal);
        using var audit = await client.GetAsync(U($"api/results/{id}/audit"));
        Assert.Equal(1, (int)(await JsonAsync(audit, HttpStatusCode.OK))["version"]!);
    }
}
