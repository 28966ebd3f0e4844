using System.Globalization;
using CustomsFn.Core.Contract;
using CustomsFn.Core.Model;
using CustomsFn.Core.Shipments;
using Spectre.Console;

namespace CustomsFn.Cli.Commands;

/// <summary>
/// The shipment part of <c>customs process</c>: the documents of one folder (or of each first-level subfolder) form a
/// shipment when they include a packing list, declaration or certificate of origin; a folder of invoices alone is a
/// batch, not a shipment. A folder with several commercial invoices is a batch of shipments, grouped by the invoice
/// number the documents quote and then by seller and buyer, as uploads without a shipment path are. Writes DIR/&lt;shipment&gt;.shipment.json next to the document results.
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
            var results = group.Select(x => x.outcome.Result).ToList();
            if (results.Count(r => r.DocumentType == DocumentType.CommercialInvoice) > 1)
            {
                // Several commercial invoices in one folder: a batch of shipments, grouped as uploads without a shipment
                // path are (the invoice number quoted, then the same seller and buyer within the window).
                foreach (var found in new ShipmentGrouper().Group(results.Select(r => GroupingKeys.From(ShipmentDocument.From(r), r.ProcessedAt))))
                {
                    var members = results.Where(r => found.JoinedBy.ContainsKey(r.DocumentId)).ToList();
                    if (members.Count < 2 || !members.Any(r => ShipmentDocumentTypes.Contains(r.DocumentType))) continue;
                    written.Add(await WriteOneAsync(reconciler, found.ShipmentId, found.Grouping,
                        members.Select(r => new ShipmentMemberInput(ShipmentDocument.From(r), found.JoinedBy[r.DocumentId])), members, outDir, cancellationToken).ConfigureAwait(false));
                }
                continue;
            }
            var id = ShipmentNames.Sanitize(group.Key) ?? "shipment";
            var grouping = new ShipmentGrouping
            {
                Rule = GroupingRules.UploadPath,
                Key = id,
                Description = $"Documents in the folder {group.Key}.",
            };
            written.Add(await WriteOneAsync(reconciler, id, grouping,
                results.Select(r => new ShipmentMemberInput(ShipmentDocument.From(r), GroupingRules.UploadPath)), results, outDir, cancellationToken).ConfigureAwait(false));
        }
        return written;
    }

    private static async Task<ProcessedShipment> WriteOneAsync(ShipmentReconciler reconciler, string id, ShipmentGrouping grouping,
        IEnumerable<ShipmentMemberInput> members, IReadOnlyList<CustomsResult> results, string outDir, CancellationToken cancellationToken)
    {
        var result = reconciler.Reconcile(id, grouping, members, results.Max(r => r.ProcessedAt));
        var path = Path.Combine(outDir, $"{id}.shipment.json");
        await File.WriteAllBytesAsync(path, ResultSerializer.SerializeToUtf8(result), cancellationToken).ConfigureAwait(false);
        return new ProcessedShipment(path, result);
    }

    /// <summary>One line per shipment, fitted to <paramref name="width"/> columns (the terminal's).</summary>
    public static Table Table(IEnumerable<ProcessedShipment> shipments, int width)
    {
        var rows = new List<IReadOnlyList<FitCell>>();
        foreach (var s in shipments)
        {
            var r = s.Result;
            var first = r.Findings.OrderBy(f => f.Severity).FirstOrDefault();
            rows.Add(
            [
                r.ShipmentId,
                r.Documents.Count.ToString(CultureInfo.InvariantCulture),
                r.Verdict switch
                {
                    ShipmentVerdict.Consistent => new FitCell("consistent", "green"),
                    ShipmentVerdict.NeedsReview => new FitCell("needs-review", "yellow"),
                    ShipmentVerdict.Incomplete => new FitCell("incomplete", "grey"),
                    _ => new FitCell("inconsistent", "red"),
                },
                string.Create(CultureInfo.InvariantCulture, $"{r.FindingCounts.Error}/{r.FindingCounts.Warning}/{r.FindingCounts.Info}"),
                first is null ? "" : width >= Summary.WideWidth ? $"{first.Rule}: {first.Message}" : first.Rule,
            ]);
        }
        return FittedTable.Build([new("Shipment", 10), new("Documents"), new("Verdict"), new("E/W/I"), new("First finding", width >= Summary.WideWidth ? 20 : 0)], rows, width);
    }

    public static string Line(IReadOnlyCollection<ProcessedShipment> shipments)
    {
        var counts = shipments.GroupBy(s => s.Result.Verdict).ToDictionary(g => g.Key, g => g.Count());
        return $"{shipments.Count} shipments: {counts.GetValueOrDefault(ShipmentVerdict.Consistent)} consistent, {counts.GetValueOrDefault(ShipmentVerdict.NeedsReview)} needs-review, "
            + $"{counts.GetValueOrDefault(ShipmentVerdict.Inconsistent)} inconsistent, {counts.GetValueOrDefault(ShipmentVerdict.Incomplete)} incomplete.";
    }
}
