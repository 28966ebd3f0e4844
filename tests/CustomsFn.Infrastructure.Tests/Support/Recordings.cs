using System.Text.Json.Nodes;

namespace CustomsFn.Infrastructure.Tests.Support;

/// <summary>
/// A recorded Document Intelligence exchange from ../shared/corpus/azure-di-responses, read in place: the analyze
/// request the service received, the Operation-Location it answered, and the poll responses in order (the last one the
/// final result). Azure SDK test-proxy files ({"Entries": [...]}) are replayed as recorded; bare final bodies get the
/// protocol around them (202, one "running" poll, then the body).
/// </summary>
public sealed record Recording(string File, string ApiVersion, string AnalyzePath, string? OperationPathAndQuery, IReadOnlyList<(int Status, string Body)> Polls)
{
    public const string Folder = "azure-di-responses";

    /// <summary>Every recording with an analysis result (the spec examples hold only the request and its 202).</summary>
    public static readonly string[] ResultFiles =
    [
        "invoice1_prebuilt-invoice_v2.1-preview.2.response.json",
        "invoice1_prebuilt-invoice_2021-09-30-preview.response.json",
        "net-formrecognizer-2023-07-31_prebuilt-invoice_jpg.excerpt.json",
        "js-docintel-2024-02-29-preview_prebuilt-invoice_url.excerpt.json",
    ];

    public static readonly string[] SpecFiles =
    [
        "spec-2024-11-30_AnalyzeDocument_Stream.json",
        "spec-2024-11-30_AnalyzeDocument_Base64.json",
    ];

    public static TheoryData<string> Results() => new(ResultFiles);

    public static TheoryData<string> Specs() => new(SpecFiles);

    public JsonNode Final => JsonNode.Parse(Polls[^1].Body)!;

    /// <summary>True for recordings of images (the service reports pixels).</summary>
    public bool IsImage => File.Contains("jpg", StringComparison.Ordinal);

    public static Recording Load(string folder, string file)
    {
        var root = JsonNode.Parse(System.IO.File.ReadAllText(Path.Combine(folder, file)))!;
        if (root["Entries"] is JsonArray entries)
        {
            var post = entries.First(e => (string?)e!["RequestMethod"] == "POST")!;
            var postUri = new Uri((string)post["RequestUri"]!);
            var operation = new Uri((string)post["ResponseHeaders"]!["Operation-Location"]!);
            var polls = entries.Where(e => (string?)e!["RequestMethod"] == "GET")
                .Select(e => ((int)e!["StatusCode"]!, e["ResponseBody"]!.ToJsonString())).ToList();
            var version = System.Web.HttpUtility.ParseQueryString(postUri.Query)["api-version"]!;
            return new Recording(file, version, postUri.AbsolutePath, operation.PathAndQuery, polls);
        }

        // Bare final bodies: the API version is in the result (v3) or in the file name (v2.1: analyzeResult.version is "2.1.0").
        var ar = root["analyzeResult"]!;
        var apiVersion = (string?)ar["apiVersion"] ?? "v2.1-preview.2";
        var path = apiVersion.StartsWith('v')
            ? $"/formrecognizer/{apiVersion}/prebuilt/invoice/analyze"
            : "/formrecognizer/documentModels/prebuilt-invoice:analyze";
        return new Recording(file, apiVersion, path, null, [(200, FakeDocumentIntelligence.Running), (200, root.ToJsonString())]);
    }

    /// <summary>Scripts the fake service to replay this recording.</summary>
    public void Install(FakeDocumentIntelligence fake)
    {
        fake.OnAnalyze = (ctx, _) => FakeDocumentIntelligence.AcceptAsync(ctx, OperationPathAndQuery);
        fake.OnPoll = (ctx, n) =>
        {
            var (status, body) = Polls[Math.Min(n, Polls.Count) - 1];
            return FakeDocumentIntelligence.JsonAsync(ctx, status, body);
        };
    }
}

/// <summary>Reads expected values straight from a recording's JSON (independently of the mapper under test).</summary>
public static class Expected
{
    public static JsonObject DocumentFields(JsonNode final)
    {
        var ar = final["analyzeResult"]!;
        var doc = ar["documents"]?[0] ?? ar["documentResults"]![0]!;
        return doc["fields"]!.AsObject();
    }

    public static string? Text(JsonNode? field) => (string?)field?["valueString"] ?? (string?)field?["content"] ?? (string?)field?["text"];

    public static decimal? Number(JsonNode? field) =>
        field?["valueCurrency"]?["amount"] is JsonValue a ? a.GetValue<decimal>() :
        field?["valueNumber"] is JsonValue n ? n.GetValue<decimal>() : null;

    public static double? Confidence(JsonNode? field) => field?["confidence"] is JsonValue c ? c.GetValue<double>() : null;

    /// <summary>(page number, width, height, unit) of the page a field is on.</summary>
    public static (double Width, double Height, string Unit) Page(JsonNode final, int pageNumber)
    {
        var ar = final["analyzeResult"]!;
        var pages = (ar["pages"] ?? ar["readResults"])!.AsArray();
        var page = pages.First(p => ((int?)p!["pageNumber"] ?? (int?)p["page"]) == pageNumber)!;
        return ((double)page["width"]!, (double)page["height"]!, (string)page["unit"]!);
    }

    /// <summary>The first region of a field: page and its 8 polygon coordinates.</summary>
    public static (int Page, double[] Coords) Region(JsonNode field)
    {
        if (field["boundingRegions"] is JsonArray regions)
        {
            var r = regions[0]!;
            var coords = (r["polygon"] ?? r["boundingBox"])!.AsArray().Select(v => (double)v!).ToArray();
            return ((int)r["pageNumber"]!, coords);
        }
        return ((int)field["page"]!, field["boundingBox"]!.AsArray().Select(v => (double)v!).ToArray());
    }
}
