using CustomsFn.Core.Contract;
using CustomsFn.Infra.Tests.Support;
using Newtonsoft.Json.Linq;

namespace CustomsFn.Infra.Tests;

/// <summary>No keys anywhere, write-once results, and an identity with exactly the data roles the code needs.</summary>
[Collection(InfraCollection.Name)]
public sealed class SecurityTests(InfraWorkspace infra)
{
    // Built-in role definition ids.
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageBlobDataContributor = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";
    private const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string CognitiveServicesUser = "a97b65f3-24c7-4388-baec-2e87135dc908";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4d42-88e7-ec6d0d2d0a1e";

    private static readonly string[] BroadRoles =
    [
        "8e3af657-a8ff-443c-a75c-2fe8c4bcb635", // Owner
        "b24988ac-6180-42a0-ab88-20f7382dd24c", // Contributor
        "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9", // User Access Administrator
        "f58310d9-a9f6-439a-9e8d-f62e7b41a168", // Role Based Access Control Administrator
        "17d1049b-9a84-46fb-8f53-869881c3d3ab", // Storage Account Contributor (can list keys)
        "81a9662b-bebf-436f-a333-f67b29880f12", // Storage Account Key Operator Service Role
        "25fbc0a9-bd7c-42a3-aa1a-3b75d497ee68", // Cognitive Services Contributor (can list keys)
    ];

    public static TheoryData<string> Environments => new(InfraWorkspace.Environments);

