using CustomsFn.Infra.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace CustomsFn.Infra.Tests;

/// <summary>
/// The one deployment command (scripts/deploy.sh) and the GitHub Actions workflow a team adopts. Neither can reach Azure
/// here: the script's dry run shows its sequence, and the workflow is checked as YAML against the repository.
/// </summary>
public sealed class DeploymentPipelineTests
{
    private static readonly string Workflow = Path.Combine(Repo.Root, ".github", "workflows", "ci.yml");

    private static YamlMappingNode LoadWorkflow()
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(Workflow)) stream.Load(reader);
        return (YamlMappingNode)Assert.Single(stream.Documents).RootNode;
    }

    private static YamlMappingNode Map(YamlNode node, string key) => (YamlMappingNode)((YamlMappingNode)node).Children[new YamlScalarNode(key)];

    private static IEnumerable<YamlMappingNode> Steps(YamlMappingNode job) =>
        ((YamlSequenceNode)job.Children[new YamlScalarNode("steps")]).Children.Cast<YamlMappingNode>();

    private static string Runs(YamlMappingNode job) => string.Join("\n", Steps(job)
        .Select(s => s.Children.TryGetValue(new YamlScalarNode("run"), out var r) ? ((YamlScalarNode)r).Value : null)
        .OfType<string>());

    private static Task<ProcessResult> DeployAsync(params string[] arguments) =>
        ProcessRunner.RunAsync("bash", ["scripts/deploy.sh", .. arguments], Repo.Root, timeout: TimeSpan.FromMinutes(1));

    [Fact]
    public void Workflow_RunsTheCiScript_OnPushAndPullRequest()
    {
        var workflow = LoadWorkflow();
        var on = Map(workflow, "on");

        Assert.Contains(new YamlScalarNode("push"), on.Children.Keys);
        Assert.Contains(new YamlScalarNode("pull_request"), on.Children.Keys);
        Assert.Contains("bash .ci/run", Runs(Map(Map(workflow, "jobs"), "test")), StringComparison.Ordinal);
    }

    [Fact]
    public void Workflow_LintsAndBuildsTheBicep_AndRunsWhatIfOnPullRequestsOnly()
    {
        var jobs = Map(LoadWorkflow(), "jobs");
        var whatIf = Map(jobs, "what-if");

        Assert.Contains("scripts/bicep.sh lint infra/main.bicep", Runs(Map(jobs, "bicep")), StringComparison.Ordinal);
        Assert.Contains("build-params", Runs(Map(jobs, "bicep")), StringComparison.Ordinal);
        Assert.Contains("github.event_name == 'pull_request'", ((YamlScalarNode)whatIf.Children[new YamlScalarNode("if")]).Value, StringComparison.Ordinal);
        Assert.Contains("scripts/deploy.sh prod", Runs(whatIf), StringComparison.Ordinal);
        Assert.Contains("--what-if", Runs(whatIf), StringComparison.Ordinal);
        // Federated sign-in needs the token permission; no stored secret.
        Assert.Equal("write", ((YamlScalarNode)Map(whatIf, "permissions").Children[new YamlScalarNode("id-token")]).Value);
    }

    [Fact]
    public void Workflow_ActionsArePinnedToAVersion_AndEveryScriptItRunsExists()
    {
        var jobs = Map(LoadWorkflow(), "jobs");
        foreach (var job in jobs.Children.Values.Cast<YamlMappingNode>())
        {
            foreach (var step in Steps(job))
            {
                if (step.Children.TryGetValue(new YamlScalarNode("uses"), out var uses))
                    Assert.Matches(@"^[\w.-]+/[\w.-]+@v\d+$", ((YamlScalarNode)uses).Value!);
            }
            foreach (var script in System.Text.RegularExpressions.Regex.Matches(Runs(job), @"bash ([\w./-]+)").Select(m => m.Groups[1].Value))
                Assert.True(File.Exists(Path.Combine(Repo.Root, script)), $"the workflow runs {script}, which is not in the repository");
        }
    }

    [Fact]
    public async Task Deploy_ProvisionsWithoutTheSubscription_PublishesTheCode_ThenSubscribes()
    {
        var run = await DeployAsync("prod", "rg-customsfn-prod", "--dry-run");
        Assert.True(run.ExitCode == 0, run.Describe("deploy.sh --dry-run"));
        var commands = run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("+ ", StringComparison.Ordinal)).ToList();

        int Index(string fragment) => commands.FindIndex(c => c.Contains(fragment, StringComparison.Ordinal));
        var pdfJs = Index("bootstrap.sh --azurite");
        var provision = Index("CUSTOMSFN_SUBSCRIBE_BLOB_EVENTS=false az deployment group create");
        var publish = Index("dotnet publish functions/CustomsFn.Functions/CustomsFn.Functions.csproj");
        var upload = Index("az functionapp deployment source config-zip");
        var subscribe = Index("CUSTOMSFN_SUBSCRIBE_BLOB_EVENTS=true az deployment group create");

        Assert.True(pdfJs >= 0 && pdfJs < publish, "pdf.js is installed before the package is published");
        Assert.True(provision >= 0 && provision < upload && publish < upload && upload < subscribe, string.Join("\n", commands));
        Assert.Contains("--parameters infra/main.prod.bicepparam", commands[provision], StringComparison.Ordinal);
        Assert.Contains("--resource-group rg-customsfn-prod", commands[subscribe], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deploy_WhatIf_ChangesNothing()
    {
        var run = await DeployAsync("dev", "rg-customsfn-dev", "--what-if", "--dry-run");
        Assert.Equal(0, run.ExitCode);

        var command = Assert.Single(run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("az deployment group what-if", command, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("staging", "rg", "no parameters file infra/main.staging.bicepparam")]
    [InlineData("dev", "rg", "unknown option --yes", "--yes")]
    public async Task Deploy_RefusesWhatItCannotDo_WithExitTwo(string environment, string group, string message, string? option = null)
    {
        var run = await DeployAsync(option is null ? [environment, group, "--dry-run"] : [environment, group, option]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.StandardError, StringComparison.Ordinal);
        Assert.Empty(run.StandardOutput);
    }
}
