using System.Text.RegularExpressions;
using CustomsFn.Infra.Tests.Support;
using Newtonsoft.Json.Linq;

namespace CustomsFn.Infra.Tests;

/// <summary>Every Bicep file compiles and lints with no diagnostic at all (a warning fails like an error).</summary>
[Collection(InfraCollection.Name)]
public sealed partial class BicepToolchainTests(InfraWorkspace infra)
{
    [Fact]
    public async Task Cli_IsTheVersionPinnedInDirectoryPackagesProps()
    {
        var props = await File.ReadAllTextAsync(Path.Combine(Repo.Root, "Directory.Packages.props"));
        var pinned = PinnedVersion().Match(props);
        Assert.True(pinned.Success, "Directory.Packages.props pins no Azure.Bicep.CommandLine.linux-x64 version");

        // scripts/bicep.sh runs the binary of the pinned package from the NuGet global packages folder.
        var path = await BicepCli.PathAsync();

        Assert.EndsWith($"/azure.bicep.commandline.linux-x64/{pinned.Groups[1].Value}/tools/bicep", path, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_EveryBicepFile_CompilesWithoutAnyDiagnostic()
    {
        var build = await infra.BuildAsync();

        Assert.True(build.Result.ExitCode == 0, build.Result.Describe("bicep build"));
        Assert.Empty(BicepCli.Diagnostics(build.SarifLogs));
        var sources = BicepCli.SourceFiles(build.Directory, ".bicep");
        Assert.Contains("main.bicep", sources);
        foreach (var source in sources)
            Assert.True(File.Exists(Path.Combine(build.Directory, Path.ChangeExtension(source, ".json"))), $"no ARM template was built from {source}");
    }

    [Fact]
    public async Task BuildParams_EveryParametersFile_CompilesWithoutAnyDiagnostic()
    {
        var build = await infra.BuildParamsAsync();

        Assert.True(build.Result.ExitCode == 0, build.Result.Describe("bicep build-params"));
        Assert.Empty(BicepCli.Diagnostics(build.SarifLogs));
        var sources = BicepCli.SourceFiles(build.Directory, ".bicepparam");
        Assert.Equal(["main.dev.bicepparam", "main.prod.bicepparam"], sources);
        foreach (var source in sources)
        {
            var parameters = JObject.Parse(await File.ReadAllTextAsync(Path.Combine(build.Directory, Path.ChangeExtension(source, ".json"))));
            Assert.NotEmpty(((JObject)parameters["parameters"]!).Properties());
        }
    }

    [Fact]
    public async Task Lint_EveryBicepAndParametersFile_HasNoDiagnostic()
    {
        var lint = await infra.LintAsync();

        Assert.True(lint.Result.ExitCode == 0, lint.Result.Describe("bicep lint"));
        var diagnostics = BicepCli.Diagnostics(lint.SarifLogs);
        var planted = diagnostics.Where(d => d.Contains(InfraWorkspace.PlantedWarningFile, StringComparison.Ordinal)).ToList();
        var real = diagnostics.Except(planted).ToList();
        Assert.True(real.Count == 0, "bicep lint reported:\n" + string.Join('\n', real));
        // The harness sees warnings: the one planted in the run's copy of infra/ was reported.
        Assert.Contains(planted, d => d.Contains("warning prefer-interpolation", StringComparison.Ordinal));
        // One SARIF log per linted file: every .bicep and .bicepparam file of infra/ (plus the planted one) was looked at.
        Assert.Equal(BicepCli.SourceFiles(Repo.Infra, ".bicep", ".bicepparam").Count + 1, lint.SarifLogs.Count);
    }

    [Fact]
    public void LinterConfiguration_KeepsEveryRuleAtItsDefaultOrStricter()
    {
        var config = JObject.Parse(File.ReadAllText(Path.Combine(Repo.Infra, "bicepconfig.json")));
        var core = config.SelectToken("analyzers.core");

        Assert.NotNull(core);
        Assert.NotEqual(false, (bool?)core["enabled"]);
        foreach (var rule in ((JObject?)core["rules"])?.Properties() ?? [])
        {
            var level = (string?)rule.Value["level"];
            Assert.True(level is "warning" or "error", $"bicepconfig.json weakens {rule.Name} to '{level}'");
        }
    }

    [Fact]
    public void Sources_DoNotSuppressDiagnostics()
    {
        foreach (var file in BicepCli.SourceFiles(Repo.Infra, ".bicep", ".bicepparam"))
        {
            var text = File.ReadAllText(Path.Combine(Repo.Infra, file));
            Assert.DoesNotContain("#disable-next-line", text, StringComparison.Ordinal);
            Assert.DoesNotContain("#disable-diagnostics", text, StringComparison.Ordinal);
        }
    }

    public static TheoryData<string> Environments => new(InfraWorkspace.Environments);

    [Theory]
    [MemberData(nameof(Environments))]
    public async Task Snapshot_OfEachEnvironment_HasNoDiagnostic(string environment)
    {
        foreach (var subscribe in new[] { false, true })
        {
            var snapshot = await infra.SnapshotAsync(environment, subscribe);
            Assert.Empty(snapshot.Diagnostics);
            Assert.NotEmpty(snapshot.Resources);
        }
    }

    [GeneratedRegex("""PackageVersion Include="Azure\.Bicep\.CommandLine\.linux-x64" Version="([^"]+)" """)]
    private static partial Regex PinnedVersion();
}
