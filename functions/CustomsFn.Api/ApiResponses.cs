using System.Globalization;
using System.Text;
using CustomsFn.Core.Contract;
using CustomsFn.Core.Foundation;
using Microsoft.AspNetCore.Http;

namespace CustomsFn.Api;

/// <summary>The compliance API's answers: JSON bodies and RFC 9457 problem details, and the input checks every resource shares.</summary>
public static class ApiResponses
{
    public const string ProblemBase = "https://customsfn.dev/problems/";

    public static IResult Problem(int status, string slug, string title, string detail, Dictionary<string, object?>? extensions = null) =>
        Results.Problem(detail: detail, statusCode: status, title: title, type: ProblemBase + slug, extensions: extensions);

    public static IResult Validation(IDictionary<string, string[]> errors) =>
        Results.ValidationProblem(errors, detail: "One or more inputs are not valid.", type: ProblemBase + "validation", title: "Invalid input");

    public static IResult Json(object value, int status = StatusCodes.Status200OK) =>
        Results.Text(ResultSerializer.Serialize(value), "application/json; charset=utf-8", Encoding.UTF8, status);

    public static IResult BadDocumentId(string? id) =>
        Validation(new Dictionary<string, string[]> { ["documentId"] = [$"A document id is 64 lower-case hex digits (the SHA-256 of the upload), not '{Shorten(id)}'."] });

    public static IResult NoResult(string documentId) =>
        Problem(404, "not-found", "No such result", $"There is no result for document {documentId} (not uploaded, or not processed yet).");

    public static bool IsDocumentId(string? id) => DocumentHash.IsDocumentId(id);

    public static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal static string Shorten(string? s) => s is null ? "" : s.Length <= 80 ? s : s[..80] + "…";
}
