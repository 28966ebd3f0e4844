using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace CustomsFn.Core.Foundation;

/// <summary>
/// The pipeline's traces and metrics, under one name (<see cref="Name"/>) that a host subscribes to (the Functions app
/// exports them through OpenTelemetry; see docs/deployment.md, Telemetry). Tags carry only low-cardinality facts the
/// product decides (format, status, rejection code, extractor kind) and the document id (a content hash): never a value
/// read from a document, never an upload's name.
/// </summary>
public static class CustomsTelemetry
{
    /// <summary>The <see cref="ActivitySource"/> and <see cref="Meter"/> name.</summary>
    public const string Name = "CustomsFn";

    private static readonly string? Version = typeof(CustomsTelemetry).Assembly.GetName().Version?.ToString();

    public static readonly ActivitySource ActivitySource = new(Name, Version);

    public static readonly Meter Meter = new(Name, Version);

    /// <summary>Documents that got a result, tagged <c>format</c>, <c>status</c> and (when rejected) <c>code</c>.</summary>
    public static readonly Counter<long> DocumentsProcessed =
        Meter.CreateCounter<long>("customsfn.documents.processed", "{document}", "Documents that got a result, by format and status.");

    /// <summary>Sniffing, PDF reading and extraction of one document, tagged <c>format</c>.</summary>
    public static readonly Histogram<double> ExtractionDuration =
        Meter.CreateHistogram<double>("customsfn.extraction.duration", "s", "Time to read one document's fields (sniff, PDF read, extraction).");

    /// <summary>The rule engine on one document, tagged <c>format</c>.</summary>
    public static readonly Histogram<double> RulesDuration =
        Meter.CreateHistogram<double>("customsfn.rules.duration", "s", "Time the rules took on one document.");

    /// <summary>From the upload being stored to its processing starting (the trigger's queue lag).</summary>
    public static readonly Histogram<double> QueueLag =
        Meter.CreateHistogram<double>("customsfn.queue.lag", "s", "Time from an upload being stored to its processing starting.");

    // Tag names (OpenTelemetry semantic-convention style, product namespace).
    public const string FormatTag = "customsfn.format";
    public const string StatusTag = "customsfn.status";
    public const string CodeTag = "customsfn.rejection_code";
    public const string DocumentIdTag = "customsfn.document_id";

    /// <summary>Records a document's outcome on the counter and on the current activity.</summary>
    public static void RecordProcessed(Activity? activity, string documentId, string format, ResultStatus status, string? rejectionCode)
    {
        var statusText = status.ToString().ToLowerInvariant();
        var tags = new TagList { { FormatTag, format }, { StatusTag, statusText } };
        if (rejectionCode is not null) tags.Add(CodeTag, rejectionCode);
        DocumentsProcessed.Add(1, tags);
        if (activity is null) return;
        activity.SetTag(DocumentIdTag, documentId);
        activity.SetTag(FormatTag, format);
        activity.SetTag(StatusTag, statusText);
        if (rejectionCode is not null) activity.SetTag(CodeTag, rejectionCode);
    }
}
