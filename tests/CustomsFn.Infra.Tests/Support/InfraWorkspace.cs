using Newtonsoft.Json.Linq;

namespace CustomsFn.Infra.Tests.Support;

/// <summary>
/// Runs the Bicep CLI over infra/ once for all tests of the collection: build and lint of every file, build-params of
/// every parameters file, and snapshots of the environments. The runs start together and each works in its own copy.
/// </summary>
public sealed class InfraWorkspace : IDisposable
{
    public const string SubscribeEnvironmentVariable = "CUSTOMSFN_SUBSCRIBE_BLOB_EVENTS";
    public const string PrivateNetworkingEnvironmentVariable = "CUSTOMSFN_PRIVATE_NETWORKING";
    public const string SignInEnvironmentVariable = "CUSTOMSFN_SIGNIN_CLIENT_ID";

    /// <summary>The app registration id the sign-in snapshots deploy with.</summary>
    public const string SignInClientId = "11111111-2222-3333-4444-555555555555";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "customsfn-infra-tests", Guid.NewGuid().ToString("N"));
    private readonly Lazy<Task<CliRun>> _build;
    private readonly Lazy<Task<CliRun>> _buildParams;
    private readonly Lazy<Task<CliRun>> _lint;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string, bool, bool, bool), Lazy<Task<InfraSnapshot>>> _snapshots = new();

    public InfraWorkspace()
    {
        _build = new(() => RunWithPatternAsync("build", "build", "**/*.bicep"));
        _buildParams = new(() => RunWithPatternAsync("build-params", "build-params", "**/*.bicepparam"));
        _lint = new(() => RunWithPatternAsync("lint", "lint", "**/*.bicep*", PlantWarning));
    }

    /// <summary>The environments that have a parameters file (infra/main.{environment}.bicepparam).</summary>
    public static IReadOnlyList<string> Environments { get; } =
        Directory.EnumerateFiles(Repo.Infra, "main.*.bicepparam")
            .Select(f => Path.GetFileName(f)["main.".Length..^".bicepparam".Length])
            .Order(StringComparer.Ordinal)
            .ToList();

    public Task<CliRun> BuildAsync() => _build.Value;

    public Task<CliRun> BuildParamsAsync() => _buildParams.Value;

    public Task<CliRun> LintAsync() => _lint.Value;

    public Task<InfraSnapshot> SnapshotAsync(string environment, bool subscribeBlobEvents, bool privateNetworking = false, bool signIn = false) =>
        _snapshots.GetOrAdd((environment, subscribeBlobEvents, privateNetworking, signIn),
            key => new(() => RunSnapshotAsync(key.Item1, key.Item2, key.Item3, key.Item4))).Value;

    /// <summary>The compiled ARM template of main.bicep.</summary>
    public async Task<JObject> MainTemplateAsync()
    {
        var build = await BuildAsync();
        return JObject.Parse(await File.ReadAllTextAsync(Path.Combine(build.Directory, "main.json")));
    }

    /// <summary>
    /// A file added to the lint run's copy with one default-level warning (prefer-interpolation): the lint test checks
    /// that it is reported, so a harness that lost warnings (the CLI exits 0 on them) could not pass as clean.
    /// </summary>
    public const string PlantedWarningFile = "planted-warning.bicep";

    private static void PlantWarning(string directory) =>
        File.WriteAllText(Path.Combine(directory, PlantedWarningFile), "output planted string = concat('a', 'b')\n");

    public void Dispose()
    {
        // The CLI runs were started by tests that have all finished; their copies are no longer needed.
        try
        {
            if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A CLI run that a failed test never awaited may still be writing; the temporary folder is left behind.
        }
    }

    private async Task<CliRun> RunWithPatternAsync(string purpose, string command, string pattern, Action<string>? prepare = null)
    {
        var directory = BicepCli.CopyInfra(_root, purpose);
        prepare?.Invoke(directory);
        var result = await BicepCli.RunAsync(directory, null, command, "--pattern", pattern, "--diagnostics-format", "sarif");
        return new CliRun(directory, result);
    }

    private async Task<InfraSnapshot> RunSnapshotAsync(string environment, bool subscribe, bool privateNetworking, bool signIn)
    {
        var directory = BicepCli.CopyInfra(_root, $"snapshot-{environment}-{subscribe}-{privateNetworking}-{signIn}");
        var environmentVariables = new Dictionary<string, string>
        {
            [SubscribeEnvironmentVariable] = subscribe ? "true" : "false",
            [PrivateNetworkingEnvironmentVariable] = privateNetworking ? "true" : "false",
            [SignInEnvironmentVariable] = signIn ? SignInClientId : "",
        };
        var parametersFile = $"main.{environment}.bicepparam";
        var snapshotResult = await BicepCli.RunAsync(directory, environmentVariables, "snapshot", parametersFile, "--mode", "overwrite",
            "--subscription-id", InfraSnapshot.SubscriptionId, "--resource-group", InfraSnapshot.ResourceGroupOf(environment),
            "--location", InfraSnapshot.Location, "--deployment-name", "customsfn");
        if (snapshotResult.ExitCode != 0) throw new InvalidOperationException(snapshotResult.Describe("bicep snapshot " + parametersFile));
        var snapshot = JObject.Parse(await File.ReadAllTextAsync(Path.Combine(directory, $"main.{environment}.snapshot.json")));

        // The parameter values: the compiled parameters file (built with the variable unset) over the template's defaults.
        var buildParams = await BuildParamsAsync();
        if (buildParams.Result.ExitCode != 0) throw new InvalidOperationException(buildParams.Result.Describe("bicep build-params"));
        var parametersFileJson = JObject.Parse(await File.ReadAllTextAsync(Path.Combine(buildParams.Directory, $"main.{environment}.json")));
        var parameters = EffectiveParameters(await MainTemplateAsync(), parametersFileJson);
        parameters["subscribeBlobEvents"] = subscribe;
        parameters["enablePrivateNetworking"] = privateNetworking;
        parameters["signInClientId"] = signIn ? SignInClientId : "";
        return new InfraSnapshot(environment, subscribe, snapshot, parameters);
    }

    /// <summary>The parameters file's values over the template's literal defaults.</summary>
    private static JObject EffectiveParameters(JObject template, JObject parametersFile)
    {
        var values = new JObject();
        foreach (var parameter in ((JObject)template["parameters"]!).Properties())
        {
            var defaultValue = parameter.Value["defaultValue"];
            if (defaultValue is not null && !(defaultValue.Type == JTokenType.String && ((string)defaultValue!).StartsWith('[')))
                values[parameter.Name] = defaultValue.DeepClone();
        }
        foreach (var parameter in ((JObject)parametersFile["parameters"]!).Properties())
            values[parameter.Name] = parameter.Value["value"]!.DeepClone();
        return values;
    }
}

public sealed record CliRun(string Directory, ProcessResult Result)
{
    public IReadOnlyList<JObject> SarifLogs => BicepCli.ParseSarifLogs(Result.StandardOutput);
}

[CollectionDefinition(Name)]
public sealed class InfraCollection : ICollectionFixture<InfraWorkspace>
{
    public const string Name = "infra";
}
