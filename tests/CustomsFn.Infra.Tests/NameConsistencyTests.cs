using System.Text.RegularExpressions;
using CustomsFn.Core.Contract;
using CustomsFn.Infra.Tests.Support;
using CustomsFn.Infrastructure.DocumentIntelligence;
using Newtonsoft.Json.Linq;

namespace CustomsFn.Infra.Tests;

/// <summary>
/// The names in the templates agree with the names in the code: the containers, queues and table of
/// <see cref="StorageNames"/>, the storage connection, and the functions and bindings of the published functions.metadata.
/// Both sides are read, never restated: renaming on one side only fails here.
/// </summary>
[Collection(InfraCollection.Name)]
public sealed partial class NameConsistencyTests(InfraWorkspace infra)
{
    public static TheoryData<string> Environments => new(InfraWorkspace.Environments);

    [Fact]
    public void CodeNames_AreReadFromStorageNames()
    {
        Assert.Contains(StorageNames.IncomingContainer, CodeNames.Containers);
        Assert.Contains(StorageNames.ResultsContainer, CodeNames.Containers);
        Assert.Contains(StorageNames.ResultsQueue, CodeNames.Queues);
        Assert.Contains(StorageNames.ReviewQueue, CodeNames.Queues);
        Assert.Contains(StorageNames.AuditTable, CodeNames.Tables);
        Assert.DoesNotContain(StorageNames.ConnectionName, CodeNames.All);
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public async Task Containers_AreTheCodesPlusTheDeploymentAndDeadLetterContainers(string environment)
    {
        var snapshot = await infra.SnapshotAsync(environment, subscribeBlobEvents: true);
        var deployed = Names(snapshot, "Microsoft.Storage/storageAccounts/blobServices/containers");

        var infraOnly = new[] { DeploymentContainer(snapshot), DeadLetterContainer(snapshot) };
        Assert.Equal(CodeNames.Containers.Concat(infraOnly).Order(StringComparer.Ordinal), deployed);
        Assert.Empty(infraOnly.Intersect(CodeNames.All));
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public async Task QueuesAndTables_AreExactlyTheCodes(string environment)
    {
        var snapshot = await infra.SnapshotAsync(environment, subscribeBlobEvents: true);

        // Poison queues (name ending in -poison) are created by the Functions runtime on first use, not by the template.
        var provisionedByTemplate = CodeNames.Queues.Where(q => !q.EndsWith("-poison", StringComparison.Ordinal)).Order(StringComparer.Ordinal);
        Assert.Equal(provisionedByTemplate, Names(snapshot, "Microsoft.Storage/storageAccounts/queueServices/queues"));
        Assert.Equal(CodeNames.Tables.Order(StringComparer.Ordinal), Names(snapshot, "Microsoft.Storage/storageAccounts/tableServices/tables"));
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public async Task StorageConnections_AreIdentityBased_UnderTheCodesConnectionName(string environment)
    {
        var snapshot = await infra.SnapshotAsync(environment, subscribeBlobEvents: true);
        var settings = snapshot.AppSettings;
        var storage = snapshot.StorageAccount;

        foreach (var connection in new[] { CodeNames.Connection, "AzureWebJobsStorage" })
        {
            Assert.False(settings.ContainsKey(connection), $"{connection} must not be a connection string in Azure");
            Assert.Equal(Expression(snapshot.ResourceReference(storage, "primaryEndpoints.blob")), settings[$"{connection}__blobServiceUri"]);
            Assert.Equal(Expression(snapshot.ResourceReference(storage, "primaryEndpoints.queue")), settings[$"{connection}__queueServiceUri"]);
            Assert.Equal(Expression(snapshot.ResourceReference(storage, "primaryEndpoints.table")), settings[$"{connection}__tableServiceUri"]);
            Assert.Equal("managedidentity", settings[$"{connection}__credential"]);
            Assert.Equal(Expression(snapshot.IdentityReference("clientId")), settings[$"{connection}__clientId"]);
        }
        // The code's own clients use DefaultAzureCredential, which picks the user-assigned identity from AZURE_CLIENT_ID.
        Assert.Equal(Expression(snapshot.IdentityReference("clientId")), settings["AZURE_CLIENT_ID"]);
        Assert.DoesNotContain(settings.Keys, k => k.StartsWith("ConnectionStrings", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public async Task DocumentIntelligenceEndpoint_IsSetExactlyWhenTheAccountIsDeployed(string environment)
    {
        var snapshot = await infra.SnapshotAsync(environment, subscribeBlobEvents: true);
        var accounts = snapshot.OfType("Microsoft.CognitiveServices/accounts").ToList();

        if (snapshot.Parameter<bool>("enableDocumentIntelligence"))
        {
            var account = Assert.Single(accounts);
            Assert.Equal(Expression(snapshot.ResourceReference(account, "endpoint")), snapshot.AppSettings["DocumentIntelligence__Endpoint"]);
            // Scans go to the service: the Flex Consumption image has no Tesseract, so the local engine would reject them.
            Assert.Equal(ExtractionEngines.Auto, ExtractionEngines.Normalize(snapshot.AppSettings["DocumentIntelligence__Engine"]));
        }
        else
        {
            Assert.Empty(accounts);
            Assert.DoesNotContain("DocumentIntelligence__Endpoint", snapshot.AppSettings.Keys);
            Assert.Equal(ExtractionEngines.Local, ExtractionEngines.Normalize(snapshot.AppSettings["DocumentIntelligence__Engine"]));
        }
        // Identity only, never a key.
        Assert.DoesNotContain("DocumentIntelligence__Key", snapshot.AppSettings.Keys);
    }

    [Fact]
    public async Task FunctionBindings_UseTheCustomsStorageConnection_AndStorageNames()
    {
        var functions = await FunctionsPackage.FunctionsAsync();
        var storageBindings = functions
            .SelectMany(f => f.Bindings.Select(b => (Function: f.Name, Binding: b)))
            .Where(x => ((string?)x.Binding["type"])?.StartsWith("blob", StringComparison.OrdinalIgnoreCase) == true
                        || ((string?)x.Binding["type"])?.StartsWith("queue", StringComparison.OrdinalIgnoreCase) == true)
            .ToList();

        Assert.NotEmpty(storageBindings);
        foreach (var (function, binding) in storageBindings)
        {
            Assert.True(CodeNames.Connection == (string?)binding["connection"],
                $"{function}: binding {binding["name"]} uses connection '{binding["connection"]}', not {CodeNames.Connection}");
            var name = StorageName(binding);
            var known = ((string)binding["type"]!).StartsWith("blob", StringComparison.OrdinalIgnoreCase) ? CodeNames.Containers : CodeNames.Queues;
            Assert.True(known.Contains(name), $"{function}: binding {binding["name"]} names '{name}', which is not a StorageNames constant");
        }
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public async Task EventGridBlobTriggers_HaveASubscription_ToTheirFunctionAndContainer(string environment)
    {
        var snapshot = await infra.SnapshotAsync(environment, subscribeBlobEvents: true);
        var eventGridFunctions = (await FunctionsPackage.FunctionsAsync())
            .Where(f => f.BlobTrigger is { } t && (string?)t["source"] == "EventGrid")
            .ToDictionary(f => f.Name, f => StorageName(f.BlobTrigger!), StringComparer.Ordinal);
        var subscriptions = snapshot.OfType("Microsoft.EventGrid/systemTopics/eventSubscriptions")
            .ToDictionary(s => WebhookFunction((string)s.SelectToken("properties.destination.properties.endpointUrl")!),
                          s => (string)s.SelectToken("properties.filter.subjectBeginsWith")!, StringComparer.Ordinal);

        Assert.NotEmpty(eventGridFunctions);
        Assert.Equal(eventGridFunctions.Keys.Order(StringComparer.Ordinal), subscriptions.Keys.Order(StringComparer.Ordinal));
        foreach (var (function, container) in eventGridFunctions)
            Assert.Equal($"/blobServices/default/containers/{container}/", subscriptions[function]);
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public async Task PollingBlobTriggers_AreDisabled_AndEveryDisableSettingNamesARealFunction(string environment)
    {
        var snapshot = await infra.SnapshotAsync(environment, subscribeBlobEvents: true);
        var functions = await FunctionsPackage.FunctionsAsync();
        var settings = snapshot.AppSettings;

        // Flex Consumption supports only the Event Grid source of the blob trigger.
        foreach (var function in functions.Where(f => f.BlobTrigger is { } t && (string?)t["source"] != "EventGrid"))
            Assert.True(settings.TryGetValue($"AzureWebJobs.{function.Name}.Disabled", out var disabled) && disabled == "true",
                $"{function.Name} uses a polling blob trigger and is not disabled on Flex Consumption");

        var names = functions.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var key in settings.Keys.Where(k => k.StartsWith("AzureWebJobs.", StringComparison.Ordinal) && k.EndsWith(".Disabled", StringComparison.Ordinal)))
            Assert.Contains(key["AzureWebJobs.".Length..^".Disabled".Length], names);
    }

    private static List<string> Names(InfraSnapshot snapshot, string type) =>
        snapshot.OfType(type).Select(InfraSnapshot.LeafName).Order(StringComparer.Ordinal).ToList();

    /// <summary>An ARM expression as a snapshot prints a setting's value: "[...]".</summary>
    private static string Expression(string body) => $"[{body}]";

    /// <summary>The container of a blob binding's path, or a queue binding's queue name.</summary>
    private static string StorageName(JObject binding) =>
        (string?)binding["queueName"] ?? ((string)binding["path"]!).Split('/')[0];

    private static string DeploymentContainer(InfraSnapshot snapshot)
    {
        var value = (string)snapshot.FunctionApp.SelectToken("properties.functionAppConfig.deployment.storage.value")!;
        var match = TrailingLiteral().Match(value);
        Assert.True(match.Success, "deployment storage is not <blob endpoint><container>: " + value);
        return match.Groups[1].Value;
    }

    private static string DeadLetterContainer(InfraSnapshot snapshot) =>
        (string)snapshot.OfType("Microsoft.EventGrid/systemTopics/eventSubscriptions").First()
            .SelectToken("properties.deadLetterWithResourceIdentity.deadLetterDestination.properties.blobContainerName")!;

    private static string WebhookFunction(string endpointUrl)
    {
        // [format('https://{0}/runtime/webhooks/blobs?functionName=Host.Functions.{1}&code={2}', <host>, '<function>', listKeys(...))]
        var match = WebhookFunctionArgument().Match(endpointUrl);
        Assert.True(match.Success, "unexpected webhook URL: " + endpointUrl);
        return match.Groups[1].Value;
    }

    [GeneratedRegex(@"primaryEndpoints\.blob, '([a-z0-9-]+)'\)\]$")]
    private static partial Regex TrailingLiteral();

    [GeneratedRegex(@"^\[format\('https://\{0\}/runtime/webhooks/blobs\?functionName=Host\.Functions\.\{1\}&code=\{2\}', reference\('[^']+/providers/Microsoft\.Web/sites/[^']+', '[^']+'\)\.defaultHostName, '([A-Za-z0-9_]+)', listKeys\('[^']+/providers/Microsoft\.Web/sites/[^']+/host/default', '[^']+'\)\.systemKeys\.blobs_extension\)\]$")]
    private static partial Regex WebhookFunctionArgument();
}
