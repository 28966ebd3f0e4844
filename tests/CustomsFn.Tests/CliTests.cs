using CustomsFn.Cli;
using CustomsFn.Core.Contract;
using Spectre.Console.Testing;

namespace CustomsFn.Tests;

public sealed class CliTests : IDisposable
{
    private readonly string _out = Directory.CreateTempSubdirectory("customsfn-cli-").FullName;
    private readonly TestConsole _console = new();

    public void Dispose() => Directory.Delete(_out, recursive: true);

    [Fact]
    public async Task Process_Samples_WritesOneResultPerInput_AndExitsZeroWhateverTheStatus()
    {
        var samples = Path.Combine(TestPaths.Samples, "documents");
        var exit = await CliApp.RunAsync(["process", samples, "--out", _out], _console);

        Assert.Equal(CliApp.Ok, exit);
        var inputs = Directory.GetFiles(samples).Select(f => Path.GetFileName(f) + ".result.json").Order(StringComparer.Ordinal);
        Assert.Equal(inputs, Directory.GetFiles(_out).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Contains("rejected", _console.Output, StringComparison.Ordinal);
        Assert.Contains($"{Directory.GetFiles(samples).Length} documents:", _console.Output, StringComparison.Ordinal);
        var result = ResultSerializer.Deserialize<CustomsResult>(await File.ReadAllTextAsync(Path.Combine(_out, "ubl-invoice-de-us-clean.xml.result.json")));
        Assert.Equal(ResultStatus.Accepted, result.Status);
    }

    [Fact]
    public async Task Process_SameFileNameInTwoFolders_KeepsBothResults()
    {
        var a = Directory.CreateDirectory(Path.Combine(_out, "in", "a")).FullName;
        var b = Directory.CreateDirectory(Path.Combine(_out, "in", "b")).FullName;
        await File.WriteAllTextAsync(Path.Combine(a, "inv.xml"), "<x/>");
        await File.WriteAllTextAsync(Path.Combine(b, "inv.xml"), "<y/>");
        var outDir = Path.Combine(_out, "results");

        Assert.Equal(CliApp.Ok, await CliApp.RunAsync(["process", a, b, "--out", outDir], _console));
        Assert.Equal(2, Directory.GetFiles(outDir, "inv.xml*.result.json").Length);
    }

    [Fact]
    public async Task Process_DestinationOverride_ReachesTheRules()
    {
        var file = Path.Combine(_out, "domestic.xml");
        var xml = await File.ReadAllTextAsync(Path.Combine(TestPaths.Samples, "documents", "ubl-invoice-de-us-clean.xml"));
        await File.WriteAllTextAsync(file, xml.Replace("listID=\"HS\"", "listID=\"ZZZ\"", StringComparison.Ordinal));
        var outDir = Path.Combine(_out, "r");
        Assert.Equal(CliApp.Ok, await CliApp.RunAsync(["process", file, "--out", outDir, "--destination", "ch"], _console));
        var result = ResultSerializer.Deserialize<CustomsResult>(await File.ReadAllTextAsync(Path.Combine(outDir, "domestic.xml.result.json")));
        Assert.Equal(3, result.Findings.Count(f => f.Rule == "REQ-003"));
    }

    [Theory]
    [InlineData("process")]
    [InlineData("process", "/no/such/path")]
    [InlineData("process", ".", "--destination", "UK")]
    [InlineData("process", ".", "--engine", "magic")]
    [InlineData("frobnicate")]
    public async Task BadUsage_ExitsTwo_WithAMessage(params string[] args)
    {
        Assert.Equal(CliApp.BadUsage, await CliApp.RunAsync(args, _console));
        Assert.Contains("error", _console.Output, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Misspelled options ran with defaults and exit 0 (issue 24): now exit 2, naming the option and the nearest real one.</summary>
    [Theory]
    [InlineData("--ouput", "--out")]
    [InlineData("--dest", "--destination")]
    [InlineData("--destnation", "--destination")]
    public async Task AMisspelledOption_ExitsTwo_AndSuggestsTheRealOne(string misspelled, string suggested)
    {
        var sample = Path.Combine(TestPaths.SampleDocuments, "ubl-invoice-de-us-clean.xml");
        Assert.Equal(CliApp.BadUsage, await CliApp.RunAsync(["process", sample, misspelled, _out], _console));
        Assert.Contains($"Unknown option '{misspelled.TrimStart('-')}'", _console.Output, StringComparison.Ordinal);
        Assert.Contains($"Did you mean '{suggested}'?", _console.Output, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_out));
    }

    private static string Sample(string name) => Path.Combine(TestPaths.SampleDocuments, name);

    [Fact]
    public async Task FailOn_Rejected_ExitsOne_WhenADocumentIsRejected_AndZeroWhenNone()
    {
        Assert.Equal(CliApp.Failure, await CliApp.RunAsync(["process", Sample("ubl-invoice-de-us-defects.xml"), "--out", _out, "--quiet", "--fail-on", "rejected"], _console));
        Assert.Equal(CliApp.Ok, await CliApp.RunAsync(["process", Sample("ubl-invoice-de-us-clean.xml"), "--out", _out, "--quiet", "--fail-on", "needs-review"], _console));
        Assert.Contains("1 document: 1 accepted", _console.Output, StringComparison.Ordinal);
        Assert.Equal(CliApp.BadUsage, await CliApp.RunAsync(["process", Sample("ubl-invoice-de-us-clean.xml"), "--out", _out, "--fail-on", "warnings"], _console));
    }

    [Fact]
    public async Task Json_PrintsOneObjectPerDocument_AndNothingElse()
    {
        var console = new TestConsole();
        Assert.Equal(CliApp.Ok, await CliApp.RunAsync(["process", Sample("ubl-invoice-de-us-clean.xml"), Sample("ubl-invoice-de-us-defects.xml"), "--out", _out, "--json"], console));

        var lines = console.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        var objects = lines.Select(Newtonsoft.Json.Linq.JObject.Parse).ToList();
        Assert.Equal(["accepted", "rejected"], objects.Select(o => (string)o["status"]!));
        Assert.All(objects, o => Assert.True(File.Exists((string)o["resultFile"]!)));
        Assert.All(objects, o => Assert.Equal(64, ((string)o["documentId"]!).Length));
        Assert.True((int)objects[1]["findingCounts"]!["error"]! > 0);
    }

    [Fact]
    public async Task AnUnwritableOutFolder_IsOneLineOfError_ExitTwo_AndNothingIsProcessed()
    {
        var file = Path.Combine(_out, "a-file");
        await File.WriteAllTextAsync(file, "x");
        var console = new TestConsole();
        console.Profile.Width = 1000; // one logical line; the test console would wrap it at 80 columns

        Assert.Equal(CliApp.BadUsage, await CliApp.RunAsync(["process", Sample("ubl-invoice-de-us-clean.xml"), "--out", Path.Combine(file, "results")], console));
        var output = console.Output.Trim();
        Assert.StartsWith("error: cannot write results to", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal); // no stack trace
        Assert.Single(output.Split('\n'));
    }

    [Fact]
    public async Task Version_PrintsTheProductVersion()
    {
        Assert.Equal(CliApp.Ok, await CliApp.RunAsync(["--version"], _console));
        Assert.StartsWith("0.", _console.Output.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RulesList_PrintsTheCatalogue()
    {
        Assert.Equal(CliApp.Ok, await CliApp.RunAsync(["rules", "list"], _console));
        Assert.Contains("ARITH-002", _console.Output, StringComparison.Ordinal);
        Assert.Contains("HS-001", _console.Output, StringComparison.Ordinal);
    }
}
