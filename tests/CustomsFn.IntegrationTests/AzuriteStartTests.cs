using System.Net;
using System.Net.Sockets;
using CustomsFn.LocalHost;

namespace CustomsFn.IntegrationTests;

/// <summary>
/// A port found free can be taken before Azurite binds it (parallel test runs and benchmarks on one machine): Azurite
/// exits with EADDRINUSE, and the start is tried again on other ports instead of failing the tests that needed it.
/// </summary>
public class AzuriteStartTests
{
    [Fact]
    public async Task APortTakenBeforeAzuriteBindsIt_IsRetriedOnOtherPorts()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var takenPort = ((IPEndPoint)taken.LocalEndpoint).Port;
        var calls = 0;
        // The first attempt's queue port is the taken one; later attempts get really free ports.
        int Ports() => ++calls == 2 ? takenPort : AzuriteEmulator.FreePort();
        var location = Path.Combine(Path.GetTempPath(), "customsfn-it-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var emulator = await AzuriteEmulator.StartOnFreePortsAsync(location, AzuriteEmulator.FindExecutable(TestPaths.RepoRoot), freePort: Ports);

            Assert.True(calls >= 6, $"a second attempt chose new ports ({calls} ports chosen)");
            Assert.NotEqual(takenPort, emulator.Settings.QueuePort);
            Assert.True(await AzuriteEmulator.IsRunningAsync(emulator.Settings.BlobPort, emulator.Settings.QueuePort, emulator.Settings.TablePort));
        }
        finally
        {
            try { Directory.Delete(location, recursive: true); } catch (IOException) { }
        }
    }

    [Fact]
    public async Task EveryAttemptRefused_FailsWithAzuritesOwnMessage()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var takenPort = ((IPEndPoint)taken.LocalEndpoint).Port;
        var location = Path.Combine(Path.GetTempPath(), "customsfn-it-" + Guid.NewGuid().ToString("N"));
        try
        {
            var ex = await Assert.ThrowsAsync<InvalidOperationException>(() =>
                AzuriteEmulator.StartOnFreePortsAsync(location, AzuriteEmulator.FindExecutable(TestPaths.RepoRoot), attempts: 2, freePort: () => takenPort));
            Assert.Contains("EADDRINUSE", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            try { Directory.Delete(location, recursive: true); } catch (IOException) { }
        }
    }
}
