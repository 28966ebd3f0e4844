using CustomsFn.Core.Contract;

namespace CustomsFn.Core.Rules;

/// <summary>A rule's catalogue entry: stable id, default severity, what it checks and the legal or standard source behind it.</summary>
public sealed record RuleInfo(string Id, Severity Severity, string Title, string Source);

/// <summary>One check over an extracted document. Rules are stateless and thread-safe.</summary>
public interface IRule
{
    /// <summary>Every rule id this rule can report (a rule may report several related ids).</summary>
    IReadOnlyList<RuleInfo> Describes { get; }

    void Evaluate(RuleContext context);
}
