using System.Diagnostics;
using System.Net.Sockets;

namespace CustomsFn.LocalHost;

/// <summary>
/// The Azurite storage emulator as a child process: <c>azurite --skipApiVersionCheck --disableTelemetry --location DIR</c>
/// on 127.0.0.1 (the storage SDKs send an API version newer than Azurite knows). Installed from npm into
/// <c>tools/node_modules</c> by <c>scripts/bootstrap.sh --azurite</c>.
/// </summary>
public sealed class AzuriteEmulator : IAsyncDisposable
{
    /// <summary>Azurite's well-known development account and key (public, documented by Microsoft).</summary>
    public const string AccountName = "devstoreaccount1";
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process _process;
    private readonly Queue<string> _output = new();

    private AzuriteEmulator(Process process, AzuriteSettings settings)
    {
        _process = process;
        Settings = settings;
    }

    public AzuriteSettings Settings { get; }

    public string ConnectionString => ConnectionStringFor(Settings.BlobPort, Settings.QueuePort, Settings.TablePort);

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines Azurite printed (for error messages).</summary>
    public string RecentOutput
    {
        get { lock (_output) return string.Join(Environment.NewLine, _output); }
    }

    public static string ConnectionStringFor(int blobPort, int queuePort, int tablePort) =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{blobPort}/{AccountName};QueueEndpoint=http://127.0.0.1:{queuePort}/{AccountName};" +
        $"TableEndpoint=http://127.0.0.1:{tablePort}/{AccountName};";

    /// <summary>
    /// Finds azurite: <c>CUSTOMSFN_AZURITE</c>, else <c>tools/node_modules/.bin/azurite</c> in <paramref name="startDirectory"/>
    /// or any folder above it (or above this program), else null.
    /// </summary>
    public static string? FindExecutable(string? startDirectory = null)
    {
        if (Environment.GetEnvironmentVariable("CUSTOMSFN_AZURITE") is { Length: > 0 } env && File.Exists(env)) return env;
        foreach (var start in new[] { startDirectory ?? Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "tools", "node_modules", ".bin", OperatingSystem.IsWindows() ? "azurite.cmd" : "azurite");
                if (File.Exists(candidate)) return candidate;
            }
        }
        return null;
    }

    public const string NotInstalledMessage =
        "Azurite is not installed: run `bash scripts/bootstrap.sh --azurite` in the repository (it runs `npm ci` in tools/), " +
        "or set CUSTOMSFN_AZURITE to an azurite executable.";

    /// <summary>Starts Azurite and waits until all three services accept connections.</summary>
    public static async Task<AzuriteEmulator> StartAsync(AzuriteSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var executable = settings.Executable ?? FindExecutable() ?? throw new AzuriteNotInstalledException(NotInstalledMessage);
        Directory.CreateDirectory(settings.Location);
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            // --silent: no access log line per request (it cost Azurite CPU on every call; errors still reach stderr).
            "--skipApiVersionCheck", "--disableTelemetry", "--silent", "--location", settings.Location,
            "--blobHost", "127.0.0.1", "--blobPort", Port(settings.BlobPort),
            "--queueHost", "127.0.0.1", "--queuePort", Port(settings.QueuePort),
            "--tableHost", "127.0.0.1", "--tablePort", Port(settings.TablePort),
        })
        {
            info.ArgumentList.Add(arg);
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException("Azurite did not start.");
        var emulator = new AzuriteEmulator(process, settings);
        process.OutputDataReceived += (_, e) => emulator.Remember(e.Data);
        process.ErrorDataReceived += (_, e) => emulator.Remember(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await emulator.WaitUntilReadyAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await emulator.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return emulator;
    }

    /// <summary>
    /// Starts Azurite on three free ports of 127.0.0.1 with data in <paramref name="location"/>. A port found free can be
    /// taken by another process before Azurite binds it (parallel test runs, benchmarks): Azurite then exits with
    /// EADDRINUSE, and it is started again on other free ports, up to <paramref name="attempts"/> times.
    /// <paramref name="freePort"/> finds a port (<see cref="FreePort"/> unless given).
    /// </summary>
    public static async Task<AzuriteEmulator> StartOnFreePortsAsync(string location, string? executable = null, int attempts = 4,
        CancellationToken cancellationToken = default, Func<int>? freePort = null)
    {
        freePort ??= FreePort;
        for (var attempt = 1; ; attempt++)
        {
            var settings = new AzuriteSettings
            {
                Location = location, BlobPort = freePort(), QueuePort = freePort(), TablePort = freePort(), Executable = executable,
            };
            try
            {
                return await StartAsync(settings, cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidOperationException ex) when (attempt < attempts && ex.Message.Contains("EADDRINUSE", StringComparison.Ordinal))
            {
                Debug.WriteLine($"Azurite's port was taken before it started (attempt {attempt}); trying other ports.");
            }
        }
    }

    private static string Port(int port) => port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private int _listening;

    private void Remember(string? line)
    {
        if (line is null) return;
        // "Azurite Blob service is successfully listening at http://127.0.0.1:10000", one line per service.
        if (line.Contains("successfully listening", StringComparison.Ordinal)) Interlocked.Increment(ref _listening);
        lock (_output)
        {
            _output.Enqueue(line);
            while (_output.Count > 40) _output.Dequeue();
        }
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                // The output readers may not have delivered its last lines yet (the reason it exited): wait for them.
                _process.WaitForExit();
                throw new InvalidOperationException($"Azurite exited with code {_process.ExitCode} while starting:{Environment.NewLine}{RecentOutput}");
            }
            // Its own three services listening, not just something on the ports (another process may hold one).
            if (Volatile.Read(ref _listening) >= 3
                && await IsRunningAsync(Settings.BlobPort, Settings.QueuePort, Settings.TablePort, cancellationToken).ConfigureAwait(false)) return;
            if (deadline.Elapsed > Settings.StartTimeout)
                throw new TimeoutException($"Azurite did not answer within {Settings.StartTimeout.TotalSeconds:0} s:{Environment.NewLine}{RecentOutput}");
            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Whether something accepts connections on all three ports of 127.0.0.1.</summary>
    public static async Task<bool> IsRunningAsync(int blobPort, int queuePort, int tablePort, CancellationToken cancellationToken = default)
    {
        foreach (var port in new[] { blobPort, queuePort, tablePort })
        {
            using var client = new TcpClient();
            try
            {
                using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                cts.CancelAfter(TimeSpan.FromSeconds(1));
                await client.ConnectAsync("127.0.0.1", port, cts.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>A TCP port that is free now on 127.0.0.1.</summary>
    public static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    /// <summary>Stops Azurite gracefully (SIGTERM: it saves its data), killing it when it does not exit within the timeout.</summary>
    public async Task StopAsync(TimeSpan? timeout = null)
    {
        if (_process.HasExited) return;
        if (!OperatingSystem.IsWindows())
        {
            using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])
            {
                UseShellExecute = false,
            });
            if (kill is not null) await kill.WaitForExitAsync().ConfigureAwait(false);
        }
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        try
        {
            await _process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync().ConfigureAwait(false);
        }
        finally
        {
            _process.Dispose();
        }
    }
}
