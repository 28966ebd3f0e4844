using System.Text;
using CustomsFn.Api;

namespace CustomsFn.IntegrationTests.Api;

/// <summary>The reviewer identity from App Service authentication's X-MS-CLIENT-PRINCIPAL header.</summary>
public sealed class ClientPrincipalTests
{
    private static string Encode(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Name_UsesTheClaimNamedByNameTyp()
    {
        var header = Encode("""{"auth_typ":"aad","name_typ":"http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn","claims":[{"typ":"name","val":"Alice"},{"typ":"http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn","val":"alice@contoso.example"}]}""");
        Assert.Equal("alice@contoso.example", ClientPrincipal.Name(header, "ignored"));
    }

    [Fact]
    public void Name_FallsBackToCommonNameClaims_ThenToTheNameHeader()
    {
        Assert.Equal("bob@example.com", ClientPrincipal.Name(Encode("""{"claims":[{"typ":"roles","val":"auditor"},{"typ":"preferred_username","val":"bob@example.com"}]}"""), null));
        Assert.Equal("carol", ClientPrincipal.Name(Encode("""{"claims":[]}"""), " carol "));
        Assert.Equal("dave", ClientPrincipal.Name("%%% not base64", "dave"));
        Assert.Equal("erin", ClientPrincipal.Name(Encode("not json"), "erin"));
        Assert.Null(ClientPrincipal.Name(null, null));
        Assert.Null(ClientPrincipal.Name("", "  "));
    }
}
