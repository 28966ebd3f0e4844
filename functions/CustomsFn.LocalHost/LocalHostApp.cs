using System.Globalization;
using Azure.Storage.Queues;
using CustomsFn.Core.Contract;
using CustomsFn.Infrastructure;
using CustomsFn.Infrastructure.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Azure.WebJobs;
using Microsoft.Azure.WebJobs.Extensions.Timers;
using Microsoft.Azure.WebJobs.Host.Executors;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CustomsFn.LocalHost;

/// <summary>
/// The local serverless host: one process with the WebJobs SDK job host (blob trigger with the polling source, poison
/// queue trigger, reconciliation timer) and a Kestrel web host sharing one service container, so the HTTP API added
/// through <see cref="CustomsApiEndpoints.MapCustomsApi"/> sees the same pipeline, stores and audit log as the triggers.
/// </summary>
public sealed class LocalHostApp : IAsyncDisposable
{
    private readonly WebApplication _app;
    private bool _stopped;

    private LocalHostApp(WebApplication app) => _app = app;

    public IServiceProvider Services => _app.Services;

    /// <summary>The addresses Kestrel listens on (with the real port when port 0 was asked for).</summary>
    public IReadOnlyList<string> Urls =>
        _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];

    /// <summary>Creates the containers, queues and table, then starts the job host and Kestrel.</summary>
    public static async Task<LocalHostApp> StartAsync(LocalHostOptions options, Action<IServiceCollection>? configureServices = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var storage = new StorageClients(options.StorageConnectionString);
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await storage.Queues().GetQueueClient(PoisonBlobHandler.PoisonQueue).CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(LocalHostApp).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Host.ConfigureWebJobs(webJobs =>
        {
            // The storage extensions only: AddAzureStorageCoreServices() is not called (see DESIGN.md).
            webJobs.AddAzureStorageBlobs(o =>
            {
                o.MaxDegreeOfParallelism = options.MaxDegreeOfParallelism;
                o.PoisonBlobThreshold = options.PoisonBlobThreshold;
            });
            webJobs.AddAzureStorageQueues(o =>
            {
                o.MaxPollingInterval = options.MaxQueuePollingInterval;
                o.BatchSize = 16;
                o.MaxDequeueCount = 5;
                o.VisibilityTimeout = TimeSpan.FromSeconds(5);
                o.MessageEncoding = QueueMessageEncoding.Base64;
            });
            webJobs.AddTimers();
        });
        // After ConfigureWebJobs (which adds environment variables), so the host's own settings win.
        var settings = new Dictionary<string, string?>
        {
            // Azure.Core logs every 404 (normal here: "no result yet") as a warning.
            ["Logging:LogLevel:Azure.Core"] = "Error",
            ["Logging:LogLevel:Azure.Messaging"] = "Error",
        };
        foreach (var (key, value) in options.Settings) settings[key] = value;
        foreach (var (key, value) in new Dictionary<string, string?>
        {
            [StorageNames.ConnectionName] = options.StorageConnectionString,
            ["AzureWebJobsStorage"] = options.StorageConnectionString,
            [LocalFunctions.ReconcileScheduleSetting] = options.ReconcileEvery.ToString("c", CultureInfo.InvariantCulture),
            [$"{ReconciliationOptions.SectionName}:{nameof(ReconciliationOptions.MinAge)}"] = options.ReconcileMinAge.ToString("c", CultureInfo.InvariantCulture),
        })
        {
            settings[key] = value;
        }
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls(options.Urls);

        var services = builder.Services;
        services.AddCustomsPipeline(builder.Configuration);
        services.AddSingleton<ITypeLocator, LocalTypeLocator>();
        services.AddSingleton<IHostIdProvider>(new FixedHostId(options.HostId));
        services.AddSingleton<ScheduleMonitor, InMemoryScheduleMonitor>();
        services.AddSingleton(options);
        if (options.WatchInterval > TimeSpan.Zero) services.AddHostedService<IncomingWatcher>();
        configureServices?.Invoke(services);

        var app = builder.Build();
        app.MapCustomsApi();
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        return new LocalHostApp(app);
    }

    /// <summary>Stops the triggers and Kestrel. The WebJobs timer sometimes reports "timer has already been stopped" on shutdown: that is ignored.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (_stopped) return;
        _stopped = true;
        try
        {
            await _app.StopAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException ex) when (IsTimerAlreadyStopped(ex))
        {
            // Known WebJobs SDK shutdown race: the timer listener was already stopped.
        }
    }

    internal static bool IsTimerAlreadyStopped(Exception ex) =>
        ex.Message.Contains("timer has already been stopped", StringComparison.OrdinalIgnoreCase) ||
        (ex.InnerException is { } inner && IsTimerAlreadyStopped(inner));

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        try
        {
            await _app.DisposeAsync().ConfigureAwait(false);
        }
        catch (InvalidOperationException ex) when (IsTimerAlreadyStopped(ex))
        {
            // As in StopAsync.
        }
    }
}
