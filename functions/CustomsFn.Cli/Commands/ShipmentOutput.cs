using System.Globalization;
using CustomsFn.Core.Contract;
using CustomsFn.Core.Model;
using CustomsFn.Core.Shipments;
using Spectre.Console;

namespace CustomsFn.Cli.Commands;

internal sealed record ProcessedShipment(string OutputPath, ShipmentResult Result);

/// <summary>
/// The shipment part of <c>customs process</c>: the documents of one folder (or of each first-level subfolder) form a
/// shipment when they include a packing list, declaration or certificate of origin; a folder of invoices alone is a
/// batch, not a shipment. Writes DIR/&lt;shipment&gt;.shipment.json next to the document results.
/// </summary>
internal static class ShipmentOutput
{
    private static readonly HashSet<string> ShipmentDocumentTypes = new(StringComparer.Ordinal)
    {
        DocumentType.PackingList, DocumentType.CustomsDeclaration, DocumentType.CertificateOfOrigin,
    };

    public static async Task<IReadOnlyList<ProcessedShipment>> WriteAsync(IReadOnlyList<InputFile> inputs, ProcessedFile[] outcomes, string outDir, CancellationToken cancellationToken)
    {
        var reconciler = new ShipmentReconciler();
        var written = new List<ProcessedShipment>();
        var groups = inputs.Select((input, i) => (input, outcome: outcomes[i]))
            .Where(x => x.input.Shipment is not null)
            .GroupBy(x => x.input.Shipment!, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var group in groups)
        {
            if (!group.Any(x => ShipmentDocumentTypes.Contains(x.outcome.Result.DocumentType))) continue;
            var id = ShipmentNames.Sanitize(group.Key) ?? "shipment";
            var grouping = new ShipmentGrouping
            {
                Rule = GroupingRules.UploadPath,
                Key = id,
                Description = $"Documents in the folder {group.Key}.",
            };
            var members = group.Select(x => new ShipmentMemberInput(ShipmentDocument.From(x.outcome.Result), GroupingRules.UploadPath));
            var updatedAt = group.Max(x => x.outcome.Result.ProcessedAt);
            var result = reconciler.Reconcile(id, grouping, members, updatedAt);
            var path = Path.Combine(outDir, $"{id}.shipment.json");
            await File.WriteAllBytesAsync(path, ResultSerializer.SerializeToUtf8(result), cancellationToken).ConfigureAwait(false);
            written.Add(new ProcessedShipment(path, result));
        }
        return written;
    }

    public static Table Table(IEnumerable<ProcessedShipment> shipments)
    {
        var table = new Table().AddColumns("Shipment", "Documents", "Verdict", "Err", "Warn", "Info", "First finding");
        foreach (var s in shipments)
        {
            var r = s.Result;
            var first = r.Findings.OrderBy(f => f.Severity).FirstOrDefault();
            table.AddRow(
                Markup.Escape(r.ShipmentId),
                r.Documents.Count.ToString(CultureInfo.InvariantCulture),
                r.Verdict switch
                {
                    ShipmentVerdict.Consistent => "[green]consistent[/]",
                    ShipmentVerdict.NeedsReview => "[yellow]needs-review[/]",
                    ShipmentVerdict.Incomplete => "[grey]incomplete[/]",
                    _ => "[red]inconsistent[/]",
                },
                r.FindingCounts.Error.ToString(CultureInfo.InvariantCulture),
                r.FindingCounts.Warning.ToString(CultureInfo.InvariantCulture),
                r.FindingCounts.Info.ToString(CultureInfo.InvariantCulture),
                first is null ? "" : Markup.Escape($"{first.Rule}: {(first.Message.Length > 70 ? first.Message[..69] + "…" : first.Message)}"));
        }
        return table;
    }

    public static string Line(IReadOnlyCollection<ProcessedShipment> shipments)
    {
        var counts = shipments.GroupBy(s => s.Result.Verdict).ToDictionary(g => g.Key, g => g.Count());
        return $"{shipments.Count} shipments: {counts.GetValueOrDefault(ShipmentVerdict.Consistent)} consistent, {counts.GetValueOrDefault(ShipmentVerdict.NeedsReview)} needs-review, "
            + $"{counts.GetValueOrDefault(ShipmentVerdict.Inconsistent)} inconsistent, {counts.GetValueOrDefault(ShipmentVerdict.Incomplete)} incomplete.";
    }
}
