using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CustomsFn.Core.Contract;
using CustomsFn.Core.Foundation;
using CustomsFn.IntegrationTests.Support;
using Newtonsoft.Json.Linq;

namespace CustomsFn.IntegrationTests.Api;

/// <summary>Every endpoint of the compliance API against the local host on a real Azurite, good and bad input.</summary>
public sealed class ComplianceApiTests(ApiHostFixture host) : IClassFixture<ApiHostFixture>
{
    private const string Clean = "ubl-invoice-de-us-clean.xml";
    private const string Defects = "ubl-invoice-de-us-defects.xml";
    private const string CreditNote = "ubl-creditnote-cn-gb.xml";
    private const string Malformed = "ubl-malformed.xml";
    private const string UnknownId = "0000000000000000000000000000000000000000000000000000000000000000";

    private static Uri U(string relative) => new(relative, UriKind.Relative);

    private static async Task<JObject> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JObject.Parse(text);
        Assert.Equal((int)expected, (int)problem["status"]!);
        Assert.StartsWith("https://customsfn.dev/problems/", (string)problem["type"]!, StringComparison.Ordinal);
        return problem;
    }

    private static async Task<JObject> JsonAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JObject.Parse(text);
    }

    [Theory]
    [InlineData("GET", "api/results")]
    [InlineData("GET", "api/results/" + UnknownId)]
    [InlineData("GET", "api/results/" + UnknownId + "/audit")]
    [InlineData("GET", "api/results/" + UnknownId + "/source")]
    [InlineData("POST", "api/results/" + UnknownId + "/review")]
    [InlineData("GET", "api/export.csv")]
    [InlineData("POST", "api/documents?name=a.xml")]
    public async Task EveryEndpoint_WithoutOrWithAWrongKey_Is401(string method, string path)
    {
        foreach (var key in new[] { "", "wrong-key", ApiHostFixture.Key + "x" })
        {
            using var client = host.Client(key);
            using var request = new HttpRequestMessage(new HttpMethod(method), U(path)) { Content = method == "POST" ? new StringContent("{}") : null };
            using var response = await client.SendAsync(request);
            var problem = await ProblemAsync(response, HttpStatusCode.Unauthorized);
            Assert.Contains("x-functions-key", (string)problem["detail"]!, StringComparison.Ordinal);
        }
    }

    /// <summary>JSON answers lacked X-Content-Type-Options (issue 25): every response carries nosniff, refusals and errors too.</summary>
    [Theory]
    [InlineData("GET", "api/results", true)]
    [InlineData("GET", "api/results/" + UnknownId, true)]
    [InlineData("GET", "api/results/not-an-id", true)]
    [InlineData("GET", "api/export.csv", true)]
    [InlineData("GET", "api/results", false)]
    [InlineData("GET", "api/dashboard/index.html", false)]
    [InlineData("GET", "healthz", false)]
    public async Task EveryResponse_CarriesNosniff(string method, string path, bool withKey)
    {
        using var client = withKey ? host.Client() : host.Client("");
        using var request = new HttpRequestMessage(new HttpMethod(method), U(path));
        using var response = await client.SendAsync(request);
        Assert.True(response.Headers.TryGetValues("X-Content-Type-Options", out var values), $"{path}: no X-Content-Type-Options ({(int)response.StatusCode})");
        Assert.Equal("nosniff", Assert.Single(values));
    }

    [Fact]
    public async Task GetResult_ReturnsTheStoredContractDocument_UnknownIs404_MalformedIdIs400()
    {
        var ids = await host.SamplesAsync();
        using var client = host.Client();

        using var ok = await client.GetAsync(U("api/results/" + ids[Clean]));
        var json = await ok.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Schemas.AssertValid(Schemas.Result, json, "GET result");
        Assert.Equal(ids[Clean], (string)JObject.Parse(json)["documentId"]!);
        // Byte for byte what the pipeline stored.
        var blob = await host.Azurite.Storage.Blobs().GetBlobContainerClient(StorageNames.ResultsContainer).GetBlobClient(StorageNames.ResultBlobName(ids[Clean])).DownloadContentAsync();
        Assert.Equal(blob.Value.Content.ToArray(), Encoding.UTF8.GetBytes(json));

        using var unknown = await client.GetAsync(U("api/results/" + UnknownId));
        await ProblemAsync(unknown, HttpStatusCode.NotFound);
        foreach (var bad in new[] { "abc", "ABCDEF" + UnknownId[6..], UnknownId + "0", "..%2F..%2Fetc" })
        {
            using var response = await client.GetAsync(U("api/results/" + bad));
            var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
            Assert.NotNull(problem["errors"]!["documentId"]);
        }
    }

    [Fact]
    public async Task List_FiltersByStatusSellerAndHsCode_CountsStatuses_AndPages()
    {
        var ids = await host.SamplesAsync();
        using var client = host.Client();

        var all = await JsonAsync(await client.GetAsync(U("api/results")));
        var items = ((JArray)all["items"]!).Select(i => (string)i["documentId"]!).ToList();
        Assert.Superset(ids.Values.ToHashSet(), items.ToHashSet());
        Assert.Equal(items.Count, (int)all["total"]!);
        var counts = (JObject)all["counts"]!;
        Assert.Equal(items.Count, counts.Properties().Sum(p => (int)p.Value));

        var rejected = await JsonAsync(await client.GetAsync(U("api/results?status=rejected")));
        var rejectedIds = ((JArray)rejected["items"]!).Select(i => (string)i["documentId"]!).ToList();
        Assert.Contains(ids[Defects], rejectedIds);
        Assert.Contains(ids[Malformed], rejectedIds);
        Assert.DoesNotContain(ids[CreditNote], rejectedIds);
        Assert.All((JArray)rejected["items"]!, i => Assert.Equal("rejected", (string)i["status"]!));
        Assert.Equal((int)rejected["counts"]!["rejected"]!, (int)rejected["total"]!);

        var seller = await JsonAsync(await client.GetAsync(U("api/results?seller=hangzhou")));
        Assert.Contains(ids[CreditNote], ((JArray)seller["items"]!).Select(i => (string)i["documentId"]!));
        Assert.DoesNotContain(ids[Clean], ((JArray)seller["items"]!).Select(i => (string)i["documentId"]!));
        Assert.All((JArray)seller["items"]!, i => Assert.StartsWith("hangzhou silkway", (string)i["sellerKey"]!, StringComparison.Ordinal));

        var hs = await JsonAsync(await client.GetAsync(U("api/results?hsCode=8483")));
        var hsIds = ((JArray)hs["items"]!).Select(i => (string)i["documentId"]!).ToHashSet();
        Assert.Contains(ids[Clean], hsIds);
        Assert.Contains(ids[Defects], hsIds);
        Assert.DoesNotContain(ids[CreditNote], hsIds);

        // Pages are consecutive slices of one listing. A result that lands between the two requests (another test's
        // upload, still being processed by the host) shifts the listing; then the pair is read again.
        for (var attempt = 1; ; attempt++)
        {
            var page1 = await JsonAsync(await client.GetAsync(U("api/results?pageSize=2&page=1")));
            var page2 = await JsonAsync(await client.GetAsync(U("api/results?pageSize=2&page=2")));
            if ((int)page1["total"]! != (int)page2["total"]! && attempt < 5) continue;
            Assert.Equal(2, ((JArray)page1["items"]!).Count);
            Assert.Empty(((JArray)page1["items"]!).Select(i => (string)i["documentId"]!).Intersect(((JArray)page2["items"]!).Select(i => (string)i["documentId"]!)));
            break;
        }

        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var past = await JsonAsync(await client.GetAsync(U("api/results?from=2020-01-01&to=2020-01-31")));
        Assert.Equal(0, (int)past["total"]!);
        var todayOnly = await JsonAsync(await client.GetAsync(U($"api/results?from={today}&to={today}")));
        // (Other tests of the class may add documents meanwhile: the samples must all be there, processed today.)
        Assert.Superset(ids.Values.ToHashSet(), ((JArray)todayOnly["items"]!).Select(i => (string)i["documentId"]!).ToHashSet());
    }

    [Theory]
    [InlineData("status=pending", "status")]
    [InlineData("from=2026-13-01", "from")]
    [InlineData("from=2026-02-01&to=2026-01-01", "from")]
    [InlineData("from=2020-01-01&to=2026-01-01", "to")]
    [InlineData("hsCode=84a1", "hsCode")]
    [InlineData("page=0", "page")]
    [InlineData("pageSize=1000", "pageSize")]
    [InlineData("stauts=accepted", "stauts")]
    public async Task List_BadFilter_Is400_NamingTheParameter(string query, string parameter)
    {
        using var client = host.Client();
        var problem = await ProblemAsync(await client.GetAsync(U("api/results?" + query)), HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]![parameter]);
    }

    [Fact]
    public async Task Audit_ListsTheProcessingRecord_AndUnknownIs404()
    {
        var ids = await host.SamplesAsync();
        using var client = host.Client();
        var history = await JsonAsync(await client.GetAsync(U($"api/results/{ids[Defects]}/audit")));
        Assert.Equal("rejected", (string)history["status"]!);
        var record = Assert.Single((JArray)history["records"]!);
        Assert.Equal("processed", (string)record["kind"]!);
        Assert.Contains("HS-001", ((JArray)record["ruleIds"]!).Select(r => (string)r!));
        await ProblemAsync(await client.GetAsync(U($"api/results/{UnknownId}/audit")), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Source_StreamsTheOriginalUpload_UntilItIsReplaced()
    {
        var content = ApiHostFixture.Variant(CreditNote, "source-test");
        var id = await host.UploadAndWaitAsync(content, "source-test.xml");
        using var client = host.Client();

        using var response = await client.GetAsync(U($"api/results/{id}/source"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(content, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());

        // Replace the upload's bytes under the same name: the API no longer serves it as this document's source.
        var blobName = (string)JObject.Parse(await (await client.GetAsync(U($"api/results/{id}"))).Content.ReadAsStringAsync())["source"]!["name"]!;
        var incoming = host.Azurite.Storage.Blobs().GetBlobContainerClient(StorageNames.IncomingContainer);
        var replacement = content.ToArray();
        replacement[^3] = (byte)'X';
        await incoming.GetBlobClient(blobName["incoming/".Length..]).UploadAsync(BinaryData.FromBytes(replacement), overwrite: true);
        await ProblemAsync(await client.GetAsync(U($"api/results/{id}/source")), HttpStatusCode.NotFound);
        await ProblemAsync(await client.GetAsync(U($"api/results/{UnknownId}/source")), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Source_OfAnUploadOverTheSizeLimit_IsNotServed_AndSaysWhy()
    {
        // Straight into the container (the API's own upload refuses it with 413): the host rejects it unread.
        var name = "oversize-source-" + Guid.NewGuid().ToString("N")[..8] + ".xml";
        var incoming = host.Azurite.Storage.Blobs().GetBlobContainerClient(StorageNames.IncomingContainer);
        await incoming.GetBlobClient(name).UploadAsync(BinaryData.FromBytes(new byte[ApiHostFixture.MaxUploadBytes + 4096]));
        using var client = host.Client();
        string? id = null;
        Assert.True(await Flow.WaitUntilAsync(async () =>
        {
            var rejected = await JsonAsync(await client.GetAsync(U("api/results?status=rejected&pageSize=100")));
            id = ((JArray)rejected["items"]!).Where(i => (string)i["sourceName"]! == "incoming/" + name).Select(i => (string)i["documentId"]!).FirstOrDefault();
            return id is not null;
        }, TimeSpan.FromSeconds(60)), "no result for the oversize upload");

        var result = await JsonAsync(await client.GetAsync(U($"api/results/{id}")));
        Assert.Contains(((JArray)result["findings"]!).Select(f => (string)f["rule"]!), r => r == InputCodes.TooLarge);
        var problem = await ProblemAsync(await client.GetAsync(U($"api/results/{id}/source")), HttpStatusCode.NotFound);
        Assert.Equal("Source over the size limit", (string)problem["title"]!);
    }

    [Fact]
    public async Task Review_AppendsAVersion_PublishesTheNewStatus_AndLeavesTheResultUnchanged()
    {
        var id = await host.UploadAndWaitAsync(ApiHostFixture.Variant(Defects, "review-test"), "review-test.xml");
        var storage = host.Azurite.Storage;
        var resultBlob = storage.Blobs().GetBlobContainerClient(StorageNames.ResultsContainer).GetBlobClient(StorageNames.ResultBlobName(id));
        var before = (await resultBlob.DownloadContentAsync()).Value;
        var resultsQueue = Flow.Queue(storage, StorageNames.ResultsQueue);
        var reviewQueue = Flow.Queue(storage, StorageNames.ReviewQueue);
        await Flow.DrainAsync(resultsQueue);
        await Flow.DrainAsync(reviewQueue);
        using var client = host.Client();

        using var response = await client.PostAsync(U($"api/results/{id}/review"),
            new StringContent("""{ "decision": "accepted", "reason": "HS 8482.1 confirmed with the broker; arithmetic corrected on the credit note", "reviewer": "j.doe" }""",
                Encoding.UTF8, "application/json"));
        var outcome = await JsonAsync(response, HttpStatusCode.Created);
        Assert.Equal(2, (int)outcome["version"]!);
        Assert.Equal("accepted", (string)outcome["status"]!);
        Assert.Equal("rejected", (string)outcome["previousStatus"]!);
        Assert.Equal("j.doe", (string)outcome["reviewer"]!);
        Assert.Equal($"/api/results/{id}/audit", response.Headers.Location?.ToString());

        // The audit trail has the review, with who and why; the status is the review's.
        var history = await JsonAsync(await client.GetAsync(U($"api/results/{id}/audit")));
        Assert.Equal("accepted", (string)history["status"]!);
        Assert.Equal("rejected", (string)history["processedStatus"]!);
        Assert.Equal(2, (int)history["version"]!);
        var review = ((JArray)history["records"]!).Single(r => (string)r["kind"]! == "review");
        Assert.Equal("j.doe", (string)review["reviewer"]!);
        Assert.StartsWith("HS 8482.1 confirmed", (string)review["reason"]!, StringComparison.Ordinal);
        Assert.Equal("accepted", (string)review["status"]!);

        // One message on customs-results with reason "review" and the new status; nothing for the human queue.
        // (customs-results also carries shipment messages: only this document's result messages count here.)
        var message = Assert.Single(await Flow.DrainAsync(resultsQueue), m => (string)JObject.Parse(m)["schema"]! == ResultMessage.SchemaId);
        Schemas.AssertValid(Schemas.Message, message, "review message");
        var m = JObject.Parse(message);
        Assert.Equal(id, (string)m["documentId"]!);
        Assert.Equal("accepted", (string)m["status"]!);
        Assert.Equal("review", (string)m["reason"]!);
        Assert.Equal(2, (int)m["version"]!);
        Assert.DoesNotContain(await Flow.DrainAsync(reviewQueue), m => (string)JObject.Parse(m)["schema"]! == ResultMessage.SchemaId);

        // The original result is unchanged (same bytes, same ETag).
        var after = (await resultBlob.DownloadContentAsync()).Value;
        Assert.Equal(before.Details.ETag, after.Details.ETag);
        Assert.Equal(before.Content.ToArray(), after.Content.ToArray());
        Assert.Equal("rejected", (string)JObject.Parse(after.Content.ToString())["status"]!);

        // The list shows the reviewed status and the version; a second review makes version 3.
        var list = await JsonAsync(await client.GetAsync(U("api/results?status=accepted")));
        var item = ((JArray)list["items"]!).Single(i => (string)i["documentId"]! == id);
        Assert.Equal("rejected", (string)item["processedStatus"]!);
        Assert.Equal(2, (int)item["version"]!);
        var second = await JsonAsync(await client.PostAsync(U($"api/results/{id}/review"),
            new StringContent("""{ "decision": "rejected", "reason": "Broker withdrew the confirmation", "reviewer": "a.lee" }""", Encoding.UTF8, "application/json")),
            HttpStatusCode.Created);
        Assert.Equal(3, (int)second["version"]!);
        Assert.Equal("accepted", (string)second["previousStatus"]!);
    }

    [Fact]
    public async Task Review_TakesTheReviewerFromThePlatformPrincipal_WhenPresent()
    {
        var id = await host.UploadAndWaitAsync(ApiHostFixture.Variant(CreditNote, "principal-test"), "principal-test.xml");
        using var client = host.Client();
        var principal = Convert.ToBase64String(Encoding.UTF8.GetBytes(
            """{"auth_typ":"aad","name_typ":"name","role_typ":"roles","claims":[{"typ":"name","val":"Alice Auditor"},{"typ":"preferred_username","val":"alice@example.com"},{"typ":"roles","val":"Customs.Reviewer"}]}"""));
        using var request = new HttpRequestMessage(HttpMethod.Post, U($"api/results/{id}/review"))
        {
            Content = new StringContent("""{ "decision": "rejected", "reason": "Textile origin proof missing", "reviewer": "someone-else" }""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-MS-CLIENT-PRINCIPAL", principal);
        var outcome = await JsonAsync(await client.SendAsync(request), HttpStatusCode.Created);
        Assert.Equal("Alice Auditor", (string)outcome["reviewer"]!);
    }

    [Theory]
    [InlineData("""{ "decision": "accepted", "reviewer": "j.doe" }""", "reason")]
    [InlineData("""{ "decision": "accepted", "reason": "   ", "reviewer": "j.doe" }""", "reason")]
    [InlineData("""{ "decision": "needs-review", "reason": "r", "reviewer": "j.doe" }""", "decision")]
    [InlineData("""{ "decision": "accepted", "reason": "r" }""", "reviewer")]
    [InlineData("""{ "decision": "accepted", "reason": "r", "reviewer": "j.doe", "status": "accepted" }""", "status")]
    public async Task Review_InvalidBody_Is400_NamingTheField(string body, string field)
    {
        var ids = await host.SamplesAsync();
        using var client = host.Client();
        var problem = await ProblemAsync(await client.PostAsync(U($"api/results/{ids[Clean]}/review"), new StringContent(body, Encoding.UTF8, "application/json")),
            HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]![field]);
        var history = await JsonAsync(await client.GetAsync(U($"api/results/{ids[Clean]}/audit")));
        Assert.DoesNotContain((JArray)history["records"]!, r => (string)r["kind"]! == "review");
    }

    [Fact]
    public async Task Review_MalformedOrOversizeBody_Is400Or413_AndUnknownDocumentIs404()
    {
        var ids = await host.SamplesAsync();
        using var client = host.Client();
        foreach (var body in new[] { "{ decision: ", "[1,2]", "" })
            await ProblemAsync(await client.PostAsync(U($"api/results/{ids[Clean]}/review"), new StringContent(body, Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);
        var huge = "{ \"decision\": \"accepted\", \"reviewer\": \"x\", \"reason\": \"" + new string('a', 20_000) + "\" }";
        await ProblemAsync(await client.PostAsync(U($"api/results/{ids[Clean]}/review"), new StringContent(huge, Encoding.UTF8, "application/json")), HttpStatusCode.RequestEntityTooLarge);
        await ProblemAsync(await client.PostAsync(U($"api/results/{UnknownId}/review"),
            new StringContent("""{ "decision": "accepted", "reason": "r", "reviewer": "j.doe" }""", Encoding.UTF8, "application/json")), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ExportCsv_HasOneRowPerAuditRecord_WithReviewsAndEscapedFormulas()
    {
        var id = await host.UploadAndWaitAsync(ApiHostFixture.Variant(Clean, "csv-test"), "csv-test.xml");
        using var client = host.Client();
        await JsonAsync(await client.PostAsync(U($"api/results/{id}/review"),
            new StringContent("""{ "decision": "rejected", "reason": "=HYPERLINK(\"http://evil\")", "reviewer": "csv, \"quoted\" reviewer" }""", Encoding.UTF8, "application/json")),
            HttpStatusCode.Created);

        using var response = await client.GetAsync(U("api/export.csv"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("attachment", response.Content.Headers.ContentDisposition?.ToString() ?? "", StringComparison.Ordinal);
        var rows = Csv.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(CustomsFn.Api.AuditCsv.Columns, rows[0]);
        var column = rows[0].Select((name, i) => (name, i)).ToDictionary(x => x.name, x => x.i);
        var mine = rows.Skip(1).Where(r => r[column["documentId"]] == id).ToList();
        Assert.Equal(["processed", "review"], mine.Select(r => r[column["kind"]]).Order(StringComparer.Ordinal));
        var review = mine.Single(r => r[column["kind"]] == "review");
        Assert.Equal("csv, \"quoted\" reviewer", review[column["reviewer"]]);
        Assert.Equal("rejected", review[column["status"]]);
        // A cell a spreadsheet would evaluate is escaped: it does not start with '='.
        Assert.False(review[column["reason"]].StartsWith('='), review[column["reason"]]);
        Assert.Contains("HYPERLINK", review[column["reason"]], StringComparison.Ordinal);

        await ProblemAsync(await client.GetAsync(U("api/export.csv?from=yesterday")), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Upload_ChecksNameSizeAndType()
    {
        using var client = host.Client();
        async Task<HttpResponseMessage> Post(string query, byte[] bytes)
        {
            using var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            return await client.PostAsync(U("api/documents" + query), content);
        }
        var xml = ApiHostFixture.Variant(CreditNote, "upload-test");

        var accepted = await JsonAsync(await Post("?name=upload-test.xml&destination=GB", xml), HttpStatusCode.Accepted);
        Assert.Equal("ubl", (string)accepted["format"]!);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(xml)), (string)accepted["documentId"]!);
        var blobName = ((string)accepted["blob"]!)["incoming/".Length..];
        var properties = await host.Azurite.Storage.Blobs().GetBlobContainerClient(StorageNames.IncomingContainer).GetBlobClient(blobName).GetPropertiesAsync();
        Assert.Equal("GB", properties.Value.Metadata["destination"]);

        var oversize = await ProblemAsync(await Post("?name=big.xml", new byte[ApiHostFixture.MaxUploadBytes + 1]), HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(ApiHostFixture.MaxUploadBytes, (long)oversize["maxBytes"]!);
        var zip = new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00 };
        var unsupported = await ProblemAsync(await Post("?name=archive.zip", zip), HttpStatusCode.UnsupportedMediaType);
        Assert.Equal("INPUT-UNSUPPORTED-FORMAT", (string)unsupported["code"]!);
        await ProblemAsync(await Post("?name=empty.xml", []), HttpStatusCode.BadRequest);
        Assert.NotNull((await ProblemAsync(await Post("", xml), HttpStatusCode.BadRequest))["errors"]!["name"]);
        Assert.NotNull((await ProblemAsync(await Post("?name=../../etc/passwd", xml), HttpStatusCode.BadRequest))["errors"]!["name"]);
        Assert.NotNull((await ProblemAsync(await Post("?name=a.xml&destination=usa", xml), HttpStatusCode.BadRequest))["errors"]!["destination"]);
        Assert.NotNull((await ProblemAsync(await Post("?name=a.xml&shipment=../etc", xml), HttpStatusCode.BadRequest))["errors"]!["shipment"]);
        // Without a shipment the upload names none (its api/ path is not a shipment folder); with one, it is metadata.
        Assert.False(properties.Value.Metadata.ContainsKey("shipment"));
        var named = ApiHostFixture.Variant(CreditNote, "upload-test-shipment");
        var withShipment = await JsonAsync(await Post("?name=upload-test-2.xml&shipment=HAM-2026-0042", named), HttpStatusCode.Accepted);
        var namedBlob = ((string)withShipment["blob"]!)["incoming/".Length..];
        var namedProperties = await host.Azurite.Storage.Blobs().GetBlobContainerClient(StorageNames.IncomingContainer).GetBlobClient(namedBlob).GetPropertiesAsync();
        Assert.Equal("HAM-2026-0042", namedProperties.Value.Metadata["shipment"]);
    }

    [Fact]
    public async Task Dashboard_IsServedWithoutTheKey_WithModuleScriptsAsJavaScript()
    {
        using var client = host.Client(key: "");
        using var index = await client.GetAsync(U("api/dashboard/"));
        Assert.Equal(HttpStatusCode.OK, index.StatusCode);
        Assert.Equal("text/html", index.Content.Headers.ContentType?.MediaType);
        Assert.Contains("default-src 'self'", index.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        foreach (var module in new[] { "api/dashboard/vendor/pdfjs/pdf.min.mjs", "api/dashboard/vendor/pdfjs/pdf.worker.min.mjs", "api/dashboard/app.js" })
        {
            using var response = await client.GetAsync(U(module));
            Assert.True(response.StatusCode == HttpStatusCode.OK, module + ": " + response.StatusCode);
            Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        }
        foreach (var bad in new[] { "api/dashboard/../../appsettings.json", "api/dashboard/%2e%2e/CustomsFn.Api.dll", "api/dashboard/missing.js" })
        {
            using var response = await client.GetAsync(U(bad));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }
}

/// <summary>A small RFC 4180 reader for checking the export (quoted fields, doubled quotes, CRLF).</summary>
internal static class Csv
{
    public static List<string[]> Parse(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { row.Add(field.ToString()); field.Clear(); }
            else if (c == '\n')
            {
                row.Add(field.ToString().TrimEnd('\r')); field.Clear();
                rows.Add([.. row]); row.Clear();
            }
            else field.Append(c);
        }
        if (field.Length > 0 || row.Count > 0) { row.Add(field.ToString()); rows.Add([.. row]); }
        return rows;
    }
}
