using CustomsFn.Infra.Tests.Support;
using Newtonsoft.Json.Linq;

namespace CustomsFn.Infra.Tests;

/// <summary>Logs of every resource that handles documents in Log Analytics, and the alerts an operator acts on.</summary>
[Collection(InfraCollection.Name)]
public sealed class MonitoringTests(InfraWorkspace infra)
{
    public static TheoryData<string> Environments => new(InfraWorkspace.Environments);

    private const string DiagnosticSettings = "Microsoft.Insights/diagnosticSettings";

    [Theory]
    [MemberData(nameof(Environments))]
    public async Task DiagnosticSettings_SendEveryResourceThatHandlesDocuments_ToTheWorkspace(string environment)
    {
        var snapshot = await infra.SnapshotAsync(environment, true);
        var workspace = (string)snapshot.Single("Microsoft.OperationalInsights/workspaces")["id"]!;
        var account = (string)snapshot.StorageAccount["id"]!;
        var scopes = new[]
        {
            account + "/blobServices/default",
            account + "/queueServices/default",
            account + "/tableServices/default",
            (string)snapshot.FunctionApp["id"]!,
            (string)snapshot.Single("Microsoft.EventGrid/systemTopics")["id"]!,
        };
        var settings = snapshot.OfType(DiagnosticSettings).ToList();

        foreach (var scope in scopes)
        {
            var setting = Assert.Single(settings, s => ((string)s["id"]!).StartsWith(scope + "/providers/" + DiagnosticSettings + "/", StringComparison.OrdinalIgnoreCase));
            Assert.Equal(workspace, (string?)setting.SelectToken("properties.workspaceId"));
            Assert.Contains(setting.SelectToken("properties.logs")!, l => (bool)l["enabled"]!);
        }
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public async Task DeadLetteredEvents_RaiseAnAlert_OnTheSystemTopic(string environment)
    {
        var snapshot = await infra.SnapshotAsync(environment, true);
        var alert = snapshot.Single("Microsoft.Insights/metricAlerts");
        var criterion = Assert.Single(alert.SelectToken("properties.criteria.allOf")!);

        Assert.Equal((string)snapshot.Single("Microsoft.EventGrid/systemTopics")["id"]!, (string?)Assert.Single(alert.SelectToken("properties.scopes")!));
        Assert.Equal("DeadLetteredCount", (string?)criterion["metricName"]);
        Assert.Equal("GreaterThan", (string?)criterion["operator"]);
        Assert.Equal(0, (int)criterion["threshold"]!);
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public async Task PoisonUploads_RaiseAnAlert_NamingThePoisonFunctionThePackageHas(string environment)
    {
        var snapshot = await infra.SnapshotAsync(environment, true);
        var functions = (await FunctionsPackage.FunctionsAsync()).Select(f => f.Name).ToList();
        var rule = Assert.Single(LogAlerts(snapshot), r => Query(r).Contains("ProcessPoisonBlob", StringComparison.Ordinal));

        // The query names a function that exists (a renamed function would silently never alert).
        Assert.Contains("ProcessPoisonBlob", functions);
        Assert.Equal((string)snapshot.Single("Microsoft.Insights/components")["id"]!, (string?)Assert.Single(rule.SelectToken("properties.scopes")!));
        Assert.Equal(0, (int)rule.SelectToken("properties.criteria.allOf[0].threshold")!);
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public async Task FailureRate_RaisesAnAlert_AtTheParameterisedThreshold(string environment)
    {
        var snapshot = await infra.SnapshotAsync(environment, true);
        var rule = Assert.Single(LogAlerts(snapshot), r => Query(r).Contains("success == false", StringComparison.Ordinal));

        Assert.Contains($"> {snapshot.Parameter<int>("alertFailureRatePercent")}", Query(rule), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public async Task WithoutAnAddress_NoActionGroupIsCreated_AndAlertsStillExist(string environment)
    {
        var snapshot = await infra.SnapshotAsync(environment, true);
        Assert.Equal("", snapshot.Parameter<string>("alertEmailAddress"));

        Assert.Empty(snapshot.OfType("Microsoft.Insights/actionGroups"));
        Assert.Equal(2, LogAlerts(snapshot).Count);
        Assert.All(LogAlerts(snapshot), r => Assert.Empty(r.SelectToken("properties.actions.actionGroups")!));
    }

    private static List<JObject> LogAlerts(InfraSnapshot snapshot) => snapshot.OfType("Microsoft.Insights/scheduledQueryRules").ToList();

    private static string Query(JObject rule) => (string)rule.SelectToken("properties.criteria.allOf[0].query")!;
}
