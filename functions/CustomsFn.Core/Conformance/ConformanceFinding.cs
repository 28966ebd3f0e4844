namespace CustomsFn.Core.Conformance;

/// <summary>One failed assertion: the rule id, its severity, where (XPath with conventional prefixes, and line) and the rule text.</summary>
public sealed record ConformanceFinding(string RuleId, Severity Severity, string Location, int? Line, string Message)
{
    /// <summary>The id of the rule set the assertion belongs to (EN16931-UBL, PEPPOL-BIS3-UBL, ...).</summary>
    public string? RuleSetId { get; init; }
}
