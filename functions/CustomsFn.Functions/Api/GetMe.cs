using CustomsFn.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CustomsFn.Functions.Api;

/// <summary><c>GET /api/me</c>: the signed-in principal (App Service authentication), its roles, whether it may review, where to sign in.</summary>
public sealed class GetMe(IdentityApi api)
{
    [Function(nameof(GetMe))]
    public IActionResult Run([HttpTrigger(AuthorizationLevel.Function, "get", Route = "me")] HttpRequest request) => api.Me(request).AsAction();
}
