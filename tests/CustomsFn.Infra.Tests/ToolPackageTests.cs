using System.IO.Compression;
using System.Xml.Linq;
using CustomsFn.Infra.Tests.Support;

namespace CustomsFn.Infra.Tests;

/// <summary>
/// The CLI as a .NET tool: <c>dotnet pack functions/CustomsFn.Cli</c> gives a tool package whose command is
/// <c>customs</c>, without the native libraries' debug symbols, and <c>dotnet tool install</c> of it gives a working
/// command (installed into a private tool path; nothing global changes).
/// </summary>
public sealed class ToolPackageTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("customsfn-tool-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    [Fact]
    public async Task Pack_GivesTheCustomsTool_ThatInstallsAndRuns()
    {
        var feed = Path.Combine(_dir, "feed");
        var project = Path.Combine(Repo.Root, "functions", "CustomsFn.Cli", "CustomsFn.Cli.csproj");
        var pack = await ProcessRunner.RunAsync("dotnet", ["pack", project, "-c", "Release", "-o", feed, "--nologo", "-v", "q"], Repo.Root, timeout: TimeSpan.FromMinutes(10));
        Assert.True(pack.ExitCode == 0, pack.Describe("dotnet pack"));

        var package = Assert.Single(Directory.GetFiles(feed, "CustomsFn.Cli.*.nupkg"));
        using (var zip = ZipFile.OpenRead(package))
        {
            var settings = Assert.Single(zip.Entries, e => e.FullName.EndsWith("/DotnetToolSettings.xml", StringComparison.Ordinal));
            using var stream = settings.Open();
            var command = XDocument.Load(stream).Descendants("Command").Single();
            Assert.Equal("customs", (string?)command.Attribute("Name"));
            Assert.DoesNotContain(zip.Entries, e => e.FullName.Contains("/runtimes/", StringComparison.Ordinal) && e.FullName.EndsWith(".pdb", StringComparison.Ordinal));
        }
        Assert.True(new FileInfo(package).Length < 150L * 1024 * 1024, $"the tool package is {new FileInfo(package).Length / (1024 * 1024)} MB");

        var tools = Path.Combine(_dir, "tools");
        var install = await ProcessRunner.RunAsync("dotnet", ["tool", "install", "--tool-path", tools, "--add-source", feed, "CustomsFn.Cli"], _dir, timeout: TimeSpan.FromMinutes(5));
        Assert.True(install.ExitCode == 0, install.Describe("dotnet tool install"));
        var output = Path.Combine(_dir, "out");
        var run = await ProcessRunner.RunAsync(Path.Combine(tools, "customs"),
            ["process", Path.Combine(Repo.Root, "samples", "documents", "ubl-invoice-de-us-clean.xml"), "--out", output, "--json"], _dir, timeout: TimeSpan.FromMinutes(2));
        Assert.True(run.ExitCode == 0, run.Describe("customs process"));
        Assert.Contains("\"status\":\"accepted\"", run.StandardOutput, StringComparison.Ordinal);
    }
}
