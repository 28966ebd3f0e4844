using System.Globalization;
using Azure.Storage.Queues;
using CustomsFn.Api;
using CustomsFn.Core.Contract;
using CustomsFn.Core.Shipments;
using CustomsFn.Infrastructure;
using CustomsFn.Infrastructure.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Azure.WebJobs;
using Microsoft.Azure.WebJobs.Extensions.Timers;
using Microsoft.Azure.WebJobs.Host.Executors;
using Microsoft.Azure.WebJobs.Host.Timers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CustomsFn.LocalHost;

/// <summary>
/// The local serverless host: one process with the WebJobs SDK job host (blob trigger with the polling source, poison
/// queue trigger, reconciliation timer) and a Kestrel web host sharing one service container, so the HTTP API added
/// through <see cref="CustomsApiEndpoints.MapCustomsApi"/> sees the same pipeline, stores and audit log as the triggers.
/// Like the Functions host, it restarts itself when the WebJobs SDK reports an unhandled error (the SDK's own handler
/// would end the process): e.g. when storage is unreachable long enough for a queue listener to give up, the host is
/// rebuilt once storage answers again.
/// </summary>
public sealed partial class LocalHostApp : IAsyncDisposable
{
    /// <summary>Longest a stop waits for functions in flight (SIGTERM must end <c>customs serve</c> within 10 s).</summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(5);

    private readonly LocalHostOptions _options;
    private readonly Action<IServiceCollection>? _configureServices;
    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private WebApplication? _app;
    private int _restarting;
    private volatile bool _stopped;

    private LocalHostApp(LocalHostOptions options, Action<IServiceCollection>? configureServices)
    {
        _options = options;
        _configureServices = configureServices;
    }

    private const string ApiKeySetting = ApiOptions.SectionName + ":" + nameof(ApiOptions.Key);
    private readonly string _generatedKey = ApiKeyCheck.NewKey();

    /// <summary>The key the API requires (x-functions-key header): Api__Key from configuration, else one generated for this run.</summary>
    public string ApiKey => App.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ApiOptions>>().Value.Key ?? _generatedKey;

    private WebApplication App => _app ?? throw new InvalidOperationException("The local host is not running.");

    public IServiceProvider Services => App.Services;

    /// <summary>How often the host was rebuilt after an unhandled WebJobs error.</summary>
    public int Restarts { get; private set; }

