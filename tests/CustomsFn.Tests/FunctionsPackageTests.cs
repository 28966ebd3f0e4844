using System.Diagnostics;
using Newtonsoft.Json.Linq;

namespace CustomsFn.Tests;

/// <summary>
/// `dotnet publish` of the Functions app yields functions.metadata with the blob trigger. The test script publishes once to
/// artifacts/functions (CUSTOMSFN_FUNCTIONS_PUBLISH_DIR); when run alone, the test publishes itself.
/// </summary>
public sealed class FunctionsPackageTests
{
    private static readonly Lazy<string> PublishDir = new(Publish);

    private static string Publish()
    {
        var dir = Environment.GetEnvironmentVariable("CUSTOMSFN_FUNCTIONS_PUBLISH_DIR");
        if (!string.IsNullOrEmpty(dir) && File.Exists(Path.Combine(dir, "functions.metadata"))) return dir;
        dir = Path.Combine(Path.GetTempPath(), "customsfn-functions-publish");
        var project = Path.Combine(TestPaths.RepoRoot, "functions", "CustomsFn.Functions", "CustomsFn.Functions.csproj");
        using var p = Process.Start(new ProcessStartInfo("dotnet", ["publish", project, "-c", "Release", "-o", dir, "--nologo", "-v", "q"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, "dotnet publish failed: " + output);
        return dir;
    }

    [Fact]
    public void Publish_HasTheBlobTriggerOnIncoming_WithTheCustomsStorageConnection()
    {
        var metadata = JArray.Parse(File.ReadAllText(Path.Combine(PublishDir.Value, "functions.metadata")));
        var function = metadata.Single(f => (string?)f["name"] == "ProcessIncomingBlob");
        var trigger = function["bindings"]!.Single(b => (string?)b["type"] == "blobTrigger");
        Assert.Equal("incoming/{name}", (string?)trigger["path"]);
        Assert.Equal("CustomsStorage", (string?)trigger["connection"]);
        Assert.Equal("EventGrid", (string?)trigger["source"]);

        var polling = metadata.Single(f => (string?)f["name"] == "ProcessIncomingBlobPolling");
        Assert.Equal("LogsAndContainerScan", (string?)polling["bindings"]!.Single()["source"]);
    }

    [Fact]
    public void Publish_CarriesTheRootHostJson()
    {
        var published = JObject.Parse(File.ReadAllText(Path.Combine(PublishDir.Value, "host.json")));
        var root = JObject.Parse(File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "host.json")));
        Assert.True(JToken.DeepEquals(root, published));
        Assert.Equal("2.0", (string?)published["version"]);
        Assert.False(File.Exists(Path.Combine(PublishDir.Value, "local.settings.json")));
    }
}
