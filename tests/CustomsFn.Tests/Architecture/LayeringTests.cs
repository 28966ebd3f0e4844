using System.Reflection;
using CustomsFn.Core.Pipeline;
using NetArchTest.Rules;

namespace CustomsFn.Tests.Architecture;

/// <summary>
/// The layers of the core library, bottom to top (docs/architecture.md): a namespace may use its own layer and the
/// layers below it, never one above. Checked on the compiled IL (NetArchTest reads every type, member and method body),
/// so a dependency that points the wrong way fails here even where the compiler allows it.
/// </summary>
public sealed class LayeringTests
{
    private const string Core = "CustomsFn.Core";

    /// <summary>Bottom to top. Namespaces of one layer may use each other.</summary>
    internal static readonly string[][] Layers =
    [
        ["Model", "Contract", "Foundation"],   // value types, the result contract, errors, INPUT-* codes, ports
        ["Xml", "Isolation"],                   // hostile-input-safe XML, worker processes
        ["Conformance"],                        // EN 16931 business rules over e-invoice XML, code lists
        ["Sniffing", "Extraction"],             // format detection, extractors
        ["Tariffs", "Screening"],               // tariff packs and duty arithmetic; sanctions list index and name matching
        ["Rules"],                              // the rule engine and its rules
        ["Shipments"],                          // cross-document reconciliation
        ["Pipeline"],                           // orchestration: processor, pipeline, worker entry points
        ["Evaluation"],                         // accuracy evaluation over the processor
    ];

    private static readonly Assembly CoreAssembly = typeof(DocumentProcessor).Assembly;

    public static TheoryData<string, string> LowerAndHigher()
    {
        var data = new TheoryData<string, string>();
        for (var low = 0; low < Layers.Length; low++)
            for (var high = low + 1; high < Layers.Length; high++)
                foreach (var a in Layers[low])
                    foreach (var b in Layers[high])
                        data.Add(a, b);
        return data;
    }

    [Theory]
    [MemberData(nameof(LowerAndHigher))]
    public void ALowerLayer_DoesNotDependOnAHigherOne(string lower, string higher)
    {
        var result = Types.InAssembly(CoreAssembly)
            .That().ResideInNamespace($"{Core}.{lower}")
            .ShouldNot().HaveDependencyOn($"{Core}.{higher}")
            .GetResult();
        Assert.True(result.IsSuccessful,
            $"{Core}.{lower} must not use {Core}.{higher} (a higher layer): " + string.Join(", ", result.FailingTypeNames ?? []));
    }

    /// <summary>
    /// The check sees what the layering forbids: the pipeline does use the extractors, and the PDF guard's only use of
    /// the foundation is a <c>throw new DocumentRejectedException</c> in a method body (what made Extraction and Pipeline
    /// a cycle when that exception lived in Pipeline).
    /// </summary>
    [Theory]
    [InlineData("Pipeline", "Extraction")]
    [InlineData("Extraction.Pdf", "Foundation")]
    [InlineData("Rules", "Tariffs")]
    public void TheCheck_SeesDependenciesThatExist(string from, string to)
    {
        var result = Types.InAssembly(CoreAssembly)
            .That().ResideInNamespace($"{Core}.{from}")
            .ShouldNot().HaveDependencyOn($"{Core}.{to}")
            .GetResult();
        Assert.False(result.IsSuccessful);
    }

    [Fact]
    public void EveryNamespaceOfTheCore_HasALayer()
    {
        var known = Layers.SelectMany(l => l).Select(n => $"{Core}.{n}").ToList();
        var unplaced = CoreAssembly.GetTypes()
            .Select(t => t.Namespace)
            .Where(ns => ns is not null && ns != Core && !ns.StartsWith("CustomsFn.Schemas", StringComparison.Ordinal) && !ns.StartsWith("System", StringComparison.Ordinal)
                && !ns.StartsWith("Microsoft", StringComparison.Ordinal)
                && !known.Any(k => ns == k || ns.StartsWith(k + ".", StringComparison.Ordinal)))
            .Distinct()
            .ToList();
        Assert.Empty(unplaced);
    }

    [Fact]
    public void TheCore_KnowsNoHost_NoAzureAdapter_AndNoTool()
    {
        var result = Types.InAssembly(CoreAssembly)
            .ShouldNot().HaveDependencyOnAny("CustomsFn.Infrastructure", "CustomsFn.Api", "CustomsFn.Functions", "CustomsFn.LocalHost",
                "CustomsFn.Cli", "CustomsFn.Bench", "Azure", "Microsoft.Azure")
            .GetResult();
        Assert.True(result.IsSuccessful, string.Join(", ", result.FailingTypeNames ?? []));
    }

    /// <summary>What ships (functions/) references only what ships: benchmarks and generators live in tools/.</summary>
    [Fact]
    public void ProductProjects_ReferenceNoToolOrTestProject_AndHoldNoBenchmarkCode()
    {
        var functions = Path.Combine(TestPaths.RepoRoot, "functions");
        foreach (var project in Directory.GetFiles(functions, "*.csproj", SearchOption.AllDirectories))
        {
            var references = System.Xml.Linq.XDocument.Load(project).Descendants("ProjectReference")
                .Select(r => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(project)!, ((string?)r.Attribute("Include") ?? "").Replace('\\', '/'))));
            Assert.All(references, r => Assert.StartsWith(functions + Path.DirectorySeparatorChar, r, StringComparison.Ordinal));
        }
        var benchmarkSources = Directory.GetFiles(functions, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => Path.GetFileName(f).Contains("Bench", StringComparison.OrdinalIgnoreCase) || File.ReadAllText(f).Contains("BenchmarkDotNet", StringComparison.Ordinal));
        Assert.Empty(benchmarkSources);
    }
}
