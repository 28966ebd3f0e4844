using CustomsFn.Infrastructure.Storage;
using CustomsFn.LocalHost;

namespace CustomsFn.IntegrationTests.Support;

/// <summary>A private Azurite for one test or test class: free ports on 127.0.0.1, data in a temporary folder, stopped and removed at the end.</summary>
public sealed class TestAzurite : IAsyncDisposable
{
    private TestAzurite(AzuriteEmulator emulator, string location)
    {
        Emulator = emulator;
        Location = location;
    }

    public AzuriteEmulator Emulator { get; private set; }
    public string Location { get; }
    public string ConnectionString => Emulator.ConnectionString;
    public StorageClients Storage => new(ConnectionString);

    public static async Task<TestAzurite> StartAsync()
    {
        if (AzuriteEmulator.FindExecutable(TestPaths.RepoRoot) is null)
            Assert.Fail(AzuriteEmulator.NotInstalledMessage + " (the integration tests start a real Azurite).");
        var location = Path.Combine(Path.GetTempPath(), "customsfn-it-" + Guid.NewGuid().ToString("N"));
        var emulator = await AzuriteEmulator.StartOnFreePortsAsync(location, AzuriteEmulator.FindExecutable(TestPaths.RepoRoot));
        var azurite = new TestAzurite(emulator, location);
        await azurite.Storage.EnsureCreatedAsync(CancellationToken.None);
        return azurite;
    }

    /// <summary>Stops Azurite gracefully (it saves its data) and starts it again on the same ports and folder.</summary>
    public async Task RestartAsync(TimeSpan downtime)
    {
        var settings = Emulator.Settings;
        await Emulator.DisposeAsync();
        await Task.Delay(downtime);
        Emulator = await AzuriteEmulator.StartAsync(settings);
    }

    public async ValueTask DisposeAsync()
    {
        await Emulator.DisposeAsync();
        try { Directory.Delete(Location, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
