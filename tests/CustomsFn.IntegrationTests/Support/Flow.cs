using Azure.Data.Tables;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Queues;
using CustomsFn.Core.Contract;
using CustomsFn.Infrastructure.Storage;
using Newtonsoft.Json.Linq;

namespace CustomsFn.IntegrationTests.Support;

/// <summary>Reads what the flow left in storage: result blobs, queue messages (peeked, not consumed), audit records.</summary>
internal static class Flow
{
    public static async Task<List<string>> ResultBlobNamesAsync(StorageClients storage)
    {
        var names = new List<string>();
        await foreach (var b in storage.Blobs().GetBlobContainerClient(StorageNames.ResultsContainer).GetBlobsAsync(BlobTraits.None, BlobStates.None, null, CancellationToken.None))
        {
            // Document results only: not the publication/processing markers (_published/, _processed/) nor the
            // shipment aggregates (shipments/), which the tracker writes beside them.
            if (!b.Name.StartsWith('_') && !b.Name.StartsWith("shipments/", StringComparison.Ordinal)) names.Add(b.Name);
        }
        return names;
    }

    /// <summary>All messages of a queue as JSON text, by receiving them with a long invisibility (the queue is not read by anything else in these tests).</summary>
    public static async Task<List<string>> DrainAsync(QueueClient queue)
    {
        var bodies = new List<string>();
        while (true)
        {
            var batch = (await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(10))).Value;
            if (batch.Length == 0) return bodies;
            bodies.AddRange(batch.Select(m => m.Body.ToString()));
        }
    }

    /// <summary>
    /// The <c>customsfn.message/v1</c> document messages of <c>customs-results</c>, drained; the shipment messages that
    /// share the queue (<c>customsfn.shipment-message/v1</c>) are checked against their schema and set aside.
    /// </summary>
    public static async Task<List<string>> DrainDocumentMessagesAsync(QueueClient queue)
    {
        var documents = new List<string>();
        foreach (var body in await DrainAsync(queue))
        {
            var schema = (string?)JObject.Parse(body)["schema"];
            if (schema == "customsfn.shipment-message/v1") Schemas.AssertValid(Schemas.ShipmentMessage, body, "shipment message");
            else documents.Add(body);
        }
        return documents;
    }

    public static async Task<int> MessageCountAsync(QueueClient queue) =>
        (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;

    public static async Task<List<TableEntity>> AuditEntitiesAsync(StorageClients storage)
    {
        var list = new List<TableEntity>();
        await foreach (var e in storage.Tables().GetTableClient(StorageNames.AuditTable).QueryAsync<TableEntity>()) list.Add(e);
        return list;
    }

    public static QueueClient Queue(StorageClients storage, string name) => storage.Queues().GetQueueClient(name);

    /// <summary>Polls every 200 ms until the condition holds or the timeout passes; returns whether it held.</summary>
    public static async Task<bool> WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await condition()) return true;
            }
            catch (Azure.RequestFailedException)
            {
                // Storage briefly unavailable (restart tests): try again.
            }
            catch (HttpRequestException)
            {
            }
            catch (AggregateException)
            {
                // The SDK's retries gave up while storage was down.
            }
            await Task.Delay(200);
        }
        return false;
    }

    public static string SourceName(string json) => (string)JObject.Parse(json)["sourceName"]!;
    public static string DocumentId(string json) => (string)JObject.Parse(json)["documentId"]!;
}
