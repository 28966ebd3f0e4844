using System.Collections.Concurrent;
using CustomsFn.Core.Contract;
using CustomsFn.IntegrationTests.Support;
using CustomsFn.LocalHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CustomsFn.IntegrationTests;

/// <summary>
/// Upload names carry invoice numbers, names and amounts; the trigger library logged them verbatim (issue 25). With the
/// host's default logging (Information and up), nothing logged while an upload is processed names it.
/// </summary>
public sealed class UploadNameLoggingTests
{
    private sealed class Capture : ILoggerProvider
    {
        public ConcurrentQueue<(string Category, string Message)> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Lines);

        public void Dispose() { }

        private sealed class Logger(string category, ConcurrentQueue<(string, string)> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => true;
            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue((category, formatter(state, exception) + (exception is null ? "" : " " + exception)));
        }
    }

    [Fact]
    public async Task ProcessingAnUpload_LogsNothingThatNamesIt()
    {
        const string Secret = "INV-2026-SECRET-4711-Acme-EUR-98765";
        var capture = new Capture();
        await using var azurite = await TestAzurite.StartAsync();
        await using (var host = await LocalHostApp.StartAsync(new LocalHostOptions
        {
            StorageConnectionString = azurite.ConnectionString,
            Urls = "http://127.0.0.1:0",
        }, services => services.AddSingleton<ILoggerProvider>(capture)))
        {
            var bytes = await File.ReadAllBytesAsync(Path.Combine(TestPaths.SampleDocuments, "ubl-invoice-de-us-clean.xml"));
            await azurite.Storage.Blobs().GetBlobContainerClient(StorageNames.IncomingContainer).UploadBlobAsync($"{Secret}.xml", BinaryData.FromBytes(bytes));
            Assert.True(await Flow.WaitUntilAsync(async () => (await Flow.AuditEntitiesAsync(azurite.Storage)).Count == 1, TimeSpan.FromSeconds(60)));
        }

        Assert.NotEmpty(capture.Lines); // the host did log (its start, the pipeline's document ids)
        var leaks = capture.Lines.Where(l => l.Message.Contains("SECRET-4711", StringComparison.Ordinal)).Select(l => $"{l.Category}: {l.Message}").ToList();
        Assert.True(leaks.Count == 0, "upload name logged:\n" + string.Join("\n", leaks.Take(5)));
    }
}
