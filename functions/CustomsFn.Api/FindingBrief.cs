using CustomsFn.Core.Contract;

namespace CustomsFn.Api;

/// <summary>A finding named in a list (a document's or a shipment's worst): rule, severity and message.</summary>
public sealed record FindingBrief(string Rule, Severity Severity, string Message)
{
    /// <summary>The first finding of the highest severity, or null when there is none.</summary>
    public static FindingBrief? Worst<T>(IEnumerable<T> findings, Func<T, (string Rule, Severity Severity, string Message)> read)
    {
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(read);
        var worst = findings.Select((f, i) => (f: read(f), i)).OrderBy(x => x.f.Severity).ThenBy(x => x.i).Select(x => x.f).FirstOrDefault();
        return worst.Rule is null ? null : new FindingBrief(worst.Rule, worst.Severity, worst.Message);
    }
}
