using System.Text.Json;
using System.Text.Json.Nodes;
using CustomsFn.Core.Model;
using CustomsFn.Core.Sniffing;
using CustomsFn.Infrastructure.DocumentIntelligence;
using CustomsFn.Infrastructure.Tests.Support;

namespace CustomsFn.Infrastructure.Tests;

/// <summary>
/// Every recorded service response in ../shared/corpus/azure-di-responses, replayed by the fake service through the real
/// client and extractor: the client must send the request the service received (path, api-version, key) and follow
/// Operation-Location, and the mapped fields must equal the values in the recording.
/// </summary>
public sealed class RecordedResponseTests
{
    private static SniffResult SniffFor(Recording r) =>
        r.IsImage ? new SniffResult(DocumentFormat.Image, "image/jpeg") : new SniffResult(DocumentFormat.PdfScan, "application/pdf");

    private static async Task<(ExtractedDocument Doc, Recording Rec, FakeDocumentIntelligence Fake)> ReplayAsync(string file)
    {
        var folder = TestPaths.RequireCorpus(Recording.Folder);
        var rec = Recording.Load(folder, file);
        var fake = await FakeDocumentIntelligence.StartAsync();
        rec.Install(fake);
        using var client = Clients.Create(fake.Endpoint, o => o.ApiVersion = rec.ApiVersion);
        var extractor = new DocumentIntelligenceExtractor(client);
        var result = await extractor.ExtractAsync(Clients.Jpeg, SniffFor(rec), CancellationToken.None);
        Assert.NotNull(result);
        return (result.Document, rec, fake);
    }

