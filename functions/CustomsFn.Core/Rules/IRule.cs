namespace CustomsFn.Core.Rules;

/// <summary>One check over an extracted document. Rules are stateless and thread-safe.</summary>
public interface IRule
{
    /// <summary>Every rule id this rule can report (a rule may report several related ids).</summary>
    IReadOnlyList<RuleInfo> Describes { get; }

    void Evaluate(RuleContext context);
}
