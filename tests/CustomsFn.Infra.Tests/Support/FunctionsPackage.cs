using Newtonsoft.Json.Linq;

namespace CustomsFn.Infra.Tests.Support;

/// <summary>
/// The published Functions app (`dotnet publish`): scripts/test.sh publishes it once to artifacts/functions and sets
/// CUSTOMSFN_FUNCTIONS_PUBLISH_DIR; run alone, the tests publish it themselves into a private temporary folder.
/// </summary>
public static class FunctionsPackage
{
    private static readonly Lazy<Task<string>> Directory = new(PublishAsync);

    public static Task<string> DirectoryAsync() => Directory.Value;

    public static async Task<IReadOnlyList<FunctionEntry>> FunctionsAsync()
    {
        var metadata = JArray.Parse(await File.ReadAllTextAsync(Path.Combine(await DirectoryAsync(), "functions.metadata")));
        return metadata.Cast<JObject>().Select(f => new FunctionEntry(f)).ToList();
    }

    private static async Task<string> PublishAsync()
    {
        var dir = Environment.GetEnvironmentVariable("CUSTOMSFN_FUNCTIONS_PUBLISH_DIR");
        if (!string.IsNullOrEmpty(dir) && File.Exists(Path.Combine(dir, "functions.metadata"))) return dir;
        dir = Path.Combine(Path.GetTempPath(), "customsfn-infra-tests", "functions-publish");
        var project = Path.Combine(Repo.Root, "functions", "CustomsFn.Functions", "CustomsFn.Functions.csproj");
        var result = await ProcessRunner.RunAsync("dotnet", ["publish", project, "-c", "Release", "-o", dir, "--nologo", "-v", "q"],
            Repo.Root, timeout: TimeSpan.FromMinutes(10));
        if (result.ExitCode != 0) throw new InvalidOperationException(result.Describe("dotnet publish"));
        return dir;
    }
}

/// <summary>One function of functions.metadata.</summary>
public sealed class FunctionEntry(JObject json)
{
    public JObject Json { get; } = json;

    public string Name => (string)Json["name"]!;

    public IReadOnlyList<JObject> Bindings => Json["bindings"]?.Cast<JObject>().ToList() ?? [];

    public IReadOnlyList<JObject> Triggers =>
        Bindings.Where(b => ((string?)b["type"])?.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase) == true).ToList();

    public JObject? BlobTrigger => Bindings.SingleOrDefault(b => Is(b, "blobTrigger"));

    public static bool Is(JObject binding, string type) => string.Equals((string?)binding["type"], type, StringComparison.OrdinalIgnoreCase);

    public override string ToString() => Name;
}
