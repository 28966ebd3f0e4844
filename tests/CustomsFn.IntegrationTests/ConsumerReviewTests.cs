using System.Net;
using System.Text;
using Azure.Storage.Queues;
using CustomsFn.Core.Contract;
using CustomsFn.IntegrationTests.Support;
using CustomsFn.Samples.Consumer;
using Newtonsoft.Json.Linq;

namespace CustomsFn.IntegrationTests;

/// <summary>
/// The consumer sample against the local host on Azurite with a review in between (issue 24: it deduplicated by
/// documentId alone, so the reviewer's later decision was dropped, and it poisoned every shipment message).
/// </summary>
public sealed class ConsumerReviewTests(ApiHostFixture host) : IClassFixture<ApiHostFixture>
{
    [Fact]
    public async Task AReviewersLaterRejection_SupersedesTheAcceptedResult_AndShipmentMessagesAreTheirOwnKind()
    {
        var id = await host.UploadAndWaitAsync(await File.ReadAllBytesAsync(Path.Combine(TestPaths.SampleDocuments, "ubl-invoice-de-us-clean.xml")), "consumer-clean.xml");
        var consumer = new ResultConsumer(host.Azurite.ConnectionString, new ConsumerOptions { VisibilityTimeout = TimeSpan.FromSeconds(1) });
        var notices = new List<ResultNotice>();
        var shipments = new List<ShipmentNotice>();
        int poisoned = 0, duplicates = 0;
        async Task ConsumeUntilAsync(Func<bool> done, string what) =>
            Assert.True(await Flow.WaitUntilAsync(async () =>
            {
                var report = await consumer.RunOnceAsync((n, _) => { notices.Add(n); return Task.CompletedTask; },
                    (s, _) => { shipments.Add(s); return Task.CompletedTask; }, CancellationToken.None);
                poisoned += report.Poisoned;
                duplicates += report.Duplicates;
                return done();
            }, TimeSpan.FromSeconds(60)), what);

        // 1. Processed: accepted, version 1; the invoice's (reference) shipment arrives as a shipment, not as poison.
        await ConsumeUntilAsync(() => consumer.Documents.ContainsKey(id) && shipments.Count > 0, "the processed result and its shipment were not consumed");
        Assert.Equal(new DocumentState("accepted", 1, consumer.Documents[id].ProcessedAt, "processed"), consumer.Documents[id]);
        var shipment = shipments[^1];
        Assert.Equal(shipment.Verdict, consumer.Shipments[shipment.ShipmentId].Verdict);
        Assert.Equal(shipment.ShipmentId, (string)shipment.Shipment["shipmentId"]!); // the full shipment result, fetched from its blob
        Assert.Contains(shipment.Shipment["documents"]!, d => (string)d["documentId"]! == id);

        // 2. A reviewer rejects it through the API.
        using var client = host.Client();
        using var review = await client.PostAsync(new Uri($"api/results/{id}/review", UriKind.Relative), new StringContent(
            """{ "decision": "rejected", "reason": "Certificate of origin withdrawn by the exporter", "reviewer": "r.ortiz" }""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, review.StatusCode);

        // 3. Consumed again: the state is the reviewer's decision, version 2.
        await ConsumeUntilAsync(() => consumer.Documents[id].Status == "rejected", "the review did not supersede the processed status");
        Assert.Equal(2, consumer.Documents[id].Version);
        Assert.Equal("review", consumer.Documents[id].Reason);
        Assert.Equal(["processed", "review"], notices.Where(n => n.DocumentId == id).Select(n => n.Reason));

        // 4. The processing message redelivered late (at-least-once) changes nothing.
        var late = new JObject
        {
            ["schema"] = ResultMessage.SchemaId, ["documentId"] = id, ["sourceName"] = "incoming/api/x/consumer-clean.xml", ["status"] = "accepted",
            ["findingCounts"] = new JObject { ["error"] = 0, ["warning"] = 0, ["info"] = 0 }, ["resultBlob"] = StorageNames.ResultBlobPath(id),
            ["processedAt"] = consumer.Documents[id].ProcessedAt.AddMinutes(1).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            ["reason"] = "processed", ["version"] = 1,
        };
        var queue = new QueueClient(host.Azurite.ConnectionString, StorageNames.ResultsQueue, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await queue.SendMessageAsync(late.ToString(Newtonsoft.Json.Formatting.None));
        var before = duplicates;
        await ConsumeUntilAsync(() => duplicates > before, "the late message was not consumed");
        Assert.Equal("rejected", consumer.Documents[id].Status);
        Assert.Equal(0, poisoned);
        var poison = host.Azurite.Storage.Queues().GetQueueClient("customs-results-poison");
        Assert.False(await poison.ExistsAsync() && await Flow.MessageCountAsync(poison) > 0, "a message went to the consumer's poison queue");
    }
}

/// <summary>How the consumer sample connects: URIs and DefaultAzureCredential as deployed, a connection string for Azurite.</summary>
public sealed class ConsumerConnectionTests
{
    private static string? None(string _) => null;

    [Fact]
    public void ServiceUris_FromArgumentsOrTheFunctionsAppsSettingNames_UseATokenCredential()
    {
        var fromArgs = ConsumerConnection.From(["--queue-uri", "https://acct.queue.core.windows.net", "--blob-uri", "https://acct.blob.core.windows.net"], None);
        var env = new Dictionary<string, string>
        {
            ["CustomsStorage__queueServiceUri"] = "https://acct.queue.core.windows.net", ["CustomsStorage__blobServiceUri"] = "https://acct.blob.core.windows.net",
        };
        var fromEnv = ConsumerConnection.From([], n => env.GetValueOrDefault(n));
        foreach (var connection in new[] { fromArgs, fromEnv })
        {
            Assert.Null(connection.ConnectionString);
            var consumer = connection.CreateConsumer();
            Assert.Equal("https://acct.queue.core.windows.net/customs-results", consumer.QueueUri.ToString());
            Assert.Equal("https://acct.blob.core.windows.net/", consumer.BlobServiceUri.ToString());
        }
    }

    [Fact]
    public void ConnectionString_IsKeptForAzurite_AndIsTheDefault()
    {
        Assert.Equal("UseDevelopmentStorage=true", ConsumerConnection.From([], None).ConnectionString);
        Assert.Equal("UseDevelopmentStorage=true;x=1", ConsumerConnection.From(["--connection", "UseDevelopmentStorage=true;x=1"], None).ConnectionString);
        Assert.StartsWith("http://127.0.0.1:10001/", ConsumerConnection.From([], None).CreateConsumer().QueueUri.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--queue-uri", "https://acct.queue.core.windows.net", "blob")]
    [InlineData("--queue-uri", "http://acct.queue.core.windows.net", "https")]
    public void HalfOrPlainHttpUris_AreRefused_WithAClearMessage(string name, string value, string expected)
    {
        string[] args = expected == "https" ? [name, value, "--blob-uri", "https://acct.blob.core.windows.net"] : [name, value];
        var error = Assert.Throws<ArgumentException>(() => ConsumerConnection.From(args, None));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
