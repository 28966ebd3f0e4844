using CustomsFn.Core.Contract;
using CustomsFn.IntegrationTests.Support;
using CustomsFn.LocalHost;

namespace CustomsFn.IntegrationTests;

/// <summary>What <c>customs serve</c> runs: starts Azurite, the host and Kestrel, prints where to upload, stops everything on cancel.</summary>
public sealed class ServeTests
{
    [Fact]
    public async Task Serve_StartsAzuriteAndTheHost_PrintsWhereToUpload_ProcessesAnUpload_AndStopsCleanly()
    {
        var data = Path.Combine(Path.GetTempPath(), "customsfn-serve-" + Guid.NewGuid().ToString("N"));
        var settings = new LocalServeOptions
        {
            Port = AzuriteEmulator.FreePort(), DataDirectory = data,
            BlobPort = AzuriteEmulator.FreePort(), QueuePort = AzuriteEmulator.FreePort(), TablePort = AzuriteEmulator.FreePort(),
        };
        var output = new StringWriter();
        var writer = TextWriter.Synchronized(output);
        using var stop = new CancellationTokenSource();
        var serve = LocalServe.RunAsync(settings, writer, stop.Token);
        try
        {
            Assert.True(await Flow.WaitUntilAsync(() => Task.FromResult(output.ToString().Contains("Upload documents", StringComparison.Ordinal) || serve.IsCompleted),
                TimeSpan.FromSeconds(150)), "serve did not come up: " + output);
            Assert.False(serve.IsCompleted, "serve ended early: " + output);
            var text = output.ToString();
            Assert.Contains("Starting Azurite", text, StringComparison.Ordinal);
            Assert.Contains("CustomsFn.Samples.Uploader", text, StringComparison.Ordinal);
            Assert.Contains("az storage blob upload", text, StringComparison.Ordinal);
            Assert.Contains("azcopy copy", text, StringComparison.Ordinal);
            Assert.True(Directory.Exists(data));

            using var http = new HttpClient();
            Assert.Equal("ok", await http.GetStringAsync(new Uri($"http://127.0.0.1:{settings.Port}/healthz")));

            // The compliance API needs the key serve printed (generated for the run: Api__Key is not set here).
            var key = System.Text.RegularExpressions.Regex.Match(text, @"/api/dashboard/#key=([A-Za-z0-9_-]{20,})").Groups[1].Value;
            Assert.False(string.IsNullOrEmpty(key), "serve printed no dashboard key: " + text);
            var list = new Uri($"http://127.0.0.1:{settings.Port}/api/results");
            using (var anonymous = await http.GetAsync(list)) Assert.Equal(System.Net.HttpStatusCode.Unauthorized, anonymous.StatusCode);
            using (var request = new HttpRequestMessage(HttpMethod.Get, list))
            {
                request.Headers.Add("x-functions-key", key);
                using var keyed = await http.SendAsync(request);
                Assert.Equal(System.Net.HttpStatusCode.OK, keyed.StatusCode);
            }

            var storage = new Infrastructure.Storage.StorageClients(AzuriteEmulator.ConnectionStringFor(settings.BlobPort, settings.QueuePort, settings.TablePort));
            await storage.Blobs().GetBlobContainerClient(StorageNames.IncomingContainer).UploadBlobAsync("served.xml",
                BinaryData.FromBytes(await File.ReadAllBytesAsync(Path.Combine(TestPaths.SampleDocuments, "ubl-creditnote-cn-gb.xml"))));
            Assert.True(await Flow.WaitUntilAsync(async () => await Flow.MessageCountAsync(Flow.Queue(storage, StorageNames.ResultsQueue)) == 1, TimeSpan.FromSeconds(60)));
        }
        finally
        {
            await stop.CancelAsync();
            Assert.Equal(0, await serve);
        }
        Assert.False(await AzuriteEmulator.IsRunningAsync(settings.BlobPort, settings.QueuePort, settings.TablePort), "serve left Azurite running");
        try { Directory.Delete(data, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