    [SkippableTheory]
    [MemberData(nameof(Recording.Results), MemberType = typeof(Recording))]
    public async Task Replay_ClientSpeaksTheRecordedProtocol(string file)
    {
        var (_, rec, fake) = await ReplayAsync(file);
        await using (fake)
        {
            var post = Assert.Single(fake.Analyzes);
            Assert.Equal(rec.AnalyzePath, post.Path);
            if (!rec.ApiVersion.StartsWith('v')) Assert.Contains($"api-version={rec.ApiVersion}", post.Query, StringComparison.Ordinal);
            Assert.Equal(Clients.Key, post.Key);
            Assert.Equal(rec.IsImage ? "image/jpeg" : "application/pdf", post.ContentType);
            Assert.Equal(Clients.Jpeg.Length, post.BodyLength);
            // Every recorded poll was made, each at the Operation-Location the service gave, with the key.
            Assert.Equal(rec.Polls.Count, fake.Polls.Count());
            Assert.All(fake.Polls, p =>
            {
                Assert.Equal(Clients.Key, p.Key);
                if (rec.OperationPathAndQuery is { } op) Assert.Equal(op, p.Path + p.Query);
                else Assert.Contains("/analyzeResults/", p.Path, StringComparison.Ordinal);
            });
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Recording.Results), MemberType = typeof(Recording))]
    public async Task Replay_MappedFieldsEqualTheRecording(string file)
    {
        var (doc, rec, fake) = await ReplayAsync(file);
        await using var _ = fake;
        var final = rec.Final;
        var f = Expected.DocumentFields(final);

        Assert.Equal("document-intelligence", doc.Extractor.Name);
        Assert.Equal(DocumentType.CommercialInvoice, doc.DocumentType);

        (string Di, string Canonical)[] text =
        [
            ("InvoiceId", FieldNames.InvoiceNumber), ("VendorName", FieldNames.SellerName), ("CustomerName", FieldNames.BuyerName),
            ("VendorAddress", FieldNames.SellerAddress), ("CustomerAddress", FieldNames.BuyerAddress),
        ];
        foreach (var (di, canonical) in text)
        {
            var expected = Expected.Text(f[di]);
            if (expected is null) { Assert.False(doc.Fields.ContainsKey(canonical), canonical); continue; }
            // Addresses keep the service's words; line breaks become single spaces.
            Assert.Equal(string.Join(' ', expected.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries)), doc.Fields.GetText(canonical));
            Assert.Equal(Expected.Confidence(f[di]), doc.Fields[canonical].Confidence);
        }

        var date = (string?)f["InvoiceDate"]?["valueDate"];
        Assert.Equal(date, doc.Fields.GetText(FieldNames.IssueDate));

        (string Di, string Canonical)[] numbers =
            [("InvoiceTotal", FieldNames.TotalAmount), ("SubTotal", FieldNames.LineTotal), ("TotalTax", FieldNames.TaxAmount)];
        foreach (var (di, canonical) in numbers)
        {
            var expected = Expected.Number(f[di]);
            Assert.Equal(expected, doc.Fields.GetNumber(canonical));
            if (expected is not null) Assert.Equal(Expected.Confidence(f[di]), doc.Fields[canonical].Confidence);
        }

        Assert.Equal((string?)f["InvoiceTotal"]?["valueCurrency"]?["currencyCode"], doc.Fields.GetText(FieldNames.Currency));

        var items = f["Items"]?["valueArray"]?.AsArray() ?? [];
        Assert.Equal(items.Count, doc.Lines.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i]!["valueObject"]!;
            var line = doc.Lines[i];
            Assert.Equal(Expected.Text(item["Description"]), line.GetText(FieldNames.Description));
            Assert.Equal(Expected.Text(item["ProductCode"]), line.GetText(FieldNames.ProductCode));
            Assert.Equal(Expected.Number(item["Quantity"]), line.GetNumber(FieldNames.Quantity));
            Assert.Equal(Expected.Number(item["UnitPrice"]), line.GetNumber(FieldNames.UnitPrice));
            Assert.Equal(Expected.Number(item["Amount"]), line.GetNumber(FieldNames.Amount));
            var unitWord = Expected.Text(item["Unit"]);
            // "hours" is Rec 20 HUR; a unit word with no Rec 20 code ("pages") is kept as written, for CODE-004 to flag.
            Assert.Equal(unitWord switch { "hours" => "HUR", _ => unitWord }, line.GetText(FieldNames.UnitCode));
            // No product code in the corpus is a tariff code (Invoice_1's is its invoice number, 34278587).
            Assert.False(line.ContainsKey(FieldNames.HsCode));
            if (item["Amount"] is { } amount) Assert.Equal(Expected.Confidence(amount), line[FieldNames.Amount].Confidence);
        }

        // Source of the invoice number: the region converted to the result's units.
        var (page, coords) = Expected.Region(f["InvoiceId"]!);
        var (_, height, unit) = Expected.Page(final, page);
        var xs = coords.Where((_, k) => k % 2 == 0).ToArray();
        var ys = coords.Where((_, k) => k % 2 == 1).ToArray();
        var source = doc.Fields[FieldNames.InvoiceNumber].Source!;
        Assert.Equal(page, source.Page);
        if (unit == "pixel")
        {
            Assert.Equal("px", source.Unit);
            Assert.Equal([Math.Round(xs.Min()), Math.Round(ys.Min()), Math.Round(xs.Max()), Math.Round(ys.Max())], source.Box);
        }
        else
        {
            Assert.Equal("inch", unit);
            Assert.Equal("pt", source.Unit);
            double[] expectedBox = [xs.Min() * 72, (height - ys.Max()) * 72, xs.Max() * 72, (height - ys.Min()) * 72];
            Assert.Equal(expectedBox.Select(v => Math.Round(v, 1)), source.Box!);
        }
    }

    /// <summary>The issue's acceptance values for Invoice_1, as the service read them at each API version.</summary>
    [SkippableTheory]
    [InlineData("invoice1_prebuilt-invoice_v2.1-preview.2.response.json", true, 0)]
    [InlineData("invoice1_prebuilt-invoice_2021-09-30-preview.response.json", false, 1)]
    [InlineData("js-docintel-2024-02-29-preview_prebuilt-invoice_url.excerpt.json", true, 1)]
    public async Task Replay_Invoice1_AcceptanceValues(string file, bool recordingHasInvoiceTotal, int recordedItems)
    {
        var (doc, _, fake) = await ReplayAsync(file);
        await using var _ = fake;
        Assert.Equal("34278587", doc.Fields.GetText(FieldNames.InvoiceNumber));
        Assert.Equal("2017-06-18", doc.Fields.GetText(FieldNames.IssueDate));
        Assert.Equal("Contoso", doc.Fields.GetText(FieldNames.SellerName));
        Assert.Equal("Microsoft", doc.Fields.GetText(FieldNames.BuyerName));
        // The 2021-09-30-preview model returned no InvoiceTotal for Invoice_1 (only the line amount): nothing is invented.
        Assert.Equal(recordingHasInvoiceTotal ? 56651.49m : null, doc.Fields.GetNumber(FieldNames.TotalAmount));
        // v2.1's invoice model had no Items; later versions read the one table row as a line.
        Assert.Equal(recordedItems, doc.Lines.Count);
        Assert.All(doc.Lines, l => Assert.Equal(56651.49m, l.GetNumber(FieldNames.Amount)));
        Assert.All(doc.Fields.Values, v => Assert.InRange(v.Confidence!.Value, 0, 1));
    }

    [SkippableFact]
    public async Task Replay_Jpg_2023_07_31_FullInvoice()
    {
        var (doc, _, fake) = await ReplayAsync("net-formrecognizer-2023-07-31_prebuilt-invoice_jpg.excerpt.json");
        await using var _ = fake;
        Assert.Equal("INV-100", doc.Fields.GetText(FieldNames.InvoiceNumber));
        Assert.Equal("2019-11-15", doc.Fields.GetText(FieldNames.IssueDate));
        Assert.Equal("CONTOSO LTD.", doc.Fields.GetText(FieldNames.SellerName));
        Assert.Equal("MICROSOFT CORPORATION", doc.Fields.GetText(FieldNames.BuyerName));
        Assert.Equal("USD", doc.Fields.GetText(FieldNames.Currency));
        Assert.Equal(100m, doc.Fields.GetNumber(FieldNames.LineTotal));
        Assert.Equal(10m, doc.Fields.GetNumber(FieldNames.TaxAmount));
        Assert.Equal(110m, doc.Fields.GetNumber(FieldNames.TotalAmount));
        Assert.Equal(["Consulting Services", "Document Fee", "Printing Fee"], doc.Lines.Select(l => l.GetText(FieldNames.Description)));
        Assert.Equal("image", doc.Format);
        Assert.Equal("2023-07-31/prebuilt-invoice", doc.Extractor.Version);
    }

    [SkippableTheory]
    [MemberData(nameof(Recording.Specs), MemberType = typeof(Recording))]
    public async Task Spec_2024_11_30_RequestAndOperationLocation(string file)
    {
        var folder = TestPaths.RequireCorpus(Recording.Folder);
        var spec = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, file)))!;
        var p = spec["parameters"]!;
        var modelId = (string)p["modelId"]!;
        var apiVersion = (string)p["api-version"]!;
        var operation = new Uri((string)spec["responses"]!["202"]!["headers"]!["Operation-Location"]!);
        var specEndpoint = new Uri((string)p["endpoint"]!);

        await using var fake = await FakeDocumentIntelligence.StartAsync();
        fake.OnAnalyze = (ctx, _) => FakeDocumentIntelligence.AcceptAsync(ctx, operation.PathAndQuery);
        fake.OnPoll = (ctx, n) => FakeDocumentIntelligence.JsonAsync(ctx, 200, n == 1 ? FakeDocumentIntelligence.Running :
            $$$"""{"status":"succeeded","analyzeResult":{"apiVersion":"{{{apiVersion}}}","modelId":"{{{modelId}}}","pages":[],"documents":[]}}""");
        using var client = Clients.Create(fake.Endpoint, o => o.ApiVersion = apiVersion);

        // The spec's request URL, with our endpoint in place of the example's.
        Assert.Equal($"{specEndpoint.AbsoluteUri.TrimEnd('/')}/documentintelligence/documentModels/{modelId}:analyze?api-version={apiVersion}",
            client.AnalyzeUri(modelId).AbsoluteUri.Replace(fake.Endpoint.AbsoluteUri.TrimEnd('/'), specEndpoint.AbsoluteUri.TrimEnd('/'), StringComparison.Ordinal));

        var outcome = await client.AnalyzeDocumentAsync(modelId, Clients.Jpeg, "application/octet-stream", CancellationToken.None);
        Assert.Equal(modelId, outcome.ModelId);
        Assert.Equal(operation.Segments[^1], outcome.OperationId);
        var post = Assert.Single(fake.Analyzes);
        Assert.Equal($"/documentintelligence/documentModels/{modelId}:analyze", post.Path);
        Assert.Equal($"?api-version={apiVersion}", post.Query);
        Assert.All(fake.Polls, g => Assert.Equal(operation.PathAndQuery, g.Path + g.Query));
        Assert.Equal(2, fake.Polls.Count());
        Assert.Equal(JsonValueKind.Object, outcome.Body.GetProperty("analyzeResult").ValueKind);
    }

    [SkippableFact]
    public void Corpus_EveryRecordingIsReplayed()
    {
        var folder = TestPaths.RequireCorpus(Recording.Folder);
        var files = Directory.GetFiles(folder, "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(files, Recording.ResultFiles.Concat(Recording.SpecFiles).Order(StringComparer.Ordinal));
    }
}
