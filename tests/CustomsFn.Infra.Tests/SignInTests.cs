using CustomsFn.Infra.Tests.Support;

namespace CustomsFn.Infra.Tests;

/// <summary>
/// App Service authentication with Entra ID (signInClientId, read by the parameters files from
/// CUSTOMSFN_SIGNIN_CLIENT_ID): users sign in and reach the app with their principal, anonymous requests still reach the
/// key-protected routes, and no client secret exists (the managed identity's federated credential stands in).
/// </summary>
[Collection(InfraCollection.Name)]
public sealed class SignInTests(InfraWorkspace infra)
{
    public static TheoryData<string> Environments => new(InfraWorkspace.Environments);

    private const string AuthSettings = "Microsoft.Web/sites/config";

    [Theory]
    [MemberData(nameof(Environments))]
    public async Task WithoutAnAppRegistration_AuthenticationIsNotConfigured(string environment)
    {
        var snapshot = await infra.SnapshotAsync(environment, true);

        Assert.DoesNotContain(snapshot.OfType(AuthSettings), r => InfraSnapshot.LeafName(r) == "authsettingsV2");
        Assert.DoesNotContain("OVERRIDE_USE_MI_FIC_ASSERTION_CLIENTID", snapshot.AppSettings.Keys);
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public async Task WithAnAppRegistration_UsersSignInWithEntraId_AndMachineClientsStillUseKeys(string environment)
    {
        var snapshot = await infra.SnapshotAsync(environment, true, signIn: true);
        var auth = Assert.Single(snapshot.OfType(AuthSettings), r => InfraSnapshot.LeafName(r) == "authsettingsV2");
        var provider = auth.SelectToken("properties.identityProviders.azureActiveDirectory")!;

        Assert.True((bool)auth.SelectToken("properties.platform.enabled")!);
        // Not required: the routes keep their function keys for machine clients; a signed-in user adds a principal.
        Assert.False((bool)auth.SelectToken("properties.globalValidation.requireAuthentication")!);
        Assert.Equal("AllowAnonymous", (string?)auth.SelectToken("properties.globalValidation.unauthenticatedClientAction"));
        Assert.True((bool)provider["enabled"]!);
        Assert.Equal(InfraWorkspace.SignInClientId, (string?)provider.SelectToken("registration.clientId"));
        // The cloud's login endpoint and the tenant, v2.0 (left as an ARM expression by the snapshot).
        Assert.Contains("/v2.0", (string?)provider.SelectToken("registration.openIdIssuer"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public async Task SignIn_StoresNoSecret_TheManagedIdentityStandsIn(string environment)
    {
        var snapshot = await infra.SnapshotAsync(environment, true, signIn: true);
        var auth = Assert.Single(snapshot.OfType(AuthSettings), r => InfraSnapshot.LeafName(r) == "authsettingsV2");
        var setting = (string)auth.SelectToken("properties.identityProviders.azureActiveDirectory.registration.clientSecretSettingName")!;

        Assert.Equal("OVERRIDE_USE_MI_FIC_ASSERTION_CLIENTID", setting);
        Assert.Equal(Expression(snapshot.IdentityReference("clientId")), snapshot.AppSettings[setting]);
        // And the API trusts the principal only because the platform strips a client-sent header and signs users in.
        Assert.DoesNotContain(snapshot.AppSettings.Keys, k => k.Contains("SECRET", StringComparison.OrdinalIgnoreCase));
    }

    private static string Expression(string reference) => $"[{reference}]";
}
