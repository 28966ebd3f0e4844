using CustomsFn.Core;
using CustomsFn.Core.Contract;
using CustomsFn.Core.Foundation;
using CustomsFn.Core.Model;
using Newtonsoft.Json.Linq;

namespace CustomsFn.Tests;

public sealed class ContractTests
{
    private static async Task<CustomsResult> SampleResultAsync(string name = "ubl-invoice-de-us-defects.xml")
    {
        await using var s = File.OpenRead(Path.Combine(TestPaths.Samples, "documents", name));
        return await CustomsDefaults.CreateProcessor().ProcessAsync(s, new DocumentRef("incoming/" + name), CancellationToken.None);
    }

    [Fact]
    public async Task Result_RoundTripsThroughJson()
    {
        var result = await SampleResultAsync();
        var json = ResultSerializer.Serialize(result);
        var back = ResultSerializer.Deserialize<CustomsResult>(json);
        Assert.Equal(json, ResultSerializer.Serialize(back));
        Assert.Equal("2026-10-14", back.Fields.GetText(FieldNames.IssueDate)); // dates stay strings
        Assert.Equal(19860.00m, back.Fields.GetNumber(FieldNames.TotalAmount));
    }

    [Fact]
    public async Task Result_UsesTheContractsSpelling()
    {
        var o = JObject.Parse(ResultSerializer.Serialize(await SampleResultAsync()));
        Assert.Equal("customsfn.result/v1", (string?)o["schema"]);
        Assert.Equal("rejected", (string?)o["status"]);
        Assert.Equal("error", (string?)o["findings"]![0]!["severity"]);
        var field = (JObject)o["fields"]!["invoiceNumber"]!;
        Assert.Equal(JTokenType.Null, field["confidence"]!.Type); // written, and null: nothing was scored
        Assert.Equal("/Invoice/cbc:ID", (string?)field["source"]!["path"]);
        Assert.Equal(JTokenType.Float, o["fields"]!["totalAmount"]!["value"]!.Type);
    }

    [Fact]
    public void Schema_RejectsAMadeUpStatusAndAMissingConfidence()
    {
        const string bad = """
            {"schema":"customsfn.result/v1","documentId":"ab","source":{"name":"x","sizeBytes":1,"mediaType":"a"},"format":"ubl",
             "documentType":"unknown","fields":{"invoiceNumber":{"value":"1"}},"lines":[],"status":"ok","findings":[],
             "versions":{"ruleset":"r","tariffs":[]},"processedAt":"2026-01-01T00:00:00Z"}
            """;
        var errors = Schemas.Result.Validate(bad).Select(e => e.Path ?? "").ToList();
        Assert.Contains("#/status", errors);
        Assert.Contains("#/documentId", errors);
        Assert.Contains(errors, p => p.StartsWith("#/fields.invoiceNumber", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Message_IsSmallAndValid()
    {
        var result = await SampleResultAsync();
        var json = ResultSerializer.Serialize(ResultMessage.For(result), indented: false);
        Schemas.AssertValid(Schemas.Message, json, "message");
        Assert.True(json.Length < 48 * 1024);
        var o = JObject.Parse(json);
        Assert.Equal(11, (int)o["findingCounts"]!["error"]!); // 6 customs rule errors and 5 EN 16931 business rule errors (BR-CO-10, BR-CO-15, BR-CO-16, BR-G-08, BR-CL-15)
        Assert.Equal(1, (int)o["findingCounts"]!["warning"]!);
    }

    [Fact]
    public void Message_WithAHugeSourceName_StaysUnderTheLimit()
    {
        var result = new CustomsResult
        {
            DocumentId = new string('a', 64),
            Source = new SourceInfo("incoming/" + new string('n', 100_000), 1, "application/xml"),
            Format = DocumentFormat.Ubl,
            DocumentType = DocumentType.Unknown,
            Status = ResultStatus.Rejected,
            Versions = new VersionInfo("r", []),
            ProcessedAt = DateTimeOffset.UnixEpoch,
        };
        var json = ResultSerializer.Serialize(ResultMessage.For(result), indented: false);
        Assert.True(json.Length < 48 * 1024);
        Schemas.AssertValid(Schemas.Message, json, "message");
    }
}
