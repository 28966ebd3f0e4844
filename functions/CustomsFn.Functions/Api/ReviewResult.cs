using CustomsFn.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CustomsFn.Functions.Api;

/// <summary><c>POST /api/results/{documentId}/review</c>: a reviewer's decision as a new version (reviewer from the App Service principal when signed in).</summary>
public sealed class ReviewResult(ReviewsApi api)
{
    [Function(nameof(ReviewResult))]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "results/{documentId}/review")] HttpRequest request, string documentId, CancellationToken cancellationToken) =>
        api.ReviewAsync(request, documentId, cancellationToken).AsActionAsync();
}
