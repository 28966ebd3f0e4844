using CustomsFn.Cli;
using CustomsFn.Cli.Commands;
using Microsoft.Extensions.Configuration;
using Spectre.Console.Testing;

namespace CustomsFn.Infrastructure.Tests;

/// <summary><c>customs process --engine local|document-intelligence|auto</c>.</summary>
public sealed class CliEngineTests
{
    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public async Task UnknownEngine_IsBadUsage()
    {
        var console = new TestConsole();
        var code = await CliApp.RunAsync(["process", Path.GetTempPath(), "--engine", "cloud"], console);
        Assert.Equal(CliApp.BadUsage, code);
        Assert.Contains("local, document-intelligence, auto", console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void DocumentIntelligence_WithoutEndpoint_NamesTheSetting()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => ProcessCommand.CreateEngine("document-intelligence", Config()));
        Assert.Contains("DocumentIntelligence:Endpoint", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DocumentIntelligence_WithoutEndpoint_IsBadUsage()
    {
        // Only this test class reads these variables in this test process (the CLI reads the environment).
        var saved = Environment.GetEnvironmentVariable("DocumentIntelligence__Endpoint");
        Environment.SetEnvironmentVariable("DocumentIntelligence__Endpoint", null);
        try
        {
            var console = new TestConsole();
            var code = await CliApp.RunAsync(["process", Path.GetTempPath(), "--engine", "document-intelligence"], console);
            Assert.Equal(CliApp.BadUsage, code);
            Assert.Contains("DocumentIntelligence:Endpoint", console.Output, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("DocumentIntelligence__Endpoint", saved);
        }
    }

    [Fact]
    public void EngineOption_OverridesConfiguration()
    {
        var config = Config(("DocumentIntelligence:Engine", "document-intelligence"), ("DocumentIntelligence:Endpoint", "https://x.cognitiveservices.azure.com/"), ("DocumentIntelligence:Key", "k"));
        using var fromConfig = ProcessCommand.CreateEngine(null, config);
        using var overridden = ProcessCommand.CreateEngine("auto", config);
        Assert.Equal("document-intelligence", fromConfig.Engine);
        Assert.Equal("auto", overridden.Engine);
    }

    [Fact]
    public async Task Auto_WithoutService_ProcessesLocally()
    {
        var outDir = Directory.CreateTempSubdirectory("customs-di-cli-").FullName;
        try
        {
            var sample = Path.Combine(TestPaths.Samples, "documents", "ubl-invoice-de-us-clean.xml");
            var console = new TestConsole();
            var code = await CliApp.RunAsync(["process", sample, "--out", outDir, "--engine", "auto", "--quiet"], console);
            Assert.Equal(CliApp.Ok, code);
            var json = await File.ReadAllTextAsync(Path.Combine(outDir, "ubl-invoice-de-us-clean.xml.result.json"));
            Assert.Contains("\"name\": \"local-ubl\"", json, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(outDir, recursive: true);
        }
    }
}
