using CustomsFn.Infra.Tests.Support;
using Newtonsoft.Json.Linq;

namespace CustomsFn.Infra.Tests;

/// <summary>
/// The optional private-networking mode (CUSTOMSFN_PRIVATE_NETWORKING=true, read by the parameters files): the app in a
/// virtual network, storage and Document Intelligence through private endpoints with their DNS, their public endpoints
/// closed. Off by default: then no network resource exists and the public endpoints stay as they were.
/// </summary>
[Collection(InfraCollection.Name)]
public sealed class PrivateNetworkingTests(InfraWorkspace infra)
{
    public static TheoryData<string> Environments => new(InfraWorkspace.Environments);

    [Theory]
    [MemberData(nameof(Environments))]
    public async Task Default_HasNoNetwork_AndOpenEndpointsForUploaders(string environment)
    {
        var snapshot = await infra.SnapshotAsync(environment, true);

        Assert.False(snapshot.Parameter<bool>("enablePrivateNetworking"));
        Assert.Empty(snapshot.OfType("Microsoft.Network/virtualNetworks"));
        Assert.Empty(snapshot.OfType("Microsoft.Network/privateEndpoints"));
        Assert.Equal("Allow", (string?)snapshot.StorageAccount.SelectToken("properties.networkAcls.defaultAction"));
        Assert.True(snapshot.FunctionApp.SelectToken("properties.virtualNetworkSubnetId") is null or { Type: JTokenType.Null },
            $"virtualNetworkSubnetId: {snapshot.FunctionApp.SelectToken("properties.virtualNetworkSubnetId")}");
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public async Task Private_TheAppJoinsADelegatedSubnet(string environment)
    {
        var snapshot = await infra.SnapshotAsync(environment, true, privateNetworking: true);
        var vnet = snapshot.Single("Microsoft.Network/virtualNetworks");
        var app = Assert.Single(vnet.SelectToken("properties.subnets")!, s => (string?)s["name"] == "app");

        Assert.Equal("Microsoft.App/environments", (string?)app.SelectToken("properties.delegations[0].properties.serviceName"));
        Assert.Equal($"{(string)vnet["id"]!}/subnets/app", (string?)snapshot.FunctionApp.SelectToken("properties.virtualNetworkSubnetId"));
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public async Task Private_StorageServicesAndDocumentIntelligence_AreReachedThroughPrivateEndpoints_WithTheirDnsZones(string environment)
    {
        var snapshot = await infra.SnapshotAsync(environment, true, privateNetworking: true);
        var endpoints = snapshot.OfType("Microsoft.Network/privateEndpoints").ToList();
        var zones = snapshot.OfType("Microsoft.Network/privateDnsZones").ToList();
        var links = snapshot.OfType("Microsoft.Network/privateDnsZones/virtualNetworkLinks").ToList();
        var groups = snapshot.OfType("Microsoft.Network/privateEndpoints/privateDnsZoneGroups").ToList();

        var expected = new List<(string Target, string Group, string Zone)>
        {
            ((string)snapshot.StorageAccount["id"]!, "blob", "privatelink.blob.core.windows.net"),
            ((string)snapshot.StorageAccount["id"]!, "queue", "privatelink.queue.core.windows.net"),
            ((string)snapshot.StorageAccount["id"]!, "table", "privatelink.table.core.windows.net"),
        };
        var documentIntelligence = snapshot.OfType("Microsoft.CognitiveServices/accounts").SingleOrDefault();
        if (documentIntelligence is not null)
        {
            expected.Add(((string)documentIntelligence["id"]!, "account", "privatelink.cognitiveservices.azure.com"));
            Assert.Equal("Disabled", (string?)documentIntelligence.SelectToken("properties.publicNetworkAccess"));
        }

        Assert.Equal(expected.Count, endpoints.Count);
        foreach (var (target, group, zone) in expected)
        {
            var endpoint = Assert.Single(endpoints, e => Connection(e, "privateLinkServiceId") == target && Connection(e, "groupIds[0]") == group);
            Assert.EndsWith("/subnets/endpoints", (string?)endpoint.SelectToken("properties.subnet.id"), StringComparison.Ordinal);
            var zoneResource = Assert.Single(zones, z => IsZone((string)z["name"]!, group, zone));
            Assert.Contains(groups, g => ((string)g["id"]!).StartsWith((string)endpoint["id"]! + "/", StringComparison.Ordinal)
                && (string?)g.SelectToken("properties.privateDnsZoneConfigs[0].properties.privateDnsZoneId") == (string)zoneResource["id"]!);
        }
        // Every zone resolves inside the network.
        Assert.Equal(zones.Count, links.Count);
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public async Task Private_StoragePublicEndpoint_RefusesAllButTrustedServices(string environment)
    {
        var account = (await infra.SnapshotAsync(environment, true, privateNetworking: true)).StorageAccount;

        Assert.Equal("Deny", (string?)account.SelectToken("properties.networkAcls.defaultAction"));
        // Event Grid writes dead letters with its identity as a trusted service.
        Assert.Equal("AzureServices", (string?)account.SelectToken("properties.networkAcls.bypass"));
        Assert.False((bool)account.SelectToken("properties.allowSharedKeyAccess")!);
    }

    /// <summary>
    /// The zone's name as deployed to Azure's public cloud. Storage zones take the cloud's storage suffix
    /// (<c>environment().suffixes.storage</c>, left unevaluated by the snapshot), so they work in sovereign clouds too.
    /// </summary>
    private static bool IsZone(string name, string group, string zone) =>
        name == zone || (zone.EndsWith(".core.windows.net", StringComparison.Ordinal)
            && name == $"[format('privatelink.{{0}}.{{1}}', '{group}', environment().suffixes.storage)]");

    private static string? Connection(JObject endpoint, string path) =>
        (string?)endpoint.SelectToken("properties.privateLinkServiceConnections[0].properties." + path);
}
