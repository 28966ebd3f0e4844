using CustomsFn.Core.Foundation;
using CustomsFn.Core.Shipments;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using static CustomsFn.Api.ApiResponses;

namespace CustomsFn.Api;

/// <summary>
/// <c>/api/shipments</c>: the stored shipment results (newest first, by verdict, or the one a document belongs to) and one
/// shipment with links to its documents' results. The hosts only route here; authorization is theirs, as for results.
/// </summary>
public sealed class ShipmentsApi(IShipmentStore shipments, IShipmentCatalog catalog, IResultStore results, IOptions<ApiOptions> options,
    IOptions<ShipmentOptions> shipmentOptions)
{
    public const string Route = "/api/shipments/";

    /// <summary>Most shipments one list request looks at (it says when it stopped there).</summary>
    public const int MaxListed = 20_000;

    private const int ParallelReads = 8;

    // ---- GET /api/shipments?verdict=&documentId=&page=&pageSize= ---------------------------------------------------------

    public async Task<IResult> ListShipmentsAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var q = new QueryReader(request.Query);
        var verdictText = q.Text("verdict", 20);
        var verdict = ShipmentVerdicts.Parse(verdictText);
        if (verdictText is not null && verdict is null) q.Errors["verdict"] = ["verdict is consistent, needs-review, inconsistent or incomplete."];
        var documentId = q.Text("documentId", 64);
        if (documentId is not null && !IsDocumentId(documentId)) q.Errors["documentId"] = ["A document id is 64 lower-case hex digits (the SHA-256 of the upload)."];
        var page = q.Int("page", 1, 1, 100_000);
        var pageSize = q.Int("pageSize", options.Value.PageSize, 1, 200);
        q.AllowOnly("verdict", "documentId", "page", "pageSize", "code");
        if (q.Errors.Count > 0) return Validation(q.Errors);

        if (documentId is not null) return await OfDocumentAsync(documentId, verdict, page, pageSize, cancellationToken).ConfigureAwait(false);

        var entries = new List<ShipmentEntry>();
        var truncated = false;
        await foreach (var entry in catalog.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (entries.Count == MaxListed) { truncated = true; break; }
            entries.Add(entry);
        }
        // A result stored without its verdict beside it (none written by this version) is read to learn it.
        var unknown = entries.Where(e => e.Verdict is null).ToList();
        var read = await ReadAsync(unknown.Select(e => e.ShipmentId), cancellationToken).ConfigureAwait(false);
        var known = entries.Where(e => e.Verdict is not null)
            .Concat(read.Select(r => new ShipmentEntry(r.ShipmentId, r.UpdatedAt, r.Verdict))).ToList();

        var counts = Enum.GetValues<ShipmentVerdict>().ToDictionary(ShipmentVerdicts.Text, _ => 0, StringComparer.Ordinal);
        foreach (var e in known) counts[ShipmentVerdicts.Text(e.Verdict!.Value)]++;
        var filtered = known.Where(e => verdict is null || e.Verdict == verdict)
            .OrderByDescending(e => e.UpdatedAt).ThenBy(e => e.ShipmentId, StringComparer.Ordinal).ToList();
        var pageIds = filtered.Skip((page - 1) * pageSize).Take(pageSize).Select(e => e.ShipmentId).ToList();
        var byId = (await ReadAsync(pageIds, cancellationToken).ConfigureAwait(false)).ToDictionary(r => r.ShipmentId, StringComparer.Ordinal);
        return Json(new ShipmentPage
        {
            Page = page, PageSize = pageSize, Total = filtered.Count, Counts = counts, Truncated = truncated,
            // A shipment merged into another between listing and reading is gone: it is left out of the page.
            Items = pageIds.Where(byId.ContainsKey).Select(id => ShipmentSummary.From(byId[id])).ToList(),
        });
    }

    /// <summary>The shipment a document belongs to, as a list of one (or none: a credit note, or a document in no shipment).</summary>
    private async Task<IResult> OfDocumentAsync(string documentId, ShipmentVerdict? verdict, int page, int pageSize, CancellationToken cancellationToken)
    {
        var stored = await results.GetAsync(documentId, cancellationToken).ConfigureAwait(false);
        if (stored is null) return NoResult(documentId);
        var pool = await shipments.GetPoolAsync(cancellationToken).ConfigureAwait(false);
        ShipmentResult? found = null;
        foreach (var candidate in new ShipmentLocator(shipmentOptions.Value).Candidates(stored.Result, pool?.Pool))
        {
            var shipment = await shipments.GetAsync(candidate, cancellationToken).ConfigureAwait(false);
            if (shipment is not null && shipment.Result.Documents.Any(d => d.DocumentId == documentId)) { found = shipment.Result; break; }
        }
        var counts = Enum.GetValues<ShipmentVerdict>().ToDictionary(ShipmentVerdicts.Text, v => found?.Verdict == v ? 1 : 0, StringComparer.Ordinal);
        var items = found is not null && (verdict is null || found.Verdict == verdict) ? [ShipmentSummary.From(found)] : new List<ShipmentSummary>();
        return Json(new ShipmentPage { Page = page, PageSize = pageSize, Total = items.Count, Counts = counts, Items = page == 1 ? items : [] });
    }

    // ---- GET /api/shipments/{shipmentId} -------------------------------------------------------------------------------

    public async Task<IResult> GetShipmentAsync(string shipmentId, CancellationToken cancellationToken)
    {
        if (!IsShipmentId(shipmentId)) return BadShipmentId(shipmentId);
        var stored = await shipments.GetAsync(shipmentId, cancellationToken).ConfigureAwait(false);
        return stored is null
            ? Problem(404, "not-found", "No such shipment",
                $"There is no shipment {shipmentId} (none named so, not reconciled yet, or merged into another).")
            : Json(ShipmentDetail.From(stored.Result));
    }

    public static bool IsShipmentId(string? id) => id is not null && ShipmentNames.Sanitize(id) == id;

    private static IResult BadShipmentId(string? id) =>
        Validation(new Dictionary<string, string[]>
        {
            ["shipmentId"] = [$"A shipment id is letters, digits, '.', '_' and '-' (at most {ShipmentNames.MaxIdLength}), starting with a letter or digit; '{Shorten(id)}' is not one."],
        });

    private async Task<List<ShipmentResult>> ReadAsync(IEnumerable<string> ids, CancellationToken cancellationToken)
    {
        var list = ids.ToList();
        var read = new ShipmentResult?[list.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, list.Count), new ParallelOptions { MaxDegreeOfParallelism = ParallelReads, CancellationToken = cancellationToken },
            async (i, ct) => read[i] = (await shipments.GetAsync(list[i], ct).ConfigureAwait(false))?.Result).ConfigureAwait(false);
        return read.Where(r => r is not null).Select(r => r!).ToList();
    }
}
