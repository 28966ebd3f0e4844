namespace CustomsFn.Core.Rules;

/// <summary>What the rules found, and the duty estimate when there is one.</summary>
public sealed record RuleOutcome(IReadOnlyList<Finding> Findings, DutyEstimate? Duties);
