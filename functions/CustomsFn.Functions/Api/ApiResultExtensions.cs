using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace CustomsFn.Functions.Api;

internal static class ApiResultExtensions
{
    public static async Task<IActionResult> AsActionAsync(this Task<IResult> result) => new ApiResult(await result.ConfigureAwait(false));

    public static IActionResult AsAction(this IResult result) => new ApiResult(result);
}
