using System.Diagnostics;
using CustomsFn.Cli.Commands;
using CustomsFn.Core;
using CustomsFn.Core.Evaluation;
using CustomsFn.Trainer;
using Newtonsoft.Json.Linq;
using Spectre.Console.Testing;

namespace CustomsFn.Tests.Layout;

/// <summary>
/// The layout families of issue #19 (samples/families, written by <c>tools/CustomsFn.EvalSetGenerator --families</c>):
/// what the committed set covers, that the generator reproduces it byte for byte, that <c>customs eval</c> scores the
/// train and held-out families apart, and that the header model never learns from a held-out family.
/// </summary>
public class LayoutFamiliesTests
{
    private static string Folder => Path.Combine(TestPaths.Samples, "families");

    private static JObject Manifest => JObject.Parse(File.ReadAllText(Path.Combine(Folder, "manifest.json")));

    private static List<(string File, string Family, string Split, string Language, string Type)> Documents =>
        Manifest["documents"]!.Select(d => ((string)d["file"]!, (string)d["family"]!, (string)d["split"]!, (string)d["language"]!, (string)d["documentType"]!)).ToList();

    [Fact]
    public void Manifest_CoversFortyFamiliesInEightLanguages_WithBothSplitsFixedByFamilyNumber()
    {
        var docs = Documents;
        var families = docs.GroupBy(d => d.Family).ToList();

        Assert.True(families.Count >= 40, $"{families.Count} families");
        Assert.All(families, f => Assert.True(f.Count() >= 2, $"{f.Key} has {f.Count()} document(s)"));
        Assert.All(families, f => Assert.Single(f.Select(d => (d.Split, d.Language, d.Type)).Distinct()));
        var languages = families.GroupBy(f => f.First().Language).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(["de", "en", "es", "fr", "it", "ja", "nl", "zh"], languages.Keys.Order());
        Assert.All(languages, l => Assert.True(l.Value >= 4, $"{l.Key}: {l.Value} families"));
        // The split is the family number's, not a choice made after seeing results.
        foreach (var f in families)
            Assert.Equal(int.Parse(f.Key[1..], System.Globalization.CultureInfo.InvariantCulture) % 4 == 3 ? "held-out" : "train", f.First().Split);
        Assert.True(families.Count(f => f.First().Split == "held-out") >= 10);
        Assert.Equal(8, families.Where(f => f.First().Split == "held-out").Select(f => f.First().Language).Distinct().Count());
        Assert.Equal(["commercial-invoice", "credit-note", "packing-list"], docs.Select(d => d.Type).Distinct().Order());
        Assert.Contains(Manifest["documents"]!, d => (int)d["pages"]! > 1);
        Assert.Equal(families.Count, Manifest["families"]!.Count());
    }

    [Fact]
    public void EveryDocumentHasAnExpectedFile_AndEveryExpectedFileADocument()
    {
        var documents = Directory.GetFiles(Path.Combine(Folder, "documents")).Select(f => Path.GetFileName(f)).Order().ToList();
        var expected = Directory.GetFiles(Path.Combine(Folder, "expected"), "*.expected.json")
            .Select(f => Path.GetFileName(f)[..^".expected.json".Length]).Order().ToList();

        Assert.True(documents.Count >= 80, $"{documents.Count} documents");
        Assert.Equal(documents, expected);
        Assert.Equal(documents, Documents.Select(d => d.File).Order().ToList());
        Assert.All(documents, d => Assert.EndsWith(".pdf", d));
        foreach (var (file, _, _, language, type) in Documents)
        {
            var json = JObject.Parse(File.ReadAllText(Path.Combine(Folder, "expected", file + ".expected.json")));
            Assert.Equal(language, (string?)json["language"]);
            Assert.Equal(type, (string?)json["documentType"]);
            Assert.NotEmpty((JArray)json["lines"]!);
        }
    }

