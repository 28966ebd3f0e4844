using CustomsFn.Core.Contract;
using CustomsFn.Core.Foundation;
using CustomsFn.Core.Pipeline;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using static CustomsFn.Api.ApiResponses;

namespace CustomsFn.Api;

/// <summary><c>POST /api/results/{documentId}/review</c>: a reviewer's decision, recorded as a new version of the result.</summary>
public sealed partial class ReviewsApi(IResultStore results, IAuditLog audit, IResultPublisher publisher, AuditHistory history,
    IOptions<ApiOptions> options, TimeProvider time, ILogger<ReviewsApi> logger)
{
    private const int MaxReviewBodyBytes = 16 * 1024;
    private const int MaxReasonLength = 2000;
    private const int MaxReviewerLength = 200;

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
            var text = await RequestBody.ReadTextAsync(request.Body, MaxReviewBodyBytes, cancellationToken).ConfigureAwait(false);
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
        // A signed-in reviewer is the principal (never the body's name) and needs the reviewer role.
        var signedIn = SignedInUser.From(request, options.Value);
        if (signedIn is not null && !signedIn.MayReview(options.Value))
            return Problem(403, "not-a-reviewer", "Not a reviewer",
                $"Recording a review needs the app role {options.Value.ReviewerRole}; {signedIn.Name} is signed in without it.");
        var principal = signedIn?.Name;
        var reviewer = Clean(principal ?? Str(body, "reviewer"));
        if (string.IsNullOrEmpty(reviewer)) errors["reviewer"] = ["A review names its reviewer (or signs in, where the platform authenticates)."];
        else if (reviewer.Length > MaxReviewerLength) errors["reviewer"] = [$"The reviewer is at most {MaxReviewerLength} characters."];
        foreach (var p in body.Properties().Where(p => p.Name is not ("decision" or "reason" or "reviewer")))
            errors[p.Name] = ["Unknown property."];
        if (errors.Count > 0) return Validation(errors);

        var stored = await results.GetAsync(documentId, cancellationToken).ConfigureAwait(false);
        if (stored is null) return NoResult(documentId);
        var result = stored.Result;
        var before = await history.HistoryAsync(result, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        await audit.AppendAsync(new AuditRecord
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
        await publisher.PublishAsync(ResultMessage.For(result) with { Status = decision!.Value, Reason = "review", ProcessedAt = now, Version = before.Version + 1 },
            toReviewQueue: false, cancellationToken).ConfigureAwait(false);
        LogReviewed(logger, documentId, StatusNames.Text(decision.Value), before.Version + 1);
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

    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "Review of {DocumentId} recorded: {Decision}, version {Version}")]
    private static partial void LogReviewed(ILogger logger, string documentId, string decision, int version);
}
