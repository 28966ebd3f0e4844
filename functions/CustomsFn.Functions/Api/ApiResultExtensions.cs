using CustomsFn.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace CustomsFn.Functions.Api;

internal static class ApiResultExtensions
{
    /// <summary>The handler's answer; storage that does not answer is a 503, not the runtime's 500.</summary>
    public static async Task<IActionResult> AsActionAsync(this Task<IResult> result)
    {
        try
        {
            return new ApiResult(await result.ConfigureAwait(false));
        }
        catch (Exception ex) when (StorageOutage.Is(ex))
        {
            return new ApiResult(null);
        }
    }

    public static IActionResult AsAction(this IResult result) => new ApiResult(result);
}
