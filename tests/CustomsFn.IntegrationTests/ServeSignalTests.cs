using System.Diagnostics;
using CustomsFn.IntegrationTests.Support;
using CustomsFn.LocalHost;

namespace CustomsFn.IntegrationTests;

/// <summary>
/// <c>customs serve</c> ignored SIGTERM for 40 s and more while it kept processing (issue 25): a service manager or a
/// container runtime then kills it. It now stops on SIGTERM as on Ctrl+C, within 10 s, with its Azurite.
/// </summary>
public sealed class ServeSignalTests
{
    [Fact]
    public async Task Sigterm_StopsServe_WithinTenSeconds_ExitZero_AndAzuriteWithIt()
    {
        var data = Path.Combine(Path.GetTempPath(), "customsfn-sigterm-" + Guid.NewGuid().ToString("N"));
        var port = AzuriteEmulator.FreePort();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "customs.dll"), "serve", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--data", data })
            start.ArgumentList.Add(a);
        using var serve = Process.Start(start)!;
        var output = new System.Text.StringBuilder();
        serve.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        serve.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        serve.BeginOutputReadLine();
        serve.BeginErrorReadLine();
        try
        {
            string Text() { lock (output) return output.ToString(); }
            Assert.True(await Flow.WaitUntilAsync(() => Task.FromResult(Text().Contains("Upload documents", StringComparison.Ordinal) || serve.HasExited),
                TimeSpan.FromSeconds(150)), "serve did not come up: " + Text());
            Assert.False(serve.HasExited, "serve ended early: " + Text());
            var azuriteWasOurs = Text().Contains("Starting Azurite", StringComparison.Ordinal);

            var watch = Stopwatch.StartNew();
            using (var kill = Process.Start("kill", ["-TERM", serve.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync();
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await serve.WaitForExitAsync(wait.Token);

            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"serve took {watch.Elapsed.TotalSeconds:0.0} s to stop on SIGTERM");
            Assert.Equal(0, serve.ExitCode);
            if (azuriteWasOurs)
                Assert.False(await AzuriteEmulator.IsRunningAsync(AzuriteSettings.DefaultBlobPort, AzuriteSettings.DefaultQueuePort, AzuriteSettings.DefaultTablePort),
                    "serve left its Azurite running");
        }
        finally
        {
            if (!serve.HasExited) serve.Kill(entireProcessTree: true);
            if (Directory.Exists(data)) Directory.Delete(data, recursive: true);
        }
    }
}
