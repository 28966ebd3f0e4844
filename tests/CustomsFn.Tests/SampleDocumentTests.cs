using CustomsFn.Core;
using CustomsFn.Core.Contract;
using CustomsFn.Core.Foundation;
using Newtonsoft.Json.Linq;

namespace CustomsFn.Tests;

/// <summary>
/// Every document in samples/documents has a hand-written expectation in samples/expected/&lt;name&gt;.expected.json:
/// status, format, type, the named field values, per-line values, and the exact set of findings (rule and path).
/// </summary>
public sealed class SampleDocumentTests
{
    public static TheoryData<string> SampleNames()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.EnumerateFiles(Path.Combine(TestPaths.Samples, "documents")).Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(f));
        return data;
    }

    [Fact]
    public void EverySample_HasAnExpectation()
    {
        foreach (var f in Directory.EnumerateFiles(Path.Combine(TestPaths.Samples, "documents")))
            Assert.True(File.Exists(ExpectedPath(Path.GetFileName(f))), $"samples/expected/{Path.GetFileName(f)}.expected.json is missing");
    }

    [Theory]
    [MemberData(nameof(SampleNames))]
    public async Task Sample_MatchesItsExpectedResult(string name)
    {
        var expectedPath = ExpectedPath(name);
        Assert.True(File.Exists(expectedPath), $"samples/expected/{name}.expected.json is missing");
        var expected = JObject.Parse(await File.ReadAllTextAsync(expectedPath));
        await using var stream = File.OpenRead(Path.Combine(TestPaths.Samples, "documents", name));
        var result = await CustomsDefaults.CreateProcessor().ProcessAsync(stream, new DocumentRef(name), CancellationToken.None);

        var json = ResultSerializer.Serialize(result);
        Schemas.AssertValid(Schemas.Result, json, name);
        var actual = JObject.Parse(json);
        // What is stored (UTF-8 written straight into a buffer) is the same text, byte for byte, in both layouts.
        Assert.Equal(System.Text.Encoding.UTF8.GetBytes(json), ResultSerializer.SerializeToUtf8(result));
        Assert.Equal(System.Text.Encoding.UTF8.GetBytes(ResultSerializer.Serialize(result, indented: false)), ResultSerializer.SerializeToUtf8(result, indented: false));

        Assert.Equal((string?)expected["format"], result.Format);
        Assert.Equal((string?)expected["documentType"], result.DocumentType);
        Assert.Equal((string?)expected["status"], (string?)actual["status"]);
        foreach (var p in ((JObject)expected["fields"]!).Properties())
            Assert.True(JToken.DeepEquals(Normalize(p.Value), Normalize(actual["fields"]?[p.Name]?["value"])), $"{name}: fields.{p.Name} expected {p.Value} got {actual["fields"]?[p.Name]?["value"]}");

        var expectedLines = (JArray)expected["lines"]!;
        Assert.Equal(expectedLines.Count, result.Lines.Count);
        for (var i = 0; i < expectedLines.Count; i++)
        {
            foreach (var p in ((JObject)expectedLines[i]).Properties())
                Assert.True(JToken.DeepEquals(Normalize(p.Value), Normalize(actual["lines"]?[i]?[p.Name]?["value"])), $"{name}: lines[{i}].{p.Name} expected {p.Value} got {actual["lines"]?[i]?[p.Name]?["value"]}");
        }

        var expectedFindings = expected["findings"]!.Select(f => $"{f["rule"]} @ {f["path"]}").Order(StringComparer.Ordinal).ToList();
        var actualFindings = result.Findings.Select(f => $"{f.Rule} @ {f.Path}").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expectedFindings, actualFindings);
    }

    private static string ExpectedPath(string name) => Path.Combine(TestPaths.Samples, "expected", name + ".expected.json");

    /// <summary>Numbers compare by value (40 equals 40.0).</summary>
    private static JToken? Normalize(JToken? t) => t?.Type is JTokenType.Integer or JTokenType.Float ? new JValue(t.Value<decimal>().ToString("G29", System.Globalization.CultureInfo.InvariantCulture)) : t;
}
