namespace CustomsFn.Core.Contract;

public sealed record FindingCounts(int Error, int Warning, int Info)
{
    public static FindingCounts Of(IEnumerable<Finding> findings)
    {
        int e = 0, w = 0, i = 0;
        foreach (var f in findings)
        {
            switch (f.Severity)
            {
                case Severity.Error: e++; break;
                case Severity.Warning: w++; break;
                default: i++; break;
            }
        }
        return new FindingCounts(e, w, i);
    }
}
