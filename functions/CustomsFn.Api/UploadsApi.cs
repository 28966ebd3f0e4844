using System.Text.RegularExpressions;
using CustomsFn.Core.Contract;
using CustomsFn.Core.Foundation;
using CustomsFn.Core.Pipeline;
using CustomsFn.Core.Shipments;
using CustomsFn.Core.Sniffing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using static CustomsFn.Api.ApiResponses;

namespace CustomsFn.Api;

/// <summary><c>POST /api/documents</c>: an upload into <c>incoming</c> for users without storage tools.</summary>
public sealed partial class UploadsApi(IUploadStore uploads, IOptions<PipelineOptions> pipeline, ILogger<UploadsApi> logger)
{
    // ---- POST /api/documents?name=&destination=&shipment= ----------------------------------------------------------------------

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
        // The shipment is what the uploader says; without it the upload joins a shipment only by its content (reference and
        // parties), never by the storage path the API chose for it.
        var shipmentText = q.Text("shipment", ShipmentNames.MaxIdLength);
        var shipment = ShipmentNames.Sanitize(shipmentText);
        if (shipmentText is not null && shipment != shipmentText.Trim())
            q.Errors["shipment"] = ["A shipment id is letters, digits, '.', '_' and '-' (at most 128), starting with a letter or digit."];
        q.AllowOnly("name", "destination", "shipment", "code");
        if (q.Errors.Count > 0) return Validation(q.Errors);

        var max = pipeline.Value.MaxUploadBytes;
        if (request.ContentLength > max) return TooLarge(max);
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = max + 1;
        var bytes = await RequestBody.ReadBytesAsync(request.Body, max, cancellationToken).ConfigureAwait(false);
        if (bytes is null) return TooLarge(max);
        if (bytes.Length == 0) return Problem(400, "empty-upload", "Empty upload", "The body is the document's bytes; it was empty.");

        string format;
        string mediaType;
        try
        {
            var sniff = DocumentSniffer.Sniff(bytes, pipeline.Value.Xml);
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
        var metadata = new Dictionary<string, string> { [StorageNames.UploadedViaMetadata] = StorageNames.UploadedViaApi };
        if (destination is not null) metadata[StorageNames.DestinationMetadata] = destination;
        if (shipment is not null) metadata[ShipmentNames.Metadata] = shipment;
        // The same bytes under the same name uploaded before: nothing new to store (TryCreate answers false).
        await uploads.TryCreateAsync(blobName, bytes, mediaType, metadata, cancellationToken).ConfigureAwait(false);
        LogUploaded(logger, upload.DocumentId, bytes.Length);
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

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Upload {DocumentId} of {Bytes} bytes stored through the API")]
    private static partial void LogUploaded(ILogger logger, string documentId, int bytes);
}
