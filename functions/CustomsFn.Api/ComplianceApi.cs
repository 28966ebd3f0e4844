using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using CustomsFn.Core.Contract;
using CustomsFn.Core.Pipeline;
using CustomsFn.Core.Sniffing;
using CustomsFn.Infrastructure.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CustomsFn.Api;

/// <summary>
/// The compliance API's handlers, shared by the Functions app (HTTP triggers) and the local host (minimal API routes):
/// the hosts only route here. Authorization is the host's (function keys in Azure, the API key on the local host);
/// everything else, validation and ProblemDetails errors included, happens here.
/// </summary>
public sealed partial class ComplianceApi
{
    public const string ProblemBase = "https://customsfn.dev/problems/";
    private const int MaxReviewBodyBytes = 16 * 1024;
    private const int MaxReasonLength = 2000;
    private const int MaxReviewerLength = 200;

    private readonly StorageClients _storage;
    private readonly IResultStore _results;
    private readonly IAuditLog _audit;
    private readonly IAuditQuery _auditQuery;
    private readonly IResultPublisher _publisher;
    private readonly PipelineOptions _pipeline;
    private readonly ApiOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public ComplianceApi(StorageClients storage, IResultStore results, IAuditLog audit, IAuditQuery auditQuery, IResultPublisher publisher,
        IOptions<PipelineOptions> pipeline, IOptions<ApiOptions> options, TimeProvider time, ILogger<ComplianceApi> logger)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(options);
        _storage = storage;
        _results = results;
        _audit = audit;
        _auditQuery = auditQuery;
        _publisher = publisher;
        _pipeline = pipeline.Value;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    // ---- GET /api/results/{documentId} ------------------------------------------------------------------------------

    /// <summary>The stored result, byte for byte as written once by the pipeline (reviews never change it).</summary>
    public async Task<IResult> GetResultAsync(string documentId, CancellationToken cancellationToken)
    {
        if (!IsDocumentId(documentId)) return BadDocumentId(documentId);
        try
        {
            var download = await ResultsContainer().GetBlobClient(StorageNames.ResultBlobName(documentId))
                .DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return Results.Bytes(download.Value.Content.ToArray(), "application/json; charset=utf-8");
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return NoResult(documentId);
        }
    }

    // ---- GET /api/results?from=&to=&status=&seller=&hsCode=&page=&pageSize= -----------------------------------------

    public async Task<IResult> ListResultsAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var q = new QueryReader(request.Query);
        var (from, to) = q.Range(Today(), _options.MaxRangeDays);
        var status = q.Status("status");
        var seller = q.Text("seller", AuditKeys.MaxSellerKeyLength);
        var hsCode = q.HsCode("hsCode");
        var page = q.Int("page", 1, 1, 100_000);
        var pageSize = q.Int("pageSize", _options.PageSize, 1, 200);
        q.AllowOnly("from", "to", "status", "seller", "hsCode", "page", "pageSize", "code");
        if (q.Errors.Count > 0) return Validation(q.Errors);

