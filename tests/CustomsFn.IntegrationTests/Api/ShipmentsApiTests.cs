using System.Net;
using System.Net.Http.Headers;
using CustomsFn.IntegrationTests.Support;
using Newtonsoft.Json.Linq;

namespace CustomsFn.IntegrationTests.Api;

/// <summary>
/// <c>GET /api/shipments</c> and <c>GET /api/shipments/{id}</c> against the local host on a real Azurite: shipments
/// reconciled from uploads are listed and served with links to their documents, both ways (issue 24: it was 404).
/// </summary>
public sealed class ShipmentsApiTests(ApiHostFixture host) : IClassFixture<ApiHostFixture>
{
    private static Uri U(string relative) => new(relative, UriKind.Relative);

    private static string SampleShipment(string name) => Path.Combine(TestPaths.Samples, "shipments", name);

    private static async Task<JObject> JsonAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JObject.Parse(text);
    }

    /// <summary>Uploads a sample shipment's files through the API (naming the shipment, or not); returns file name -> document id.</summary>
    private async Task<Dictionary<string, string>> UploadAsync(string sample, string? shipment)
    {
        using var client = host.Client();
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(SampleShipment(sample), "*.xml").Order(StringComparer.Ordinal))
        {
            using var body = new ByteArrayContent(await File.ReadAllBytesAsync(file));
            body.Headers.ContentType = new MediaTypeHeaderValue("application/xml");
            var query = "api/documents?name=" + Path.GetFileName(file) + (shipment is null ? "" : "&shipment=" + shipment);
            using var response = await client.PostAsync(U(query), body);
            ids[Path.GetFileName(file)] = (string)(await JsonAsync(response, HttpStatusCode.Accepted))["documentId"]!;
        }
        return ids;
    }

    /// <summary>Waits until the document is in a shipment of <paramref name="count"/> documents; returns that shipment's summary.</summary>
    private async Task<JObject> ShipmentOfAsync(string documentId, int count)
    {
        using var client = host.Client();
        JObject? found = null;
        Assert.True(await Flow.WaitUntilAsync(async () =>
        {
            using var r = await client.GetAsync(U("api/shipments?documentId=" + documentId));
            if (!r.IsSuccessStatusCode) return false;
            found = ((JArray)JObject.Parse(await r.Content.ReadAsStringAsync())["items"]!).OfType<JObject>().FirstOrDefault();
            return found is not null && (int)found["documentCount"]! == count;
        }, TimeSpan.FromSeconds(90)), $"document {documentId} is in no shipment of {count} documents");
        return found!;
    }

    [Fact]
    public async Task ANamedShipment_IsListedWithItsVerdictAndWorstFinding_AndServedWithLinksToItsDocuments()
    {
        var ids = await UploadAsync("s02-cn-gb-quantity-weight", "t-s02");
        var expected = JObject.Parse(await File.ReadAllTextAsync(Path.Combine(SampleShipment("s02-cn-gb-quantity-weight"), "shipment.expected.json")));
        var summary = await ShipmentOfAsync(ids["invoice.xml"], 2);
        Assert.Equal("t-s02", (string)summary["shipmentId"]!);
        Assert.Equal((string)expected["verdict"]!, (string)summary["verdict"]!);
        Assert.Equal("metadata", (string)summary["groupedBy"]!);
        Assert.Equal("error", (string)summary["worstFinding"]!["severity"]!);
        Assert.Equal("/api/shipments/t-s02", (string)summary["href"]!);

        using var client = host.Client();
        using var detailResponse = await client.GetAsync(U("api/shipments/t-s02"));
        var detail = await JsonAsync(detailResponse);
        Assert.Equal((string)expected["verdict"]!, (string)detail["verdict"]!);
        Assert.Equal(expected["findings"]!.Select(f => (string)f["rule"]!).Order(StringComparer.Ordinal),
            detail["findings"]!.Select(f => (string)f["rule"]!).Order(StringComparer.Ordinal));
        Assert.Equal(ids.Values.Order(StringComparer.Ordinal), detail["documents"]!.Select(d => (string)d["documentId"]!).Order(StringComparer.Ordinal));
        // Each document links to its own result, and that result is the document's.
        foreach (var document in detail["documents"]!)
        {
            using var result = await client.GetAsync(U(((string)document["result"]!).TrimStart('/')));
            Assert.Equal((string)document["documentId"]!, (string)(await JsonAsync(result))["documentId"]!);
        }
        // The packing list leads back to the same shipment.
        Assert.Equal("t-s02", (string)(await ShipmentOfAsync(ids["packing-list.xml"], 2))["shipmentId"]!);

        using var list = await client.GetAsync(U("api/shipments"));
        var page = await JsonAsync(list);
        var item = page["items"]!.Single(i => (string)i["shipmentId"]! == "t-s02");
        Assert.Equal(2, (int)item["documentCount"]!);
        Assert.True((int)page["counts"]![(string)expected["verdict"]!]! >= 1);
        using var other = await client.GetAsync(U("api/shipments?verdict=consistent"));
        Assert.DoesNotContain((await JsonAsync(other))["items"]!, i => (string)i["shipmentId"]! == "t-s02");
    }

    [Fact]
    public async Task AnUnnamedUpload_IsFoundInItsReferenceShipment_NeverInOneCalledApi()
    {
        var ids = await UploadAsync("s01-de-us-clean", shipment: null);
        var summary = await ShipmentOfAsync(ids["packing-list.xml"], 2);
        Assert.StartsWith("ref-", (string)summary["shipmentId"]!, StringComparison.Ordinal);
        Assert.Equal("consistent", (string)summary["verdict"]!);
        Assert.Null(summary["worstFinding"]);
        Assert.Equal((string)summary["shipmentId"]!, (string)(await ShipmentOfAsync(ids["invoice.xml"], 2))["shipmentId"]!);

        using var client = host.Client();
        using var api = await client.GetAsync(U("api/shipments/api"));
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
    }

    [Fact]
    public async Task ResultList_NamesEachDocumentAsWritten_TypeNumberPartiesValueAndWorstFinding()
    {
        var ids = await UploadAsync("s06-vn-us-missing-line", "t-s06");
        await ShipmentOfAsync(ids["invoice.xml"], 2);
        using var client = host.Client();
        using var resultResponse = await client.GetAsync(U("api/results/" + ids["invoice.xml"]));
        var result = await JsonAsync(resultResponse);
        using var listResponse = await client.GetAsync(U("api/results"));
        var item = (await JsonAsync(listResponse))["items"]!.Single(i => (string)i["documentId"]! == ids["invoice.xml"]);
        var document = item["document"]!;
        var fields = result["fields"]!;
        Assert.Equal("commercial-invoice", (string)document["documentType"]!);
        Assert.Equal((string)fields["invoiceNumber"]!["value"]!, (string)document["documentNumber"]!);
        Assert.Equal((string)fields["sellerName"]!["value"]!, (string)document["sellerName"]!);
        Assert.Equal((string)fields["buyerName"]!["value"]!, (string)document["buyerName"]!);
        Assert.Equal((string)fields["currency"]!["value"]!, (string)document["currency"]!);
        Assert.Equal((decimal)fields["totalAmount"]!["value"]!, (decimal)document["value"]!);
        var findings = (JArray)result["findings"]!;
        if (findings.Count > 0)
            Assert.Equal((string)findings.OrderBy(f => (string)f["severity"]! switch { "error" => 0, "warning" => 1, _ => 2 }).First()["rule"]!,
                (string)document["worstFinding"]!["rule"]!);
        else
            Assert.Null(document["worstFinding"]);
    }

    [Theory]
    [InlineData("api/shipments/bad%20id", "shipmentId")]
    [InlineData("api/shipments/-starts-with-a-dash", "shipmentId")]
    [InlineData("api/shipments?verdict=fine", "verdict")]
    [InlineData("api/shipments?documentId=abc", "documentId")]
    [InlineData("api/shipments?pageSize=0", "pageSize")]
    [InlineData("api/shipments?verdit=consistent", "verdit")]
    public async Task BadInput_Is400_NamingTheParameter(string path, string parameter)
    {
        using var client = host.Client();
        using var response = await client.GetAsync(U(path));
        var problem = await JsonAsync(response, HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]![parameter]);
    }

    [Theory]
    [InlineData("api/shipments/no-such-shipment")]
    [InlineData("api/shipments?documentId=0000000000000000000000000000000000000000000000000000000000000000")]
    public async Task UnknownShipmentOrDocument_Is404(string path)
    {
        using var client = host.Client();
        using var response = await client.GetAsync(U(path));
        var problem = await JsonAsync(response, HttpStatusCode.NotFound);
        Assert.EndsWith("/not-found", (string)problem["type"]!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("api/shipments")]
    [InlineData("api/shipments/t-s02")]
    public async Task WithoutTheKey_Is401(string path)
    {
        using var client = host.Client("");
        using var response = await client.GetAsync(U(path));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
