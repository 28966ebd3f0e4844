using CustomsFn.Infra.Tests.Support;
using Newtonsoft.Json.Linq;

namespace CustomsFn.Infra.Tests;

/// <summary>The published package (what Flex Consumption deploys) is complete: every function, binding and extension.</summary>
public sealed class FunctionsPackageContentTests
{
    [Fact]
    public async Task EveryFunction_HasBindings_ExactlyOneTrigger_AndItsAssembly()
    {
        var directory = await FunctionsPackage.DirectoryAsync();
        var functions = await FunctionsPackage.FunctionsAsync();

        Assert.NotEmpty(functions);
        Assert.Equal(functions.Count, functions.Select(f => f.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        foreach (var function in functions)
        {
            Assert.True(function.Bindings.Count > 0, $"{function} has no binding");
            Assert.True(function.Triggers.Count == 1, $"{function} has {function.Triggers.Count} triggers");
            Assert.All(function.Bindings, b => Assert.False(string.IsNullOrEmpty((string?)b["name"]), $"{function} has an unnamed binding"));
            Assert.Equal("dotnet-isolated", (string?)function.Json["language"]);
            Assert.True(File.Exists(Path.Combine(directory, (string)function.Json["scriptFile"]!)), $"{function}: {function.Json["scriptFile"]} is not in the package");
            Assert.StartsWith("CustomsFn.Functions.", (string?)function.Json["entryPoint"], StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task BlobTriggers_AllWatchTheSameContainer_AndOneUsesTheEventGridSource()
    {
        var triggers = (await FunctionsPackage.FunctionsAsync()).Where(f => f.BlobTrigger is not null).ToList();

        Assert.Contains(triggers, f => (string?)f.BlobTrigger!["source"] == "EventGrid");
        Assert.All(triggers, f => Assert.EndsWith("/{name}", (string?)f.BlobTrigger!["path"], StringComparison.Ordinal));
    }

    [Fact]
    public async Task Package_CarriesTheExtensionsItsBindingsNeed_AndTheHostFiles()
    {
        var directory = await FunctionsPackage.DirectoryAsync();
        var functions = await FunctionsPackage.FunctionsAsync();
        var extensions = (JArray)JObject.Parse(await File.ReadAllTextAsync(Path.Combine(directory, "extensions.json")))["extensions"]!;
        var names = extensions.Select(e => (string)e["name"]!).ToHashSet(StringComparer.Ordinal);
        var bindingTypes = functions.SelectMany(f => f.Bindings).Select(b => ((string)b["type"]!).ToUpperInvariant()).ToHashSet();

        if (bindingTypes.Any(t => t.StartsWith("BLOB", StringComparison.Ordinal))) Assert.Contains("AzureStorageBlobs", names);
        if (bindingTypes.Any(t => t.StartsWith("QUEUE", StringComparison.Ordinal))) Assert.Contains("AzureStorageQueues", names);
        foreach (var extension in extensions)
        {
            var hintPath = (string?)extension["hintPath"];
            if (hintPath is not null) Assert.True(File.Exists(Path.Combine(directory, hintPath)), $"{hintPath} is not in the package");
        }
        Assert.True(File.Exists(Path.Combine(directory, "host.json")));
        Assert.True(File.Exists(Path.Combine(directory, "worker.config.json")));
        Assert.False(File.Exists(Path.Combine(directory, "local.settings.json")), "local.settings.json must not be deployed");
    }

    [Fact]
    public async Task Package_IsForLinuxX64Only_AndUnder80MB()
    {
        var directory = await FunctionsPackage.DirectoryAsync();
        var files = new DirectoryInfo(directory).EnumerateFiles("*", SearchOption.AllDirectories).ToList();
        var bytes = files.Sum(f => f.Length);

        Assert.True(bytes < 80L * 1024 * 1024, $"the package is {bytes / (1024.0 * 1024):0.0} MB");
        var runtimes = Path.Combine(directory, "runtimes");
        var platforms = Directory.Exists(runtimes) ? Directory.GetDirectories(runtimes).Select(Path.GetFileName).ToList() : [];
        Assert.All(platforms, p => Assert.StartsWith("linux-x64", p, StringComparison.Ordinal));
        // SkiaSharp's native library for the deployed platform, where the runtime loads it from.
        Assert.Contains(files, f => f.Name == "libSkiaSharp.so");
    }

    [Theory]
    [InlineData("dashboard/index.html")]
    [InlineData("dashboard/vendor/pdfjs/pdf.min.mjs")]
    [InlineData("dashboard/vendor/pdfjs/pdf.worker.min.mjs")]
    public async Task Package_CarriesTheDashboardAndItsPdfRenderer(string path)
    {
        var directory = await FunctionsPackage.DirectoryAsync();
        Assert.True(File.Exists(Path.Combine(directory, path)), $"{path} is not in the package");
    }

    [Fact]
    public async Task Package_ExportsTelemetryThroughOpenTelemetry()
    {
        var directory = await FunctionsPackage.DirectoryAsync();
        var host = JObject.Parse(await File.ReadAllTextAsync(Path.Combine(directory, "host.json")));

        Assert.Equal("OpenTelemetry", (string?)host["telemetryMode"]);
        Assert.True(File.Exists(Path.Combine(directory, "Microsoft.Azure.Functions.Worker.OpenTelemetry.dll")));
        Assert.True(File.Exists(Path.Combine(directory, "Azure.Monitor.OpenTelemetry.Exporter.dll")));
    }
}
