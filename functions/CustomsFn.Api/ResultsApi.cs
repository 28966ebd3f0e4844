using CustomsFn.Core.Foundation;
using CustomsFn.Core.Pipeline;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using static CustomsFn.Api.ApiResponses;

namespace CustomsFn.Api;

/// <summary>
/// <c>/api/results</c>: one stored result, the list of results over a day range, and one document's audit history. The
/// hosts (HTTP triggers in Azure, minimal API routes locally) only route here; authorization is theirs.
/// </summary>
public sealed class ResultsApi(IResultStore results, AuditHistory history, IOptions<ApiOptions> options)
{
    // ---- GET /api/results/{documentId} ------------------------------------------------------------------------------

    /// <summary>The stored result, byte for byte as written once by the pipeline (reviews never change it).</summary>
    public async Task<IResult> GetResultAsync(string documentId, CancellationToken cancellationToken)
    {
        if (!IsDocumentId(documentId)) return BadDocumentId(documentId);
        var json = await results.GetJsonAsync(documentId, cancellationToken).ConfigureAwait(false);
        return json is null ? NoResult(documentId) : Results.Bytes(json, "application/json; charset=utf-8");
    }

    // ---- GET /api/results?from=&to=&status=&seller=&hsCode=&page=&pageSize= -----------------------------------------

    public async Task<IResult> ListResultsAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var q = new QueryReader(request.Query);
        var (from, to) = q.Range(history.Today(), options.Value.MaxRangeDays);
        var status = q.Status("status");
        var seller = q.Text("seller", AuditKeys.MaxSellerKeyLength);
        var hsCode = q.HsCode("hsCode");
        var page = q.Int("page", 1, 1, 100_000);
        var pageSize = q.Int("pageSize", options.Value.PageSize, 1, 200);
        q.AllowOnly("from", "to", "status", "seller", "hsCode", "page", "pageSize", "code");
        if (q.Errors.Count > 0) return Validation(q.Errors);

        var (summaries, truncated) = await history.SummariesAsync(from, to, seller, hsCode, cancellationToken).ConfigureAwait(false);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal) { ["accepted"] = 0, ["needs-review"] = 0, ["rejected"] = 0 };
        foreach (var s in summaries) counts[StatusNames.Text(s.Status)]++;
        var filtered = summaries.Where(s => status is null || s.Status == status)
            .OrderByDescending(s => s.ProcessedAt).ThenBy(s => s.DocumentId, StringComparer.Ordinal).ToList();
        return Json(new ResultPage
        {
            From = Day(from), To = Day(to), Page = page, PageSize = pageSize, Total = filtered.Count, Counts = counts, Truncated = truncated,
            Items = await WithDigestsAsync(filtered.Skip((page - 1) * pageSize).Take(pageSize).ToList(), cancellationToken).ConfigureAwait(false),
        });
    }

    /// <summary>The page's summaries with what their results say at a glance (names as written, type and number, value).</summary>
    private async Task<List<ResultSummary>> WithDigestsAsync(List<ResultSummary> items, CancellationToken cancellationToken)
    {
        var digested = new ResultSummary[items.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, items.Count), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (i, ct) => digested[i] = await results.GetAsync(items[i].DocumentId, ct).ConfigureAwait(false) is { } stored
                ? items[i] with { Document = ResultDigest.From(stored.Result) }
                : items[i]).ConfigureAwait(false);
        return [.. digested];
    }

    // ---- GET /api/results/{documentId}/audit -------------------------------------------------------------------------

    public async Task<IResult> GetHistoryAsync(string documentId, CancellationToken cancellationToken)
    {
        if (!IsDocumentId(documentId)) return BadDocumentId(documentId);
        var stored = await results.GetAsync(documentId, cancellationToken).ConfigureAwait(false);
        if (stored is null) return NoResult(documentId);
        return Json(await history.HistoryAsync(stored.Result, cancellationToken).ConfigureAwait(false));
    }
}