    [Theory]
    [MemberData(nameof(Environments))]
    public async Task StorageAccount_RefusesSharedKeysPublicAccessAndOldTls(string environment)
    {
        var properties = (await infra.SnapshotAsync(environment, true)).StorageAccount["properties"]!;

        Assert.False((bool)properties["allowSharedKeyAccess"]!);
        Assert.False((bool)properties["allowBlobPublicAccess"]!);
        Assert.True((bool)properties["supportsHttpsTrafficOnly"]!);
        Assert.Equal("TLS1_2", (string?)properties["minimumTlsVersion"]);
        Assert.True((bool)properties["defaultToOAuthAuthentication"]!);
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public async Task ResultsContainer_IsWriteOnce_ForTheConfiguredRetention(string environment)
    {
        var snapshot = await infra.SnapshotAsync(environment, true);
        var blobService = snapshot.Single("Microsoft.Storage/storageAccounts/blobServices");
        var results = Container(snapshot, StorageNames.ResultsContainer);
        var policy = snapshot.Single("Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies");

        Assert.True((bool)blobService.SelectToken("properties.isVersioningEnabled")!);
        Assert.True((bool)results.SelectToken("properties.immutableStorageWithVersioning.enabled")!);
        Assert.StartsWith((string)results["id"]! + "/", (string)policy["id"]!, StringComparison.Ordinal);
        Assert.Equal(snapshot.Parameter<int>("resultsRetentionDays"), (int)policy.SelectToken("properties.immutabilityPeriodSinceCreationInDays")!);
        Assert.False((bool)policy.SelectToken("properties.allowProtectedAppendWrites")!);
        // Uploads are not WORM: the lifecycle policy must be able to delete them.
        Assert.Null(Container(snapshot, StorageNames.IncomingContainer).SelectToken("properties.immutableStorageWithVersioning"));
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public async Task Lifecycle_DeletesOldUploadsAndTheirVersions_AndNeverTouchesResults(string environment)
    {
        var snapshot = await infra.SnapshotAsync(environment, true);
        var rules = snapshot.Single("Microsoft.Storage/storageAccounts/managementPolicies").SelectToken("properties.policy.rules")!.ToList();
        var days = snapshot.Parameter<int>("incomingRetentionDays");

        var uploads = Assert.Single(rules, r => r.SelectToken("definition.filters.prefixMatch")!.Values<string>().Contains($"{StorageNames.IncomingContainer}/"));
        Assert.True((bool)uploads["enabled"]!);
        Assert.Equal(days, (int)uploads.SelectToken("definition.actions.baseBlob.delete.daysAfterModificationGreaterThan")!);
        Assert.Equal(days, (int)uploads.SelectToken("definition.actions.version.delete.daysAfterCreationGreaterThan")!);
        Assert.DoesNotContain(rules, r => r.SelectToken("definition.filters.prefixMatch")!.Values<string>()
            .Any(p => p!.StartsWith(StorageNames.ResultsContainer + "/", StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public async Task FunctionIdentity_HasExactlyTheDataRolesTheCodeNeeds(string environment)
    {
        var snapshot = await infra.SnapshotAsync(environment, true);
        var principal = $"[{snapshot.IdentityReference("principalId")}]";
        var storageId = (string)snapshot.StorageAccount["id"]!;
        var appInsightsId = (string)snapshot.Single("Microsoft.Insights/components")["id"]!;

        var expected = new List<(string Scope, string Role)>
        {
            (storageId, StorageBlobDataOwner),
            (storageId, StorageQueueDataContributor),
            (storageId, StorageTableDataContributor),
            (appInsightsId, MonitoringMetricsPublisher),
        };
        if (snapshot.Parameter<bool>("enableDocumentIntelligence"))
            expected.Add(((string)snapshot.Single("Microsoft.CognitiveServices/accounts")["id"]!, CognitiveServicesUser));

        var granted = RoleAssignments(snapshot).Where(a => a.Principal == principal).Select(a => (a.Scope, a.Role)).ToList();
        Assert.Equal(expected.Order(), granted.Order());
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public async Task EventGridTopic_MayWriteOnlyIntoTheDeadLetterContainer(string environment)
    {
        var snapshot = await infra.SnapshotAsync(environment, true);
        var topic = snapshot.Single("Microsoft.EventGrid/systemTopics");
        var subscription = snapshot.Single("Microsoft.EventGrid/systemTopics/eventSubscriptions");
        var deadLetter = subscription.SelectToken("properties.deadLetterWithResourceIdentity")!;
        var container = (string)deadLetter.SelectToken("deadLetterDestination.properties.blobContainerName")!;

        Assert.Equal("SystemAssigned", (string?)topic.SelectToken("identity.type"));
        Assert.Equal("SystemAssigned", (string?)deadLetter.SelectToken("identity.type"));
        Assert.Equal((string)snapshot.StorageAccount["id"]!, (string?)deadLetter.SelectToken("deadLetterDestination.properties.resourceId"));
        var topicPrincipal = $"[reference('{topic["id"]}', '{topic["apiVersion"]}', 'full').identity.principalId]";
        var granted = Assert.Single(RoleAssignments(snapshot), a => a.Principal == topicPrincipal);
        Assert.Equal(((string)Container(snapshot, container)["id"]!, StorageBlobDataContributor), (granted.Scope, granted.Role));
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public async Task RoleAssignments_AreNeverBroad_NorAboveASingleResource(string environment)
    {
        var snapshot = await infra.SnapshotAsync(environment, true);
        var resourceGroupId = $"/subscriptions/{InfraSnapshot.SubscriptionId}/resourceGroups/{snapshot.ResourceGroup}";

        var assignments = RoleAssignments(snapshot);
        Assert.NotEmpty(assignments);
        foreach (var assignment in assignments)
        {
            Assert.DoesNotContain(assignment.Role, BroadRoles);
            Assert.StartsWith(resourceGroupId + "/providers/", assignment.Scope, StringComparison.Ordinal);
            Assert.Contains(assignment.Scope, snapshot.Resources.Select(r => (string)r["id"]!));
        }
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public async Task FunctionApp_RunsAsTheUserAssignedIdentity_WithNoKeysOrBasicAuth(string environment)
    {
        var snapshot = await infra.SnapshotAsync(environment, true);
        var app = snapshot.FunctionApp;
        var identityId = (string)snapshot.Identity["id"]!;

        Assert.Equal("UserAssigned", (string?)app.SelectToken("identity.type"));
        Assert.Equal([identityId], ((JObject)app.SelectToken("identity.userAssignedIdentities")!).Properties().Select(p => p.Name));
        Assert.True((bool)app.SelectToken("properties.httpsOnly")!);
        Assert.Equal("1.2", (string?)app.SelectToken("properties.siteConfig.minTlsVersion"));
        Assert.Equal("Disabled", (string?)app.SelectToken("properties.siteConfig.ftpsState"));
        var auth = app.SelectToken("properties.functionAppConfig.deployment.storage.authentication")!;
        Assert.Equal("UserAssignedIdentity", (string?)auth["type"]);
        Assert.Equal(identityId, (string?)auth["userAssignedIdentityResourceId"]);

        var basicAuth = snapshot.OfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies").ToList();
        Assert.Equal(["ftp", "scm"], basicAuth.Select(InfraSnapshot.LeafName).Order(StringComparer.Ordinal));
        Assert.All(basicAuth, p => Assert.False((bool)p.SelectToken("properties.allow")!));

        foreach (var (name, value) in snapshot.AppSettings)
        {
            foreach (var secretMarker in new[] { "AccountKey=", "SharedAccessSignature=", "sig=", "listKeys(", "InstrumentationKey=" })
                Assert.False(value.Contains(secretMarker, StringComparison.OrdinalIgnoreCase), $"app setting {name} carries a key: {value}");
        }
        Assert.Equal($"[format('ClientId={{0}};Authorization=AAD', {snapshot.IdentityReference("clientId")})]",
            snapshot.AppSettings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public async Task MonitoringAndDocumentIntelligence_AcceptOnlyEntraId(string environment)
    {
        var snapshot = await infra.SnapshotAsync(environment, true);
        var appInsights = snapshot.Single("Microsoft.Insights/components");
        var workspace = snapshot.Single("Microsoft.OperationalInsights/workspaces");

        Assert.True((bool)appInsights.SelectToken("properties.DisableLocalAuth")!);
        Assert.Equal((string)workspace["id"]!, (string?)appInsights.SelectToken("properties.WorkspaceResourceId"));
        Assert.True((bool)workspace.SelectToken("properties.features.disableLocalAuth")!);
        Assert.Equal(snapshot.Parameter<int>("logRetentionDays"), (int)workspace.SelectToken("properties.retentionInDays")!);
        foreach (var account in snapshot.OfType("Microsoft.CognitiveServices/accounts"))
        {
            Assert.Equal("FormRecognizer", (string?)account["kind"]);
            Assert.True((bool)account.SelectToken("properties.disableLocalAuth")!);
            // Entra ID tokens need the account's own subdomain endpoint.
            Assert.Equal(InfraSnapshot.LeafName(account), (string?)account.SelectToken("properties.customSubDomainName"));
        }
    }

    private static JObject Container(InfraSnapshot snapshot, string name) =>
        snapshot.OfType("Microsoft.Storage/storageAccounts/blobServices/containers").Single(c => InfraSnapshot.LeafName(c) == name);

    private sealed record Assignment(string Scope, string Role, string Principal);

    private static List<Assignment> RoleAssignments(InfraSnapshot snapshot) =>
        snapshot.OfType("Microsoft.Authorization/roleAssignments").Select(a =>
        {
            var id = (string)a["id"]!;
            var scope = id[..id.IndexOf("/providers/Microsoft.Authorization/roleAssignments/", StringComparison.Ordinal)];
            var role = ((string)a.SelectToken("properties.roleDefinitionId")!).Split('/')[^1];
            Assert.Equal("ServicePrincipal", (string?)a.SelectToken("properties.principalType"));
            return new Assignment(scope, role, (string)a.SelectToken("properties.principalId")!);
        }).ToList();
}
