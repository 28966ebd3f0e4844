namespace CustomsFn.Core.Foundation;

/// <summary>A result already stored, and whether its message went out.</summary>
public sealed record StoredResult(CustomsResult Result, bool Published)
{
    /// <summary>When the result was stored, where the store knows it: a result stored moments ago may still be being published by another instance.</summary>
    public DateTimeOffset? StoredAt { get; init; }
}
