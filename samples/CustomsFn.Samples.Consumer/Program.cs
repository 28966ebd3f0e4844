using CustomsFn.Samples.Consumer;

// Usage: dotnet run --project samples/CustomsFn.Samples.Consumer [-- --connection "<connection string>"] [--once]
// Default connection: UseDevelopmentStorage=true (Azurite on 127.0.0.1:10000-10002, as `customs serve` runs it).
var connection = Arg("--connection") ?? Environment.GetEnvironmentVariable("CustomsStorage") ?? "UseDevelopmentStorage=true";
var once = args.Contains("--once");
using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };

var consumer = new ResultConsumer(connection);
Console.WriteLine($"Polling customs-results{(once ? " until empty" : " (Ctrl+C to stop)")} ...");
try
{
    while (!cts.IsCancellationRequested)
    {
        var report = await consumer.RunOnceAsync((notice, _) =>
        {
            var findings = notice.Result["findings"]?.Select(f => $"{f["rule"]} ({f["severity"]}) {f["path"]}: {f["message"]}") ?? [];
            Console.WriteLine($"{notice.Status,-12} {notice.SourceName}  [{notice.DocumentId[..12]}]");
            foreach (var line in findings) Console.WriteLine("    " + line);
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

string? Arg(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
