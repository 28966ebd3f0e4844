using CustomsFn.LocalHost;
using CustomsFn.Testing;
using Newtonsoft.Json.Linq;

namespace CustomsFn.IntegrationTests;

/// <summary>The local host processes as many uploads at once as a Functions instance does (host.json).</summary>
public sealed class HostParityTests
{
    [Fact]
    public void LocalHost_RunsAsManyUploadsAtOnceAsHostJsonAllows()
    {
        var host = JObject.Parse(File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "host.json")));
        var perInstance = (int)host.SelectToken("extensions.blobs.maxDegreeOfParallelism")!;
        Assert.Equal(perInstance, new LocalHostOptions { StorageConnectionString = "UseDevelopmentStorage=true" }.MaxDegreeOfParallelism);
        // More than the slow lane holds: slow uploads must not take every invocation (customs-bench --only slow-pdfs).
        Assert.True(perInstance > new Core.Isolation.IsolationOptions().MaxSlowWorkers, $"maxDegreeOfParallelism {perInstance}");
    }
}
