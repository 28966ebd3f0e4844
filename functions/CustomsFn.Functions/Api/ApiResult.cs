using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace CustomsFn.Functions.Api;

/// <summary>Runs a shared handler's <see cref="IResult"/> as the trigger's response (ASP.NET Core integration).</summary>
internal sealed class ApiResult(IResult result) : IActionResult
{
    public Task ExecuteResultAsync(ActionContext context) => result.ExecuteAsync(context.HttpContext);
}
