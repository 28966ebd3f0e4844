using System.Globalization;
using CsvHelper;
using CustomsFn.Core.Foundation;

namespace CustomsFn.Api;

/// <summary>The audit trail as CSV (RFC 4180, UTF-8, header row), written with CsvHelper's <see cref="CsvWriter"/>.</summary>
public static class AuditCsv
{
    public static readonly IReadOnlyList<string> Columns =
    [
        "at", "kind", "documentId", "sourceName", "status", "errors", "warnings", "infos", "ruleIds", "hsCodes", "sellerKey",
        "reviewer", "reason", "format", "extractor", "ruleset", "tariffs",
    ];

    /// <summary>
    /// Writes the records. Cells that a spreadsheet would run as a formula (starting with =, +, -, @, tab or CR) are
    /// escaped: file names and review reasons come from users.
    /// </summary>
    public static async Task WriteAsync(IAsyncEnumerable<AuditRecord> records, Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        var writer = CsvWriter.Create(destination, new CsvWriterOptions { Injection = CsvInjection.Escape, NewLine = "\r\n" }, leaveOpen: true);
        await using (writer.ConfigureAwait(false))
        {
            writer.WriteHeader(Columns.ToArray());
            await foreach (var r in records.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                await writer.WriteRecordAsync(
                [
                    r.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                    r.Kind,
                    r.DocumentId,
                    r.SourceName,
                    r.Status is { } s ? StatusNames.Text(s) : null,
                    r.FindingCounts?.Error.ToString(CultureInfo.InvariantCulture),
                    r.FindingCounts?.Warning.ToString(CultureInfo.InvariantCulture),
                    r.FindingCounts?.Info.ToString(CultureInfo.InvariantCulture),
                    string.Join(' ', r.RuleIds),
                    string.Join(' ', r.HsCodes),
                    r.SellerKey,
                    r.Reviewer,
                    r.Reason,
                    r.Format,
                    r.Extractor,
                    r.Ruleset,
                    string.Join(' ', r.Tariffs),
                ], cancellationToken).ConfigureAwait(false);
            }
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
