using System.Globalization;
using System.Text.RegularExpressions;
using CustomsFn.Core.Pipeline;
using CustomsFn.Infra.Tests.Support;
using Newtonsoft.Json.Linq;

namespace CustomsFn.Infra.Tests;

/// <summary>host.json holds the intended runtime settings, and the README's table of scale knobs shows the real values.</summary>
public sealed partial class HostJsonTests
{
    private static readonly JObject Host = JObject.Parse(File.ReadAllText(Repo.HostJson));

    [Fact]
    public void Version_IsTheFunctionsV4Schema() => Assert.Equal("2.0", (string?)Host["version"]);

    [Fact]
    public void FunctionTimeout_IsBounded_AndLeavesRoomForAnExtractionTimeout()
    {
        var timeout = TimeSpan.Parse((string)Host["functionTimeout"]!, CultureInfo.InvariantCulture);

        // A document whose extraction times out must still get its rejected result stored and published in the same run.
        Assert.True(timeout >= 2 * new PipelineOptions().ExtractionTimeout, $"functionTimeout {timeout} is too short");
        // Bounded (Flex Consumption would allow unbounded): a stuck invocation must end and be retried or poisoned.
        Assert.True(timeout <= TimeSpan.FromMinutes(30), $"functionTimeout {timeout} is longer than 30 minutes");
    }

    [Fact]
    public void BlobExtension_BoundsConcurrencyAndPoisonsAfterAFewAttempts()
    {
        var blobs = Host.SelectToken("extensions.blobs")!;

        var parallelism = (int)blobs["maxDegreeOfParallelism"]!;
        Assert.InRange(parallelism, 1, 32);
        Assert.InRange((int)blobs["poisonBlobThreshold"]!, 1, 5);
    }

    [Fact]
    public void Queues_UseBase64_AsTheResultPublisherWrites()
    {
        // Messages on customs-results and customs-review are base64-encoded by the publisher (README, the result contract).
        Assert.Equal("base64", (string?)Host.SelectToken("extensions.queues.messageEncoding"));
        Assert.InRange((int)Host.SelectToken("extensions.queues.maxDequeueCount")!, 1, 10);
    }

    [Fact]
    public void Retry_IsExponentialAndBounded()
    {
        var retry = Host["retry"]!;
        var min = TimeSpan.Parse((string)retry["minimumInterval"]!, CultureInfo.InvariantCulture);
        var max = TimeSpan.Parse((string)retry["maximumInterval"]!, CultureInfo.InvariantCulture);

        Assert.Equal("exponentialBackoff", (string?)retry["strategy"]);
        Assert.InRange((int)retry["maxRetryCount"]!, 1, 5);
        Assert.True(min > TimeSpan.Zero && min <= max, $"retry intervals {min}..{max}");
    }

    [Fact]
    public void Logging_StaysAtInformationOrAbove()
    {
        // Trace and Debug output of the SDKs can carry request content; trade documents are sensitive.
        foreach (var level in ((JObject)Host.SelectToken("logging.logLevel")!).Properties())
            Assert.DoesNotContain((string)level.Value!, new[] { "Trace", "Debug" });
    }

    /// <summary>
    /// Upload names carry invoice numbers, names and amounts. The host's own function-execution logs ("Executing
    /// 'Functions.ProcessIncomingBlob' (Reason='New blob detected ...: incoming/&lt;name&gt;')") and the blob trigger's
    /// scan logs name them at Information; those categories log warnings and errors only. The product's own logs carry
    /// document ids (hashes), never names.
    /// </summary>
    [Theory]
    [InlineData("Function")]
    [InlineData("Host.Triggers.Blob")]
    public void CategoriesThatLogUploadNames_LogWarningsAndErrorsOnly(string category)
    {
        var level = (string?)Host.SelectToken("logging.logLevel")?[category];
        Assert.Contains(level, new[] { "Warning", "Error", "Critical", "None" });
    }

    [Fact]
    public void DeploymentDocs_ShowTheRealHostJsonValues()
    {
        var page = File.ReadAllText(Repo.Doc("deployment.md"));
        var rows = HostJsonRow().Matches(page);

        Assert.True(rows.Count >= 5, "docs/deployment.md lists no host.json settings in the form | `host.json: path` | `value` |");
        foreach (Match row in rows)
        {
            var path = row.Groups["path"].Value;
            var actual = Host.SelectToken(path);
            Assert.True(actual is not null, $"docs/deployment.md names host.json {path}, which host.json does not have");
            Assert.Equal(row.Groups["value"].Value.Trim(), actual.ToString());
        }
    }

    [GeneratedRegex(@"^\| `host\.json: (?<path>[A-Za-z.]+)` \| `(?<value>[^`]*)` \|", RegexOptions.Multiline)]
    private static partial Regex HostJsonRow();
}