    /// <summary>
    /// Runs the generator (the built tool, with the fonts of <c>scripts/bootstrap.sh --eval-fonts</c>, which
    /// scripts/test.sh installs) twice for two families: the bytes are the same both times and are the committed ones.
    /// </summary>
    [Theory]
    [InlineData(6)]
    [InlineData(11)]
    public void Generator_GivesTheSameBytesTwice_AndTheCommittedOnes(int family)
    {
        var first = Generate(family);
        var second = Generate(family);
        try
        {
            var files = Directory.GetFiles(first, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(first, f)).Order().ToList();
            Assert.Contains(files, f => f.StartsWith("documents", StringComparison.Ordinal) && f.EndsWith(".pdf", StringComparison.Ordinal));
            Assert.Equal(files, Directory.GetFiles(second, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(second, f)).Order().ToList());
            foreach (var f in files)
            {
                var bytes = File.ReadAllBytes(Path.Combine(first, f));
                Assert.True(bytes.AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(second, f))), $"{f} differs between two runs");
                if (f == "manifest.json") continue;
                Assert.True(bytes.AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(Folder, f))), $"{f} differs from the committed samples/families/{f}");
            }
        }
        finally
        {
            Directory.Delete(first, recursive: true);
            Directory.Delete(second, recursive: true);
        }
    }

    private static string Generate(int family)
    {
        var config = Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)))!);
        var dll = new[] { config, "Release", "Debug" }
            .Select(c => Path.Combine(TestPaths.RepoRoot, "tools", "CustomsFn.EvalSetGenerator", "bin", c, "net10.0", "CustomsFn.EvalSetGenerator.dll"))
            .FirstOrDefault(File.Exists);
        Assert.True(dll is not null, "build the solution first: tools/CustomsFn.EvalSetGenerator is not built");
        var output = Path.Combine(Path.GetTempPath(), "customsfn-families-" + Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = TestPaths.RepoRoot };
        foreach (var a in new[] { dll!, "--families", "--family", family.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", output })
            start.ArgumentList.Add(a);
        using var p = Process.Start(start)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        Assert.True(p.WaitForExit(120_000), "the generator did not finish in 2 minutes");
        Assert.True(p.ExitCode == 0, $"generator exited {p.ExitCode}: {stderr} {stdout.Result}");
        return output;
    }

    [Fact]
    public async Task Eval_ScoresTrainAndHeldOutFamiliesAsSeparateSets()
    {
        var all = ExpectedSet.Load(Folder);
        var manifest = Documents.ToDictionary(d => d.File, d => d.Split);

        Assert.Equal(manifest.Count, all.Count);
        Assert.All(all, d => Assert.Equal("families/" + manifest[d.Name], d.Set));
        // One document of each split, through the real pipeline and the CLI's tables.
        var docs = new[] { all.First(d => d.Set == "families/train"), all.First(d => d.Set == "families/held-out") };
        var report = await ExtractionEvaluator.EvaluateAsync(CustomsDefaults.CreateProcessor(), docs);

        foreach (var set in new[] { "families/train", "families/held-out" })
        {
            Assert.NotNull(report.Set(set));
            Assert.True(report.Set(set)!.Expected >= 10, $"{set}: {report.Set(set)!.Expected} header values");
            Assert.Contains(report.SetFields, f => f.Key == set + "/invoiceNumber");
            Assert.True(report.Documents.Where(d => d.Set == set).Sum(d => d.LinesExpected) > 0);
        }
        Assert.Equal(report.Fields.Sum(f => f.Expected), report.SetFields.Sum(f => f.Expected));
        var console = new TestConsole();
        console.Profile.Width = 200;
        EvalCommand.Write(console, report, details: false);
        EvalCommand.WriteCalibration(console, EvalCommand.Calibrations(report, null));
        Assert.Contains("Fields per layout-family split", console.Output);
        var heldOutColumn = console.Output.IndexOf("families/held-out", StringComparison.Ordinal);
        Assert.True(heldOutColumn >= 0 && heldOutColumn < console.Output.IndexOf("families/train", StringComparison.Ordinal), "held-out first");
        Assert.Contains("goods lines fully right", console.Output);
        Assert.Equal(["families/held-out", "families/train"], EvalCommand.Calibrations(report, null).Keys.Order());
    }

    /// <summary>The trainer reads the train families and never a held-out one.</summary>
    [Fact]
    public void Trainer_LearnsFromTrainFamiliesOnly()
    {
        var emptySroie = Path.Combine(Path.GetTempPath(), "customsfn-nosroie-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(emptySroie, "box"));
        Directory.CreateDirectory(Path.Combine(emptySroie, "key"));
        try
        {
            var docs = TrainingDocument.Load(emptySroie, Path.Combine(TestPaths.Samples, "eval"), Folder);
            var families = docs.Where(d => d.Name.StartsWith("families/", StringComparison.Ordinal)).Select(d => d.Name["families/".Length..]).Order().ToList();
            var train = Documents.Where(d => d.Split == "train").Select(d => d.File).Order().ToList();

            Assert.Equal(train, families);
            Assert.DoesNotContain(Documents.Where(d => d.Split == "held-out"), d => families.Contains(d.File));
            Assert.Contains(docs, d => d.Name.StartsWith("samples/", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(emptySroie, recursive: true);
        }
    }
}
