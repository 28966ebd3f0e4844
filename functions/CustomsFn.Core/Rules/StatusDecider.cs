namespace CustomsFn.Core.Rules;

/// <summary>accepted | needs-review | rejected, from the findings alone (low confidence is itself a finding, CONF-001).</summary>
public static class StatusDecider
{
    public static ResultStatus Decide(IEnumerable<Finding> findings)
    {
        var status = ResultStatus.Accepted;
        foreach (var f in findings)
        {
            if (f.Severity == Severity.Error) return ResultStatus.Rejected;
            if (f.Severity == Severity.Warning) status = ResultStatus.NeedsReview;
        }
        return status;
    }
}
