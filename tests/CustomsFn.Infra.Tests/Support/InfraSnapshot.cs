using Newtonsoft.Json.Linq;

namespace CustomsFn.Infra.Tests.Support;

/// <summary>
/// The resources a deployment of infra/main.bicep with one parameters file would create, as predicted by
/// `bicep snapshot` (names, properties and module parameters evaluated; values known only at deployment time remain
/// ARM expressions such as "[reference(...)]").
/// </summary>
public sealed class InfraSnapshot
{
    public const string SubscriptionId = "00000000-0000-0000-0000-000000000000";
    public const string Location = "westeurope";

    public InfraSnapshot(string environment, bool subscribeBlobEvents, JObject snapshot, JObject parameters)
    {
        Environment = environment;
        SubscribeBlobEvents = subscribeBlobEvents;
        Resources = snapshot["predictedResources"]!.Cast<JObject>().ToList();
        Diagnostics = snapshot["diagnostics"]?.Select(d => d.ToString()).ToList() ?? [];
        Parameters = parameters;
    }

    public string Environment { get; }

    public bool SubscribeBlobEvents { get; }

    public string ResourceGroup => ResourceGroupOf(Environment);

    public IReadOnlyList<JObject> Resources { get; }

    public IReadOnlyList<string> Diagnostics { get; }

    /// <summary>The parameter values of the parameters file (`bicep build-params`), including template defaults it leaves out.</summary>
    public JObject Parameters { get; }

    public static string ResourceGroupOf(string environment) => $"rg-customsfn-{environment}";

    public T Parameter<T>(string name) => Parameters[name]!.Value<T>()!;

    public IEnumerable<JObject> OfType(string type) =>
        Resources.Where(r => string.Equals((string?)r["type"], type, StringComparison.OrdinalIgnoreCase));

    public JObject Single(string type)
    {
        var matches = OfType(type).ToList();
        Assert.True(matches.Count == 1, $"{Environment}: expected one {type}, found {matches.Count}");
        return matches[0];
    }

    /// <summary>Last segment of a resource's name (a child resource's own name).</summary>
    public static string LeafName(JObject resource) => ((string)resource["name"]!).Split('/')[^1];

    public JObject FunctionApp => Single("Microsoft.Web/sites");

    public JObject StorageAccount => Single("Microsoft.Storage/storageAccounts");

    public JObject Identity => Single("Microsoft.ManagedIdentity/userAssignedIdentities");

    public IReadOnlyDictionary<string, string> AppSettings =>
        FunctionApp.SelectToken("properties.siteConfig.appSettings")!
            .ToDictionary(s => (string)s["name"]!, s => (string)s["value"]!, StringComparer.Ordinal);

    /// <summary>The ARM expression that stands for the user-assigned identity's runtime property <paramref name="property"/>.</summary>
    public string IdentityReference(string property) =>
        $"reference('{(string)Identity["id"]!}', '{(string)Identity["apiVersion"]!}').{property}";

    public string ResourceReference(JObject resource, string property) =>
        $"reference('{(string)resource["id"]!}', '{(string)resource["apiVersion"]!}').{property}";
}
