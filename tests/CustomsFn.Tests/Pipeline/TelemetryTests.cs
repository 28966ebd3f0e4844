using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text;
using CustomsFn.Core;
using CustomsFn.Core.Contract;
using CustomsFn.Core.Foundation;

namespace CustomsFn.Tests.Pipeline;

/// <summary>
/// The pipeline's traces and metrics (<see cref="CustomsTelemetry"/>): one count per result by format and status, the
/// extraction and rule times, one activity per document; and no value read from a document in any tag. Measurements are
/// taken only from this test's own flow (an async-local flag), since other tests process documents at the same time.
/// </summary>
public sealed class TelemetryTests
{
    private static readonly AsyncLocal<bool> Mine = new();

    private sealed record Measurement(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags);

    private static async Task<(CustomsResult Result, List<Measurement> Measurements, List<Activity> Activities)> ProcessAsync(byte[] bytes, string name)
    {
        var measurements = new ConcurrentQueue<Measurement>();
        var activities = new ConcurrentQueue<Activity>();
        using var meters = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == CustomsTelemetry.Name) listener.EnableMeasurementEvents(instrument);
            },
        };
        void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            if (Mine.Value) measurements.Enqueue(new Measurement(instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value)));
        }
        meters.SetMeasurementEventCallback<long>((i, v, t, _) => Record(i, v, t));
        meters.SetMeasurementEventCallback<double>((i, v, t, _) => Record(i, v, t));
        meters.Start();
        using var traces = new ActivityListener
        {
            ShouldListenTo = s => s.Name == CustomsTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { if (Mine.Value) activities.Enqueue(a); },
        };
        ActivitySource.AddActivityListener(traces);

        Mine.Value = true;
        var result = await CustomsDefaults.CreateProcessor().ProcessAsync(new MemoryStream(bytes), new DocumentRef("incoming/" + name), CancellationToken.None);
        Mine.Value = false;
        return (result, measurements.ToList(), activities.ToList());
    }

    [Fact]
    public async Task ProcessedDocument_IsCounted_ByFormatAndStatus_WithItsTimes_AndTraced()
    {
        var bytes = await File.ReadAllBytesAsync(Path.Combine(TestPaths.RepoRoot, "samples", "documents", "ubl-invoice-de-us-clean.xml"));
        var (result, measurements, activities) = await ProcessAsync(bytes, "seller-invoice-4711.xml");

        Assert.NotEqual(ResultStatus.Rejected, result.Status);
        var counted = Assert.Single(measurements, m => m.Instrument == "customsfn.documents.processed");
        Assert.Equal(1, counted.Value);
        Assert.Equal("ubl", counted.Tags[CustomsTelemetry.FormatTag]);
        Assert.Equal(result.Status.ToString().ToLowerInvariant(), counted.Tags[CustomsTelemetry.StatusTag]);
        Assert.False(counted.Tags.ContainsKey(CustomsTelemetry.CodeTag));
        Assert.Single(measurements, m => m.Instrument == "customsfn.extraction.duration" && m.Value >= 0);
        Assert.Single(measurements, m => m.Instrument == "customsfn.rules.duration" && m.Value >= 0);

        var activity = Assert.Single(activities);
        Assert.Equal("customsfn.process_document", activity.OperationName);
        Assert.Equal(result.DocumentId, activity.GetTagItem(CustomsTelemetry.DocumentIdTag));
        Assert.Equal("ubl", activity.GetTagItem(CustomsTelemetry.FormatTag));
    }

    [Fact]
    public async Task RejectedDocument_IsCountedWithItsRejectionCode_AndNoRuleTime()
    {
        var (result, measurements, activities) = await ProcessAsync(Encoding.UTF8.GetBytes("not a document at all"), "x.bin");

        Assert.Equal(ResultStatus.Rejected, result.Status);
        var counted = Assert.Single(measurements, m => m.Instrument == "customsfn.documents.processed");
        Assert.Equal("rejected", counted.Tags[CustomsTelemetry.StatusTag]);
        Assert.Equal(result.Findings[0].Rule, counted.Tags[CustomsTelemetry.CodeTag]);
        Assert.DoesNotContain(measurements, m => m.Instrument == "customsfn.rules.duration");
        Assert.Equal(result.Findings[0].Rule, Assert.Single(activities).GetTagItem(CustomsTelemetry.CodeTag));
    }

    [Fact]
    public async Task NoTag_CarriesAValueReadFromTheDocument_OrTheUploadName()
    {
        var bytes = await File.ReadAllBytesAsync(Path.Combine(TestPaths.RepoRoot, "samples", "documents", "ubl-invoice-de-us-defects.xml"));
        const string name = "seller-invoice-4711.xml";
        var (result, measurements, activities) = await ProcessAsync(bytes, name);

        var values = result.Fields.Values.Select(f => Convert.ToString(f.Value, System.Globalization.CultureInfo.InvariantCulture))
            .Concat(result.Lines.SelectMany(l => l.Values).Select(f => Convert.ToString(f.Value, System.Globalization.CultureInfo.InvariantCulture)))
            .Where(v => v is { Length: >= 3 })
            .Append(name)
            .ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(values);
        var tagValues = measurements.SelectMany(m => m.Tags.Values)
            .Concat(activities.SelectMany(a => a.TagObjects.Select(t => t.Value)))
            .Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? "")
            .ToList();
        Assert.NotEmpty(tagValues);
        foreach (var tag in tagValues)
            Assert.DoesNotContain(tag, values);
    }
}
