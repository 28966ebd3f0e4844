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

    [Fact]
    public async Task RulesList_PrintsTheCatalogue()
    {
        Assert.Equal(CliApp.Ok, await CliApp.RunAsync(["rules", "list"], _console));
        Assert.Contains("ARITH-002", _console.Output, StringComparison.Ordinal);
        Assert.Contains("HS-001", _console.Output, StringComparison.Ordinal);
    }
}
