namespace CustomsFn.Core.Tariffs;

/// <summary>What a duty rate comes to for given goods, or why it cannot be computed.</summary>
public sealed record DutyComputation(decimal? Amount, string? Reason)
{
    private static readonly DutyComputation Zero = new(0m, null);

    public static DutyComputation Of(decimal amount) => amount == 0 ? Zero : new(amount, null);
    public static DutyComputation NotComputable(string reason) => new(null, reason);
}
