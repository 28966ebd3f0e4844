namespace CustomsFn.Core.Shipments;

/// <summary>The wire names of <see cref="ShipmentVerdict"/> (<c>consistent</c>, <c>needs-review</c>, <c>inconsistent</c>, <c>incomplete</c>).</summary>
public static class ShipmentVerdicts
{
    public static string Text(ShipmentVerdict verdict) => verdict switch
    {
        ShipmentVerdict.Consistent => "consistent",
        ShipmentVerdict.NeedsReview => "needs-review",
        ShipmentVerdict.Inconsistent => "inconsistent",
        ShipmentVerdict.Incomplete => "incomplete",
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, null),
    };

    /// <summary>The verdict a wire name stands for, or null when it names none.</summary>
    public static ShipmentVerdict? Parse(string? text) =>
        Enum.GetValues<ShipmentVerdict>().Cast<ShipmentVerdict?>().FirstOrDefault(v => string.Equals(Text(v!.Value), text?.Trim(), StringComparison.Ordinal));
}
