using Azure.Storage.Sas;
using CustomsFn.Core.Contract;
using CustomsFn.Infrastructure.Storage;

namespace CustomsFn.LocalHost;

/// <summary>
/// <c>customs serve</c>: starts Azurite unless one already answers on 127.0.0.1:10000-10002 (data under .azurite/),
/// creates the containers, queues and table, runs the local host until cancelled, and prints where to upload.
/// </summary>
public static class LocalServe
{
    /// <summary>How long a stopping serve waits for the Azurite it started before it kills it.</summary>
    public static readonly TimeSpan AzuriteStopGrace = TimeSpan.FromSeconds(4);

    public static async Task<int> RunAsync(LocalServeOptions settings, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(output);
        AzuriteEmulator? azurite = null;
        try
        {
            var ports = $"127.0.0.1:{settings.BlobPort}/{settings.QueuePort}/{settings.TablePort}";
            if (await AzuriteEmulator.IsRunningAsync(settings.BlobPort, settings.QueuePort, settings.TablePort, cancellationToken).ConfigureAwait(false))
            {
                await output.WriteLineAsync($"Azurite is already running on {ports}; using it.").ConfigureAwait(false);
            }
            else if (settings.NoAzurite)
            {
                await output.WriteLineAsync($"error: no Azurite on {ports} and --no-azurite was given.").ConfigureAwait(false);
                return 1;
            }
            else
            {
                var data = settings.DataDirectory ?? DefaultDataDirectory();
                await output.WriteLineAsync($"Starting Azurite (data in {data}) ...").ConfigureAwait(false);
                try
                {
                    azurite = await AzuriteEmulator.StartAsync(new AzuriteSettings
                    {
                        Location = data, BlobPort = settings.BlobPort, QueuePort = settings.QueuePort, TablePort = settings.TablePort,
                    }, cancellationToken).ConfigureAwait(false);
                }
                catch (AzuriteNotInstalledException ex)
                {
                    await output.WriteLineAsync("error: " + ex.Message).ConfigureAwait(false);
                    return 1;
                }
            }

            var connection = AzuriteEmulator.ConnectionStringFor(settings.BlobPort, settings.QueuePort, settings.TablePort);
            var host = await LocalHostApp.StartAsync(new LocalHostOptions
            {
                StorageConnectionString = connection,
                Urls = $"http://127.0.0.1:{settings.Port}",
                ReconcileEvery = settings.ReconcileEvery,
            }, cancellationToken: cancellationToken).ConfigureAwait(false);
            await using (host.ConfigureAwait(false))
            {
                // One write: whoever watches the output for "Upload documents" sees the dashboard key with it.
                await output.WriteLineAsync(Instructions(connection, host.Urls, settings) + Environment.NewLine
                    + DashboardInstructions(host.Urls, host.ApiKey, Environment.GetEnvironmentVariable("Api__Key") is { Length: > 0 })).ConfigureAwait(false);
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    await output.WriteLineAsync("Stopping ...").ConfigureAwait(false);
                }
                await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
            }
            return 0;
        }
        finally
        {
            if (azurite is not null)
            {
                // Azurite closes its servers before it saves, and waits for idle keep-alive connections (ours) to time out:
                // about 9 s. A stop must end within 10 s (SIGTERM from a service manager), so it gets a few seconds; its
                // data was autosaved moments before.
                await azurite.StopAsync(AzuriteStopGrace).ConfigureAwait(false);
                await azurite.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>.azurite/ in the repository (the folder holding CustomsFn.sln above the current one), else in the current folder.</summary>
    public static string DefaultDataDirectory()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CustomsFn.sln"))) return Path.Combine(dir.FullName, ".azurite");
        }
        return Path.Combine(Directory.GetCurrentDirectory(), ".azurite");
    }

    /// <summary>The dashboard's address (with the key in the fragment, which browsers never send to a server) and the API key.</summary>
    public static string DashboardInstructions(IReadOnlyList<string> urls, string apiKey, bool keyFromEnvironment)
    {
        ArgumentNullException.ThrowIfNull(urls);
        var url = urls.Count > 0 ? urls[0].TrimEnd('/') : "http://127.0.0.1:7071";
        return $"""
            Compliance API and dashboard:
              dashboard       {url}{Api.DashboardAssets.Route}#key={apiKey}
              API key         {apiKey}   ({(keyFromEnvironment ? "from Api__Key" : "generated for this run; set Api__Key to keep one")}; send it as header x-functions-key)
              example         curl -H "x-functions-key: {apiKey}" "{url}/api/results?status=needs-review"

            """;
    }

    /// <summary>Where to upload and how to read results, with a day-long SAS URL of <c>incoming</c> for AzCopy.</summary>
    public static string Instructions(string connectionString, IReadOnlyList<string> urls, LocalServeOptions settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var isDefault = settings.BlobPort == AzuriteSettings.DefaultBlobPort && settings.QueuePort == AzuriteSettings.DefaultQueuePort && settings.TablePort == AzuriteSettings.DefaultTablePort;
        var connectionArg = isDefault ? "UseDevelopmentStorage=true" : connectionString;
        var incoming = new StorageClients(connectionString).Blobs().GetBlobContainerClient(StorageNames.IncomingContainer);
        var sas = incoming.GenerateSasUri(BlobContainerSasPermissions.Read | BlobContainerSasPermissions.Write |
            BlobContainerSasPermissions.Create | BlobContainerSasPermissions.List, DateTimeOffset.UtcNow.AddDays(1));
        return $"""

            CustomsFn local serverless host is running (Ctrl+C to stop).
              web host        {string.Join(", ", urls)}  (GET /healthz, /api/..., /api/dashboard/)
              storage         Azurite blob 127.0.0.1:{settings.BlobPort}, queue :{settings.QueuePort}, table :{settings.TablePort}
              uploads         container '{StorageNames.IncomingContainer}'   results: container '{StorageNames.ResultsContainer}', queues '{StorageNames.ResultsQueue}' and '{StorageNames.ReviewQueue}', table '{StorageNames.AuditTable}'

            Upload documents with any of:
              dotnet run --project samples/CustomsFn.Samples.Uploader -- samples/documents{(isDefault ? "" : $" --connection \"{connectionArg}\"")}
              az storage blob upload --connection-string "{connectionArg}" -c {StorageNames.IncomingContainer} -f invoice.xml -n invoice.xml
              azcopy copy "samples/documents/*" "{sas}"
            Read results as a trade system would:
              dotnet run --project samples/CustomsFn.Samples.Consumer{(isDefault ? "" : $" -- --connection \"{connectionArg}\"")}

            """;
    }
}
