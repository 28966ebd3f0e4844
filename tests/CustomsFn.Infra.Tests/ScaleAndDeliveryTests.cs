using CustomsFn.Core.Contract;
using CustomsFn.Infra.Tests.Support;
using Newtonsoft.Json.Linq;

namespace CustomsFn.Infra.Tests;

/// <summary>Flex Consumption plan and scale settings, and the Event Grid delivery that drives the blob trigger.</summary>
[Collection(InfraCollection.Name)]
public sealed class ScaleAndDeliveryTests(InfraWorkspace infra)
{
    public static TheoryData<string> Environments => new(InfraWorkspace.Environments);

    [Theory]
    [MemberData(nameof(Environments))]
    public async Task App_RunsOnAFlexConsumptionPlan(string environment)
    {
        var snapshot = await infra.SnapshotAsync(environment, true);
        var plan = snapshot.Single("Microsoft.Web/serverfarms");
        var app = snapshot.FunctionApp;

        Assert.Equal("FC1", (string?)plan.SelectToken("sku.name"));
        Assert.Equal("FlexConsumption", (string?)plan.SelectToken("sku.tier"));
        Assert.True((bool)plan.SelectToken("properties.reserved")!); // Linux
        Assert.Equal("functionapp,linux", (string?)app["kind"]);
        Assert.Equal((string)plan["id"]!, (string?)app.SelectToken("properties.serverFarmId"));
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public async Task Runtime_IsTheIsolatedWorker_OnTheDotnetVersionThePackageTargets(string environment)
    {
        var snapshot = await infra.SnapshotAsync(environment, true);
        var runtime = snapshot.FunctionApp.SelectToken("properties.functionAppConfig.runtime")!;
        var runtimeConfig = JObject.Parse(await File.ReadAllTextAsync(
            Path.Combine(await FunctionsPackage.DirectoryAsync(), "CustomsFn.Functions.runtimeconfig.json")));

        var tfm = (string)runtimeConfig.SelectToken("runtimeOptions.tfm")!; // e.g. net10.0
        Assert.Equal("dotnet-isolated", (string?)runtime["name"]);
        Assert.Equal(tfm["net".Length..], (string?)runtime["version"]);
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public async Task ScaleAndConcurrency_ComeFromTheParametersFile(string environment)
    {
        var snapshot = await infra.SnapshotAsync(environment, true);
        var scale = snapshot.FunctionApp.SelectToken("properties.functionAppConfig.scaleAndConcurrency")!;

        Assert.Equal(snapshot.Parameter<int>("maximumInstanceCount"), (int)scale["maximumInstanceCount"]!);
        Assert.Equal(snapshot.Parameter<int>("instanceMemoryMB"), (int)scale["instanceMemoryMB"]!);
        Assert.Equal(snapshot.Parameter<int>("httpPerInstanceConcurrency"), (int)scale.SelectToken("triggers.http.perInstanceConcurrency")!);
    }

    [Fact]
    public async Task Environments_DifferWhereTheyShould()
    {
        var dev = await infra.SnapshotAsync("dev", true);
        var prod = await infra.SnapshotAsync("prod", true);

        Assert.True(prod.Parameter<int>("maximumInstanceCount") > dev.Parameter<int>("maximumInstanceCount"));
        Assert.True(prod.Parameter<int>("resultsRetentionDays") >= 5 * 365, "production results must be kept at least 5 years");
        Assert.NotEqual((string)dev.FunctionApp["name"]!, (string)prod.FunctionApp["name"]!);
        Assert.NotEqual((string)dev.StorageAccount["name"]!, (string)prod.StorageAccount["name"]!);
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public async Task AppSettings_HaveNoneThatFlexConsumptionRejects(string environment)
    {
        var settings = (await infra.SnapshotAsync(environment, true)).AppSettings;

        // Flex Consumption takes runtime and package from functionAppConfig; these settings are invalid there.
        foreach (var rejected in new[] { "FUNCTIONS_WORKER_RUNTIME", "FUNCTIONS_EXTENSION_VERSION", "WEBSITE_RUN_FROM_PACKAGE",
                     "WEBSITE_CONTENTSHARE", "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING", "WEBSITE_NODE_DEFAULT_VERSION", "AzureWebJobsStorage" })
            Assert.DoesNotContain(rejected, settings.Keys);
        Assert.Contains("APPLICATIONINSIGHTS_CONNECTION_STRING", settings.Keys);
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public async Task BlobCreated_IsDeliveredToTheBlobExtensionWebhook_WithRetriesAndDeadLettering(string environment)
    {
        var snapshot = await infra.SnapshotAsync(environment, true);
        var topic = snapshot.Single("Microsoft.EventGrid/systemTopics");
        var subscription = snapshot.Single("Microsoft.EventGrid/systemTopics/eventSubscriptions");
        var properties = subscription["properties"]!;
        var app = snapshot.FunctionApp;

        Assert.Equal((string)snapshot.StorageAccount["id"]!, (string?)topic.SelectToken("properties.source"));
        Assert.Equal("Microsoft.Storage.StorageAccounts", (string?)topic.SelectToken("properties.topicType"));
        Assert.StartsWith((string)topic["id"]! + "/", (string)subscription["id"]!, StringComparison.Ordinal);

        Assert.Equal(["Microsoft.Storage.BlobCreated"], properties.SelectToken("filter.includedEventTypes")!.Values<string>());
        Assert.Equal($"/blobServices/default/containers/{StorageNames.IncomingContainer}/", (string?)properties.SelectToken("filter.subjectBeginsWith"));
        Assert.Equal("WebHook", (string?)properties.SelectToken("destination.endpointType"));
        var url = (string)properties.SelectToken("destination.properties.endpointUrl")!;
        Assert.Contains($"reference('{app["id"]}', '{app["apiVersion"]}').defaultHostName", url, StringComparison.Ordinal);
        Assert.Contains($"listKeys('{app["id"]}/host/default', '{app["apiVersion"]}').systemKeys.blobs_extension", url, StringComparison.Ordinal);
        Assert.StartsWith("[format('https://{0}/runtime/webhooks/blobs?functionName=Host.Functions.{1}&code={2}'", url, StringComparison.Ordinal);

        Assert.Equal(snapshot.Parameter<int>("eventMaxDeliveryAttempts"), (int)properties.SelectToken("retryPolicy.maxDeliveryAttempts")!);
        Assert.Equal(snapshot.Parameter<int>("eventTimeToLiveInMinutes"), (int)properties.SelectToken("retryPolicy.eventTimeToLiveInMinutes")!);
        var deadLetterContainer = (string)properties.SelectToken("deadLetterWithResourceIdentity.deadLetterDestination.properties.blobContainerName")!;
        Assert.Contains(deadLetterContainer, snapshot.OfType("Microsoft.Storage/storageAccounts/blobServices/containers").Select(InfraSnapshot.LeafName));
        var deadLetterRule = snapshot.Single("Microsoft.Storage/storageAccounts/managementPolicies").SelectToken("properties.policy.rules")!
            .Single(r => r.SelectToken("definition.filters.prefixMatch")!.Values<string>().Contains(deadLetterContainer + "/"));
        Assert.Equal(snapshot.Parameter<int>("deadLetterRetentionDays"),
            (int)deadLetterRule.SelectToken("definition.actions.baseBlob.delete.daysAfterModificationGreaterThan")!);
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public async Task FirstDeployment_CreatesTheTopic_ButNeitherSubscribesNorReadsTheExtensionKey(string environment)
    {
        // Before the package is deployed the blobs_extension key does not exist and the webhook cannot answer Event Grid's
        // validation handshake, so the first deployment must neither read the key nor create the subscription.
        var snapshot = await infra.SnapshotAsync(environment, subscribeBlobEvents: false);

        Assert.Single(snapshot.OfType("Microsoft.EventGrid/systemTopics"));
        Assert.Empty(snapshot.OfType("Microsoft.EventGrid/systemTopics/eventSubscriptions"));
        Assert.DoesNotContain(snapshot.Resources, r => r.ToString().Contains("listKeys(", StringComparison.Ordinal));
        // Everything else is the same as in a later deployment.
        var later = await infra.SnapshotAsync(environment, subscribeBlobEvents: true);
        Assert.Equal(
            later.Resources.Where(r => (string?)r["type"] != "Microsoft.EventGrid/systemTopics/eventSubscriptions").Select(r => r.ToString()),
            snapshot.Resources.Select(r => r.ToString()));
    }
}
