using CustomsFn.Core.Contract;
using CustomsFn.Core.Foundation;
using Microsoft.AspNetCore.Http;
using static CustomsFn.Api.ApiResponses;

namespace CustomsFn.Api;

/// <summary><c>GET /api/results/{documentId}/source</c>: the original upload, when it still holds the processed bytes.</summary>
public sealed class SourceApi(IResultStore results, IUploadStore uploads)
{
    // ---- GET /api/results/{documentId}/source ------------------------------------------------------------------------

    /// <summary>
    /// Streams the original upload from <c>incoming</c>, after checking that the blob still holds the bytes that were
    /// processed (its SHA-256 is the document id): an upload replaced under the same name is not passed off as the source.
    /// </summary>
    public async Task<IResult> GetSourceAsync(HttpContext context, string documentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!IsDocumentId(documentId)) return BadDocumentId(documentId);
        var stored = await results.GetAsync(documentId, cancellationToken).ConfigureAwait(false);
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
        var upload = await uploads.OpenVerifiedAsync(source.Name[prefix.Length..], documentId, source.SizeBytes, cancellationToken).ConfigureAwait(false);
        switch (upload.State)
        {
            case UploadSourceState.Found:
                var headers = context.Response.Headers;
                headers["X-Content-Type-Options"] = "nosniff";
                headers["Content-Security-Policy"] = "sandbox; default-src 'none'";
                headers.ContentDisposition = "inline; filename=\"" + SafeFileName(source.Name) + "\"";
                context.Response.ContentLength = source.SizeBytes;
                return Results.Stream(upload.Content!, SafeMediaType(source.MediaType));
            case UploadSourceState.Replaced:
                return Problem(404, "source-unavailable", "Source replaced",
                    "The upload under this name no longer holds the processed bytes (it was replaced); the result stays valid for the original.");
            default:
                return Problem(404, "source-unavailable", "Source gone",
                    "The upload is no longer in the incoming container (removed by the retention policy or by its owner).");
        }
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
}
