using CustomsFn.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CustomsFn.Functions.Api;

/// <summary><c>GET /api/screen?name=&amp;country=&amp;type=</c>: a party screened against the sanctions and denied-party lists.</summary>
public sealed class ScreenParty
{
    [Function(nameof(ScreenParty))]
    public IActionResult Run([HttpTrigger(AuthorizationLevel.Function, "get", Route = "screen")] HttpRequest request) =>
        ScreenApi.Screen(request).AsAction();
}
