namespace CustomsFn.Core.Foundation;

/// <summary>The kinds of audit record.</summary>
public static class AuditKinds
{
    public const string Processed = "processed";
    public const string Duplicate = "duplicate";
    public const string Review = "review";
    public const string Poison = "poison";
}
