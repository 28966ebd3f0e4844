using System.Collections.Concurrent;
using System.Globalization;
using CustomsFn.Core;
using CustomsFn.Core.Contract;
using CustomsFn.Core.Foundation;
using CustomsFn.Core.Isolation;
using CustomsFn.Core.Pipeline;
using CustomsFn.Tests.Shipments;
using Microsoft.Extensions.Logging;

namespace CustomsFn.Tests.Hostile;

/// <summary>
/// Logs carry document ids, rule ids and counts, never what a document says: every sample (documents, the evaluation
/// set with its scans, the shipments) goes through the pipeline with a logger that records every line, every structured
/// value and every exception text at Trace level; no extracted value may appear in any of them. (Timings, the structured
/// ElapsedMs value, are left out of the comparison: their digits match amounts by chance.)
/// </summary>
public sealed class SensitiveDataTests
{
    [Fact]
    public async Task WholeSampleSet_NoExtractedValueAppearsInAnyLogLine()
    {
        var logs = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        var processor = CustomsDefaults.CreateProcessor(new PipelineOptions { Isolation = new IsolationOptions { Pdf = false } }, loggers: factory);
        var pipeline = new CustomsPipeline(processor, new InMemoryResultStore(), new NullPublisher(), new NullAudit(), logger: factory.CreateLogger<CustomsPipeline>());

        var files = new[] { "documents", Path.Combine("eval", "documents"), "shipments" }
            .SelectMany(d => Directory.EnumerateFiles(Path.Combine(TestPaths.Samples, d), "*", SearchOption.AllDirectories))
            .Where(f => Path.GetExtension(f) is ".xml" or ".pdf" or ".png" or ".jpg" or ".tif" or ".edi")
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.True(files.Count >= 40, $"only {files.Count} sample files found");

        var values = new HashSet<string>(StringComparer.Ordinal);
        var results = 0;
        await Parallel.ForEachAsync(files, new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (file, ct) =>
        {
            await using var stream = File.OpenRead(file);
            var outcome = await pipeline.ProcessAsync(stream, new DocumentRef("incoming/" + Path.GetFileName(file)), ct);
            Interlocked.Increment(ref results);
            lock (values) foreach (var v in Sensitive(outcome.Result)) values.Add(v);
        });

        Assert.Equal(files.Count, results);
        Assert.True(values.Count > 200, $"only {values.Count} distinct values were extracted: the test would prove little");
        Assert.NotEmpty(logs.Lines);
        var leaks = (from line in logs.Lines
                     from value in values
                     where line.Contains(value, StringComparison.OrdinalIgnoreCase)
                     select $"'{value}' in: {line}").Take(10).ToList();
        Assert.True(leaks.Count == 0, "extracted values in logs:\n" + string.Join("\n", leaks));
    }

    /// <summary>Every field value worth hiding: names, addresses, numbers, amounts. Too-short tokens (codes like "US") are left out, as they also occur in ids and counts.</summary>
    private static IEnumerable<string> Sensitive(CustomsResult result)
    {
        var fields = result.Fields.Values.Concat(result.Lines.SelectMany(l => l.Values));
        foreach (var field in fields)
        {
            var text = field.Value switch
            {
                null => null,
                decimal d => d.ToString(CultureInfo.InvariantCulture),
                double d => d.ToString(CultureInfo.InvariantCulture),
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                var o => o.ToString(),
            };
            if (string.IsNullOrWhiteSpace(text)) continue;
            text = text.Trim();
            var numeric = text.All(c => char.IsDigit(c) || c is '.' or '-');
            // Numbers: with a decimal point or six and more digits (elapsed milliseconds and counts are shorter integers).
            if (numeric ? (text.Contains('.', StringComparison.Ordinal) && text.Length >= 4) || text.Length >= 6 : text.Length >= 5)
                yield return text;
        }
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose() { }

        private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull
            {
                owner.Lines.Enqueue($"{category} scope: {state}");
                return null;
            }

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var values = state is IEnumerable<KeyValuePair<string, object?>> kv ? string.Join(" ", kv.Where(p => p.Key != "ElapsedMs").Select(p => $"{p.Key}={p.Value}")) : string.Empty;
                owner.Lines.Enqueue($"{category} [{eventId.Id}] {formatter(state, exception)} {values} {exception}");
            }
        }
    }

    private sealed class NullPublisher : IResultPublisher
    {
        public Task PublishAsync(ResultMessage message, bool toReviewQueue, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class NullAudit : IAuditLog
    {
        public Task AppendAsync(AuditRecord record, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
