using CustomsFn.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CustomsFn.Functions.Api;

/// <summary><c>POST /api/documents?name=&amp;destination=</c>: upload into incoming, with size and type limits.</summary>
public sealed class UploadDocument(UploadsApi api)
{
    [Function(nameof(UploadDocument))]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "documents")] HttpRequest request, CancellationToken cancellationToken) =>
        api.UploadAsync(request, cancellationToken).AsActionAsync();
}
