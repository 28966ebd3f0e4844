using CustomsFn.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Http;

namespace CustomsFn.Functions.Api;

/// <summary>
/// Runs a shared handler's <see cref="IResult"/> as the trigger's response (ASP.NET Core integration), with the API's
/// headers; no result stands for a storage outage (503).
/// </summary>
internal sealed class ApiResult(IResult? result) : IActionResult
{
    public Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.HttpContext.Response;
        ApiHeaders.Apply(response);
        return (result ?? StorageOutage.Problem(response)).ExecuteAsync(context.HttpContext);
    }
}