        var (summaries, truncated) = await SummariesAsync(from, to, seller, hsCode, cancellationToken).ConfigureAwait(false);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal) { ["accepted"] = 0, ["needs-review"] = 0, ["rejected"] = 0 };
        foreach (var s in summaries) counts[StatusNames.Text(s.Status)]++;
        var filtered = summaries.Where(s => status is null || s.Status == status)
            .OrderByDescending(s => s.ProcessedAt).ThenBy(s => s.DocumentId, StringComparer.Ordinal).ToList();
        return Json(new ResultPage
        {
            From = Day(from), To = Day(to), Page = page, PageSize = pageSize, Total = filtered.Count, Counts = counts, Truncated = truncated,
            Items = filtered.Skip((page - 1) * pageSize).Take(pageSize).ToList(),
        });
    }

    private async Task<(List<ResultSummary> Items, bool Truncated)> SummariesAsync(DateOnly from, DateOnly to, string? seller, string? hsCode,
        CancellationToken cancellationToken)
    {
        var max = _options.MaxRecords;
        var processed = new Dictionary<string, AuditRecord>(StringComparer.Ordinal);
        var count = 0;
        await foreach (var record in _auditQuery.QueryAsync(new AuditQuery { From = from, To = to, Seller = seller, HsCode = hsCode, Max = max },
            cancellationToken).ConfigureAwait(false))
        {
            count++;
            if (record.Kind is AuditKinds.Processed or AuditKinds.Poison && record.Status is not null) processed.TryAdd(record.DocumentId, record);
        }
        // Reviews come later than processing: read them up to today.
        var reviews = new Dictionary<string, List<AuditRecord>>(StringComparer.Ordinal);
        var reviewTo = Max(to, Today());
        await foreach (var record in _auditQuery.QueryAsync(new AuditQuery { From = from, To = reviewTo, Kind = AuditKinds.Review, Seller = seller, HsCode = hsCode, Max = max },
            cancellationToken).ConfigureAwait(false))
        {
            count++;
            if (!processed.ContainsKey(record.DocumentId)) continue;
            if (!reviews.TryGetValue(record.DocumentId, out var list)) reviews[record.DocumentId] = list = [];
            list.Add(record);
        }
        var items = processed.Values.Select(p =>
        {
            var docReviews = reviews.GetValueOrDefault(p.DocumentId) ?? [];
            var last = docReviews.Count > 0 ? docReviews[^1] : null;
            return new ResultSummary
            {
                DocumentId = p.DocumentId, SourceName = p.SourceName, ProcessedAt = p.At, ProcessedStatus = p.Status!.Value,
                Status = last?.Status ?? p.Status!.Value, Format = p.Format, FindingCounts = p.FindingCounts, RuleIds = p.RuleIds,
                HsCodes = p.HsCodes, SellerKey = p.SellerKey, Version = 1 + docReviews.Count, Reviewer = last?.Reviewer,
            };
        }).ToList();
        return (items, count >= max);
    }

    // ---- GET /api/results/{documentId}/audit -------------------------------------------------------------------------

    public async Task<IResult> GetHistoryAsync(string documentId, CancellationToken cancellationToken)
    {
        if (!IsDocumentId(documentId)) return BadDocumentId(documentId);
        var stored = await _results.GetAsync(documentId, cancellationToken).ConfigureAwait(false);
        if (stored is null) return NoResult(documentId);
        return Json(await HistoryAsync(stored.Result, cancellationToken).ConfigureAwait(false));
    }

    private async Task<DocumentHistory> HistoryAsync(CustomsResult result, CancellationToken cancellationToken)
    {
        var from = DateOnly.FromDateTime(result.ProcessedAt.UtcDateTime).AddDays(-1);
        var records = new List<AuditRecord>();
        await foreach (var record in _auditQuery.QueryAsync(new AuditQuery { From = from, To = Max(from, Today()), DocumentId = result.DocumentId, Max = _options.MaxRecords },
            cancellationToken).ConfigureAwait(false))
        {
            records.Add(record);
        }
        records.Sort((a, b) => a.At.CompareTo(b.At));
        var reviews = records.Where(r => r.Kind == AuditKinds.Review && r.Status is not null).ToList();
        return new DocumentHistory
        {
            DocumentId = result.DocumentId,
            ProcessedStatus = result.Status,
            Status = reviews.Count > 0 ? reviews[^1].Status!.Value : result.Status,
            Version = 1 + reviews.Count,
            Records = records,
        };
    }

    // ---- GET /api/results/{documentId}/source ------------------------------------------------------------------------

    /// <summary>
    /// Streams the original upload from <c>incoming</c>, after checking that the blob still holds the bytes that were
    /// processed (its SHA-256 is the document id): an upload replaced under the same name is not passed off as the source.
    /// </summary>
    public async Task<IResult> GetSourceAsync(HttpContext context, string documentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!IsDocumentId(documentId)) return BadDocumentId(documentId);
        var stored = await _results.GetAsync(documentId, cancellationToken).ConfigureAwait(false);
        if (stored is null) return NoResult(documentId);
        var source = stored.Result.Source;
        // An upload over the size limit was not read to the end, so its id is not the hash of its bytes: nothing can be
        // checked against it, and it is not served.
        if (stored.Result.Findings.Any(f => f.Rule == InputCodes.TooLarge))
            return Problem(404, "source-unavailable", "Source over the size limit",
                "The upload was over the size limit and was not read to the end: its bytes cannot be checked against this result, so they are not served.");
        var prefix = StorageNames.IncomingContainer + "/";
        if (!source.Name.StartsWith(prefix, StringComparison.Ordinal))
            return Problem(404, "source-unavailable", "Source not stored", "The result was not produced from an upload to the incoming container.");
        var blob = _storage.Blobs().GetBlobContainerClient(StorageNames.IncomingContainer).GetBlobClient(source.Name[prefix.Length..]);
        try
        {
            var properties = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
            var conditions = new BlobRequestConditions { IfMatch = properties.ETag };
            if (properties.ContentLength == source.SizeBytes)
            {
                var check = await blob.DownloadStreamingAsync(new BlobDownloadOptions { Conditions = conditions }, cancellationToken).ConfigureAwait(false);
                string id;
                await using (check.Value.Content.ConfigureAwait(false))
                {
                    id = await Sha256HexAsync(check.Value.Content, cancellationToken).ConfigureAwait(false);
                }
                if (id == documentId)
                {
                    var download = await blob.DownloadStreamingAsync(new BlobDownloadOptions { Conditions = conditions }, cancellationToken).ConfigureAwait(false);
                    var headers = context.Response.Headers;
                    headers["X-Content-Type-Options"] = "nosniff";
                    headers["Content-Security-Policy"] = "sandbox; default-src 'none'";
                    headers.ContentDisposition = "inline; filename=\"" + SafeFileName(source.Name) + "\"";
                    context.Response.ContentLength = source.SizeBytes;
                    return Results.Stream(download.Value.Content, SafeMediaType(source.MediaType));
                }
            }
            return Problem(404, "source-unavailable", "Source replaced",
                "The upload under this name no longer holds the processed bytes (it was replaced); the result stays valid for the original.");
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return Problem(404, "source-unavailable", "Source gone",
                "The upload is no longer in the incoming container (removed by the retention policy or by its owner).");
        }
    }

    /// <summary>The document id of a whole upload (SHA-256 of its bytes), hashed as it streams, nothing kept.</summary>
    private static async Task<string> Sha256HexAsync(Stream content, CancellationToken cancellationToken)
    {
        using var sha = System.Security.Cryptography.SHA256.Create();
        var hash = await sha.ComputeHashAsync(content, cancellationToken).ConfigureAwait(false);
        return Convert.ToHexStringLower(hash);
    }

    private static string SafeFileName(string name)
    {
        var leaf = name[(name.LastIndexOf('/') + 1)..];
        var clean = new string(leaf.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_').ToArray());
        return clean.Length == 0 ? "source" : clean;
    }

    private static string SafeMediaType(string mediaType) =>
        mediaType is "application/pdf" or "image/png" or "image/jpeg" or "image/tiff" or "application/xml" or "application/edifact"
            ? mediaType : "application/octet-stream";

    // ---- POST /api/results/{documentId}/review -----------------------------------------------------------------------

    /// <summary>
    /// Records a reviewer's decision as a new version: an append-only audit record of kind "review" (who, why, the decision)
    /// and a <c>customsfn.message/v1</c> with reason "review" on customs-results. The result blob is never touched.
    /// </summary>
    public async Task<IResult> ReviewAsync(HttpRequest request, string documentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!IsDocumentId(documentId)) return BadDocumentId(documentId);
        if (request.ContentLength > MaxReviewBodyBytes)
            return Problem(413, "too-large", "Review too large", $"A review body is at most {MaxReviewBodyBytes} bytes.");
        JObject body;
        try
        {
            var text = await ReadTextAsync(request.Body, MaxReviewBodyBytes, cancellationToken).ConfigureAwait(false);
            if (text is null) return Problem(413, "too-large", "Review too large", $"A review body is at most {MaxReviewBodyBytes} bytes.");
            body = JToken.Parse(text) as JObject ?? throw new JsonReaderException("The body is not a JSON object.");
        }
        catch (JsonReaderException ex)
        {
            return Problem(400, "malformed-body", "Malformed body",
                "The body must be a JSON object { \"decision\": \"accepted\" | \"rejected\", \"reason\": \"...\", \"reviewer\": \"...\" }: " + ex.Message);
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var decision = StatusNames.Parse(Str(body, "decision"));
        if (decision is not (ResultStatus.Accepted or ResultStatus.Rejected)) errors["decision"] = ["decision is \"accepted\" or \"rejected\"."];
        var reason = Clean(Str(body, "reason"));
        if (string.IsNullOrEmpty(reason)) errors["reason"] = ["A review requires a reason."];
        else if (reason.Length > MaxReasonLength) errors["reason"] = [$"The reason is at most {MaxReasonLength} characters."];
        var principal = _options.TrustClientPrincipal
            ? ClientPrincipal.Name(request.Headers[ClientPrincipal.Header], request.Headers[ClientPrincipal.NameHeader])
            : null;
        var reviewer = Clean(principal ?? Str(body, "reviewer"));
        if (string.IsNullOrEmpty(reviewer)) errors["reviewer"] = ["A review names its reviewer (or signs in, where the platform authenticates)."];
        else if (reviewer.Length > MaxReviewerLength) errors["reviewer"] = [$"The reviewer is at most {MaxReviewerLength} characters."];
        foreach (var p in body.Properties().Where(p => p.Name is not ("decision" or "reason" or "reviewer")))
            errors[p.Name] = ["Unknown property."];
        if (errors.Count > 0) return Validation(errors);

        var stored = await _results.GetAsync(documentId, cancellationToken).ConfigureAwait(false);
        if (stored is null) return NoResult(documentId);
        var result = stored.Result;
        var before = await HistoryAsync(result, cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        await _audit.AppendAsync(new AuditRecord
        {
            Kind = AuditKinds.Review,
            DocumentId = documentId,
            SourceName = result.Source.Name,
            At = now,
            Format = result.Format,
            Extractor = result.Extractor is { } e ? $"{e.Name}/{e.Version}" : null,
            Ruleset = result.Versions.Ruleset,
            Tariffs = result.Versions.Tariffs,
            Status = decision,
            FindingCounts = FindingCounts.Of(result.Findings),
            RuleIds = result.Findings.Select(f => f.Rule).Distinct().Order(StringComparer.Ordinal).ToList(),
            Reviewer = reviewer,
            Reason = reason,
            SellerKey = AuditKeys.SellerKey(result.Fields.GetText(Core.Model.FieldNames.SellerName)),
            HsCodes = AuditKeys.HsCodes(result),
        }, cancellationToken).ConfigureAwait(false);
        // Recorded first (the trail is what compliance relies on), then announced: the human has decided, so customs-results only.
        await _publisher.PublishAsync(ResultMessage.For(result) with { Status = decision!.Value, Reason = "review", ProcessedAt = now },
            toReviewQueue: false, cancellationToken).ConfigureAwait(false);
        LogReviewed(_logger, documentId, StatusNames.Text(decision.Value), before.Version + 1);
        request.HttpContext.Response.Headers.Location = $"/api/results/{documentId}/audit";
        return Json(new ReviewOutcome
        {
            DocumentId = documentId, Version = before.Version + 1, Status = decision.Value, PreviousStatus = before.Status,
            Reviewer = reviewer!, Reason = reason!, ReviewedAt = now,
        }, StatusCodes.Status201Created);
    }

    private static string? Str(JObject body, string name) => body[name] is JValue { Type: JTokenType.String } v ? (string?)v : null;

    /// <summary>Trimmed, with control and bidirectional-override characters removed (they could disguise a reason in the trail).</summary>
    internal static string? Clean(string? s) =>
        s is null ? null : new string(s.Where(c => !char.IsControl(c) && c is not ('\u202A' or '\u202B' or '\u202C' or '\u202D' or '\u202E'
            or '\u2066' or '\u2067' or '\u2068' or '\u2069' or '\u200E' or '\u200F')).ToArray()).Trim();

    // ---- GET /api/export.csv?from=&to= -------------------------------------------------------------------------------

    /// <summary>The audit trail of a day range as CSV: one row per record (processing, duplicate, poison, review).</summary>
    public IResult ExportCsv(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var q = new QueryReader(request.Query);
        var (from, to) = q.Range(Today(), _options.MaxRangeDays);
        q.AllowOnly("from", "to", "code");
        if (q.Errors.Count > 0) return Validation(q.Errors);
        var query = new AuditQuery { From = from, To = to, Max = _options.MaxRecords };
        return Results.Stream(stream => AuditCsv.WriteAsync(_auditQuery.QueryAsync(query, request.HttpContext.RequestAborted), stream, request.HttpContext.RequestAborted),
            "text/csv; charset=utf-8", $"customsfn-audit-{Day(from)}-{Day(to)}.csv");
    }

    // ---- POST /api/documents?name=&destination= ----------------------------------------------------------------------

    /// <summary>
    /// Uploads a document into <c>incoming</c> for users without storage tools: the raw body is the file. At most
    /// <see cref="PipelineOptions.MaxUploadBytes"/> (413 above), and only what the sniffer recognises by its bytes (415 otherwise).
    /// </summary>
    public async Task<IResult> UploadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var q = new QueryReader(request.Query);
        var name = q.Text("name", 200);
        if (name is null) q.Errors["name"] = ["The file name is required (?name=invoice.pdf)."];
        else if (!FileNamePattern().IsMatch(name)) q.Errors["name"] = ["A file name is letters, digits, '.', '-', '_' and spaces (at most 200), starting with a letter or digit."];
        var destination = q.Text("destination", 2);
        if (destination is not null && !CountryPattern().IsMatch(destination)) q.Errors["destination"] = ["destination is an ISO 3166-1 alpha-2 code (e.g. US)."];
        q.AllowOnly("name", "destination", "code");
        if (q.Errors.Count > 0) return Validation(q.Errors);

        var max = _pipeline.MaxUploadBytes;
        if (request.ContentLength > max) return TooLarge(max);
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = max + 1;
        var bytes = await ReadBytesAsync(request.Body, max, cancellationToken).ConfigureAwait(false);
        if (bytes is null) return TooLarge(max);
        if (bytes.Length == 0) return Problem(400, "empty-upload", "Empty upload", "The body is the document's bytes; it was empty.");

        string format;
        string mediaType;
        try
        {
            var sniff = DocumentSniffer.Sniff(bytes, _pipeline.Xml);
            (format, mediaType) = (sniff.Format, sniff.MediaType);
        }
        catch (DocumentRejectedException ex) when (ex.Code is InputCodes.UnsupportedFormat or InputCodes.UnsupportedDocument or InputCodes.Empty)
        {
            return Problem(415, "unsupported-type", "Unsupported document type", ex.Message, new() { ["code"] = ex.Code });
        }
        catch (DocumentRejectedException)
        {
            // Recognised but defective (malformed XML, a DTD, ...): accepted, so that it gets a rejected result that says what is wrong.
            (format, mediaType) = ("unknown", "application/octet-stream");
        }

        var upload = UploadContent.FromBytes(bytes);
        var blobName = $"api/{upload.DocumentId[..16]}/{name}";
        var metadata = new Dictionary<string, string> { ["uploadedVia"] = "api" };
        if (destination is not null) metadata[StorageNames.DestinationMetadata] = destination;
        try
        {
            await _storage.Blobs().GetBlobContainerClient(StorageNames.IncomingContainer).GetBlobClient(blobName).UploadAsync(BinaryData.FromBytes(bytes),
                new BlobUploadOptions
                {
                    Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                    HttpHeaders = new BlobHttpHeaders { ContentType = mediaType },
                    Metadata = metadata,
                }, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // The same bytes under the same name were uploaded before: nothing new to store.
        }
        LogUploaded(_logger, upload.DocumentId, bytes.Length);
        request.HttpContext.Response.Headers.Location = $"/api/results/{upload.DocumentId}";
        return Json(new UploadAccepted
        {
            DocumentId = upload.DocumentId, Blob = $"{StorageNames.IncomingContainer}/{blobName}", Format = format, SizeBytes = bytes.Length,
            Result = $"/api/results/{upload.DocumentId}",
        }, StatusCodes.Status202Accepted);
    }

    private static IResult TooLarge(long max) =>
        Problem(413, "too-large", "Upload too large", $"An upload is at most {max} bytes.", new() { ["maxBytes"] = max });

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._ -]{0,199}$")]
    private static partial Regex FileNamePattern();

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex CountryPattern();

    // ---- helpers -----------------------------------------------------------------------------------------------------

    private BlobContainerClient ResultsContainer() => _storage.Blobs().GetBlobContainerClient(StorageNames.ResultsContainer);

    private DateOnly Today() => DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    internal static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal static bool IsDocumentId(string? id) => id is { Length: 64 } && id.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    private static IResult BadDocumentId(string? id) =>
        Validation(new Dictionary<string, string[]> { ["documentId"] = [$"A document id is 64 lower-case hex digits (the SHA-256 of the upload), not '{Shorten(id)}'."] });

    private static string Shorten(string? s) => s is null ? "" : s.Length <= 80 ? s : s[..80] + "…";

    private static IResult NoResult(string documentId) =>
        Problem(404, "not-found", "No such result", $"There is no result for document {documentId} (not uploaded, or not processed yet).");

    internal static IResult Problem(int status, string slug, string title, string detail, Dictionary<string, object?>? extensions = null) =>
        Results.Problem(detail: detail, statusCode: status, title: title, type: ProblemBase + slug, extensions: extensions);

    internal static IResult Validation(IDictionary<string, string[]> errors) =>
        Results.ValidationProblem(errors, detail: "One or more inputs are not valid.", type: ProblemBase + "validation", title: "Invalid input");

    private static IResult Json(object value, int status = StatusCodes.Status200OK) =>
        Results.Text(ResultSerializer.Serialize(value), "application/json; charset=utf-8", Encoding.UTF8, status);

    /// <summary>The body as UTF-8 text, or null when it is longer than <paramref name="max"/> bytes.</summary>
    private static async Task<string?> ReadTextAsync(Stream body, int max, CancellationToken cancellationToken)
    {
        var bytes = await ReadBytesAsync(body, max, cancellationToken).ConfigureAwait(false);
        return bytes is null ? null : Encoding.UTF8.GetString(bytes);
    }

    /// <summary>The body's bytes, or null as soon as it is longer than <paramref name="max"/>.</summary>
    private static async Task<byte[]?> ReadBytesAsync(Stream body, long max, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + n > max) return null;
            buffer.Write(chunk, 0, n);
        }
        return buffer.ToArray();
    }

    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "Review of {DocumentId} recorded: {Decision}, version {Version}")]
    private static partial void LogReviewed(ILogger logger, string documentId, string decision, int version);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Upload {DocumentId} of {Bytes} bytes stored through the API")]
    private static partial void LogUploaded(ILogger logger, string documentId, int bytes);
}
