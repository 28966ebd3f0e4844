using CustomsFn.Infrastructure.Storage;
using CustomsFn.LocalHost;
using Microsoft.Extensions.DependencyInjection;

namespace CustomsFn.Bench.LocalHost;

/// <summary>
/// An Azurite of one benchmark workload's own (free ports, a temporary folder), and a local host on it that logs
/// warnings only; the emulator stops and its folder goes on dispose.
/// </summary>
internal sealed class PrivateAzurite : IAsyncDisposable
{
    private readonly AzuriteEmulator _emulator;
    private readonly string _data;

    private PrivateAzurite(AzuriteEmulator emulator, string data)
    {
        _emulator = emulator;
        _data = data;
        Storage = new StorageClients(emulator.ConnectionString);
    }

    public string ConnectionString => _emulator.ConnectionString;

    public StorageClients Storage { get; }

    public static async Task<PrivateAzurite> StartAsync(string name, CancellationToken ct)
    {
        var data = Path.Combine(Path.GetTempPath(), $"customsfn-bench-{name}-" + Guid.NewGuid().ToString("N"));
        var emulator = await AzuriteEmulator.StartOnFreePortsAsync(data, cancellationToken: ct).ConfigureAwait(false);
        return new PrivateAzurite(emulator, data);
    }

    /// <summary>The local host on this Azurite; <paramref name="settings"/> add to (or override) its quiet logging.</summary>
    public Task<LocalHostApp> StartHostAsync(CancellationToken ct, IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configureServices = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            // The polling trigger's late executions are cancelled when the benchmark stops the host: not news.
            ["Logging:LogLevel:Function"] = "None",
            ["Logging:LogLevel:Host.Results"] = "None",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) all[key] = value;
        return LocalHostApp.StartAsync(new LocalHostOptions { StorageConnectionString = ConnectionString, Urls = "http://127.0.0.1:0", Settings = all },
            configureServices, ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _emulator.DisposeAsync().ConfigureAwait(false);
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
