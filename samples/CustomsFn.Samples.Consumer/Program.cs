using CustomsFn.Samples.Consumer;

// Usage: dotnet run --project samples/CustomsFn.Samples.Consumer [-- --once]
//   as deployed:  --queue-uri https://<account>.queue.core.windows.net --blob-uri https://<account>.blob.core.windows.net
//                 (or CustomsStorage__queueServiceUri / CustomsStorage__blobServiceUri), signed in with DefaultAzureCredential
//   locally:      --connection "<connection string>" (or CustomsStorage); default UseDevelopmentStorage=true (Azurite, as `customs serve` runs it)
ConsumerConnection connection;
try
{
    connection = ConsumerConnection.From(args, Environment.GetEnvironmentVariable);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}
var once = args.Contains("--once");
using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };

var consumer = connection.CreateConsumer();
Console.WriteLine($"Polling {consumer.QueueUri}{(once ? " until empty" : " (Ctrl+C to stop)")} ...");
try
{
    while (!cts.IsCancellationRequested)
    {
        var report = await consumer.RunOnceAsync((notice, _) =>
        {
            var findings = notice.Result["findings"]?.Select(f => $"{f["rule"]} ({f["severity"]}) {f["path"]}: {f["message"]}") ?? [];
            Console.WriteLine($"{notice.Status,-12} v{notice.Version} {notice.Reason,-9} {notice.SourceName}  [{notice.DocumentId[..12]}]");
            if (notice.Reason == "processed") foreach (var line in findings) Console.WriteLine("    " + line);
            return Task.CompletedTask;
        }, (shipment, _) =>
        {
            Console.WriteLine($"shipment     {shipment.Verdict,-12} {shipment.ShipmentId}  ({(int?)shipment.Message["documentCount"] ?? 0} documents)");
            return Task.CompletedTask;
        }, cts.Token);
        if (report.Poisoned > 0) Console.WriteLine($"{report.Poisoned} message(s) moved to customs-results-poison");
        if (report.Received == 0)
        {
            if (once) break;
            await Task.Delay(TimeSpan.FromSeconds(1), cts.Token);
        }
    }
}
catch (OperationCanceledException) when (cts.IsCancellationRequested)
{
}
return 0;
