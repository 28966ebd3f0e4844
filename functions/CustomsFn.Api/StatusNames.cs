using CustomsFn.Core.Contract;

namespace CustomsFn.Api;

internal static class StatusNames
{
    public static string Text(ResultStatus status) => status switch
    {
        ResultStatus.Accepted => "accepted",
        ResultStatus.NeedsReview => "needs-review",
        _ => "rejected",
    };

    public static ResultStatus? Parse(string? text) => text switch
    {
        "accepted" => ResultStatus.Accepted,
        "needs-review" => ResultStatus.NeedsReview,
        "rejected" => ResultStatus.Rejected,
        _ => null,
    };
}