    /// <summary>The addresses Kestrel listens on (with the real port when port 0 was asked for).</summary>
    public IReadOnlyList<string> Urls =>
        App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];

    /// <summary>Creates the containers, queues and table, then starts the job host and Kestrel.</summary>
    public static async Task<LocalHostApp> StartAsync(LocalHostOptions options, Action<IServiceCollection>? configureServices = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var host = new LocalHostApp(options, configureServices);
        host._app = await host.BuildAndStartAsync(cancellationToken).ConfigureAwait(false);
        return host;
    }

    private async Task<WebApplication> BuildAndStartAsync(CancellationToken cancellationToken)
    {
        var options = _options;
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
            // The storage extensions only: AddAzureStorageCoreServices() is not called (see docs/architecture.md).
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
            // As host.json: these categories name the upload (invoice numbers, names, amounts) at Information.
            ["Logging:LogLevel:Function"] = "Warning",
            ["Logging:LogLevel:Host.Triggers.Blob"] = "Warning",
        };
        foreach (var (key, value) in options.Settings) settings[key] = value;
        // The API needs a key: the configured one (Api__Key), else one made for this run (ApiKey tells it).
        if (string.IsNullOrEmpty(builder.Configuration[ApiKeySetting]) && !settings.ContainsKey(ApiKeySetting)) settings[ApiKeySetting] = _generatedKey;
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
        // Stopping waits this long for functions in flight; what is cut off is redelivered by the blob trigger.
        services.Configure<HostOptions>(o => o.ShutdownTimeout = ShutdownTimeout);
        services.AddCustomsPipeline(builder.Configuration);
        // One instance: the shipment store may answer reads of what it wrote itself from memory (see RememberOwnWrites).
        services.AddSingleton<IShipmentStore>(sp => new BlobShipmentStore(
            sp.GetRequiredService<StorageClients>().Blobs().GetBlobContainerClient(StorageNames.ResultsContainer)) { RememberOwnWrites = true });
        services.AddComplianceApi();
        services.AddDevelopmentSignIn();
        services.AddSingleton<ITypeLocator, LocalTypeLocator>();
        services.AddSingleton<IHostIdProvider>(new FixedHostId(options.HostId));
        services.AddSingleton<ScheduleMonitor, InMemoryScheduleMonitor>();
        services.AddSingleton(options);
        if (options.WatchInterval > TimeSpan.Zero) services.AddHostedService<IncomingWatcher>();
        services.AddSingleton<IWebJobsExceptionHandlerFactory>(new SupervisedExceptionHandlerFactory(this));
        _configureServices?.Invoke(services);

        var app = builder.Build();
        app.UseCustomsApiHeaders();
        app.UseDevelopmentSignIn();
        app.MapCustomsApi();
        app.MapDevelopmentSignIn();
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        return app;
    }

    /// <summary>Called by the WebJobs SDK on an unhandled listener error: rebuild the host in the background.</summary>
    internal void RequestRestart(Exception? error)
    {
        if (_stopped || Interlocked.Exchange(ref _restarting, 1) == 1) return;
        _ = Task.Run(() => RestartAsync(error));
    }

    private async Task RestartAsync(Exception? error)
    {
        await _lifecycle.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_stopped || _app is null) return;
            var logger = _app.Services.GetRequiredService<ILoggerFactory>().CreateLogger<LocalHostApp>();
            LogRestarting(logger, error?.GetType().Name ?? "timeout");
            var handler = _app.Services.GetRequiredService<IncomingBlobHandler>();
            await StopAndDisposeAsync(_app).ConfigureAwait(false);
            _app = null;
            // Work the old host started (e.g. a publication riding out the outage) must end before a new host may take
            // the same upload, or both would publish it.
            try
            {
                await handler.WhenIdleAsync().WaitAsync(TimeSpan.FromMinutes(3)).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // Something hangs in the old host; starting again is still better than staying down.
            }
            while (!_stopped)
            {
                try
                {
                    _app = await BuildAndStartAsync(CancellationToken.None).ConfigureAwait(false);
                    Restarts++;
                    LogRestarted(logger);
                    return;
                }
                catch (Exception ex) when (IsStorageUnavailable(ex))
                {
                    await Task.Delay(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            Interlocked.Exchange(ref _restarting, 0);
            _lifecycle.Release();
        }
    }

    internal static bool IsStorageUnavailable(Exception ex) =>
        ex is Azure.RequestFailedException or HttpRequestException or IOException or TimeoutException ||
        (ex is AggregateException agg && agg.InnerExceptions.All(IsStorageUnavailable));

    /// <summary>Stops the triggers and Kestrel. The WebJobs timer sometimes reports "timer has already been stopped" on shutdown: that is ignored.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        _stopped = true;
        await _lifecycle.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_app is null) return;
            await StopAndDisposeAsync(_app).ConfigureAwait(false);
            _app = null;
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    private static async Task StopAndDisposeAsync(WebApplication app)
    {
        try
        {
            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (InvalidOperationException ex) when (IsTimerAlreadyStopped(ex))
        {
            // Known WebJobs SDK shutdown race: the timer listener was already stopped.
        }
        catch (Exception ex) when (IsStorageUnavailable(ex) || ex is OperationCanceledException)
        {
            // Stopping while storage is down: listeners fail to release what they hold; nothing to keep.
        }
        try
        {
            await app.DisposeAsync().ConfigureAwait(false);
        }
        catch (InvalidOperationException ex) when (IsTimerAlreadyStopped(ex))
        {
            // As above.
        }
    }

    internal static bool IsTimerAlreadyStopped(Exception ex) =>
        ex.Message.Contains("timer has already been stopped", StringComparison.OrdinalIgnoreCase) ||
        (ex.InnerException is { } inner && IsTimerAlreadyStopped(inner));

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _lifecycle.Dispose();
    }

    [LoggerMessage(EventId = 900, Level = LogLevel.Warning, Message = "WebJobs reported an unhandled {ExceptionType}; restarting the local host")]
    private static partial void LogRestarting(ILogger logger, string exceptionType);

    [LoggerMessage(EventId = 901, Level = LogLevel.Information, Message = "Local host restarted")]
    private static partial void LogRestarted(ILogger logger);
}
