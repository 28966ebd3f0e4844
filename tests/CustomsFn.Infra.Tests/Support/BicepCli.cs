using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CustomsFn.Infra.Tests.Support;

/// <summary>
/// The pinned Bicep CLI, located (and restored from NuGet when missing) by scripts/bicep.sh. Every run works on a private
/// copy of infra/ because build and snapshot write their output next to the input files.
/// </summary>
public static class BicepCli
{
    private static readonly Lazy<Task<string>> Binary = new(LocateAsync);

    public static Task<string> PathAsync() => Binary.Value;

    private static async Task<string> LocateAsync()
    {
        var result = await ProcessRunner.RunAsync("bash", [Path.Combine(Repo.Root, "scripts", "bicep.sh"), "--path"], Repo.Root,
            timeout: TimeSpan.FromMinutes(5));
        if (result.ExitCode != 0) throw new InvalidOperationException(result.Describe("scripts/bicep.sh --path"));
        var path = result.StandardOutput.Trim();
        if (!File.Exists(path)) throw new FileNotFoundException("scripts/bicep.sh printed a path that does not exist", path);
        return path;
    }

    public static async Task<ProcessResult> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var env = new Dictionary<string, string> { ["BICEP_TRACING_ENABLED"] = "false" };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) env[key] = value;
        return await ProcessRunner.RunAsync(await PathAsync(), arguments, workingDirectory, env, TimeSpan.FromMinutes(4));
    }

    /// <summary>A fresh copy of infra/ in <paramref name="parent"/>/<paramref name="purpose"/>.</summary>
    public static string CopyInfra(string parent, string purpose)
    {
        var target = Path.Combine(parent, purpose);
        foreach (var file in Directory.EnumerateFiles(Repo.Infra, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(Repo.Infra, file);
            // Output left behind by someone running the CLI in place (ignored by git) must not be taken for this run's output.
            if (relative.EndsWith(".json", StringComparison.Ordinal) && relative != "bicepconfig.json") continue;
            var destination = Path.Combine(target, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
        return target;
    }

    /// <summary>The .bicep and .bicepparam files of infra/, relative to it, with forward slashes.</summary>
    public static IReadOnlyList<string> SourceFiles(string root, params string[] extensions) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => extensions.Contains(Path.GetExtension(f), StringComparer.Ordinal))
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>SARIF logs printed one after another (one per input file with --pattern).</summary>
    public static IReadOnlyList<JObject> ParseSarifLogs(string output)
    {
        var logs = new List<JObject>();
        using var reader = new JsonTextReader(new StringReader(output)) { SupportMultipleContent = true };
        while (reader.Read()) logs.Add(JObject.Load(reader));
        return logs;
    }

    /// <summary>Every diagnostic (any level) in the SARIF logs, as "file(line): level rule: message" (SARIF's default level is warning).</summary>
    public static IReadOnlyList<string> Diagnostics(IEnumerable<JObject> sarifLogs) =>
        sarifLogs.SelectMany(log => log["runs"]!.SelectMany(run => run["results"]!))
            .Select(r =>
            {
                var location = r.SelectToken("locations[0].physicalLocation");
                return $"{location?.SelectToken("artifactLocation.uri")}({location?.SelectToken("region.startLine")}): " +
                       $"{(string?)r["level"] ?? "warning"} {r["ruleId"]}: {r.SelectToken("message.text")}";
            })
            .ToList();
}
