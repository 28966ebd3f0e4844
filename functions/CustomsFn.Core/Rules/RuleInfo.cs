namespace CustomsFn.Core.Rules;

/// <summary>A rule's catalogue entry: stable id, default severity, what it checks and the legal or standard source behind it.</summary>
public sealed record RuleInfo(string Id, Severity Severity, string Title, string Source);
