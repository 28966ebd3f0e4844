using System.Runtime.Serialization;

namespace CustomsFn.Core.Contract;

public enum ResultStatus
{
    [EnumMember(Value = "accepted")] Accepted,
    [EnumMember(Value = "needs-review")] NeedsReview,
    [EnumMember(Value = "rejected")] Rejected,
}
