namespace CustomsFn.Core.Extraction.Edifact;

/// <summary>Limits for tokenizing untrusted EDIFACT.</summary>
public sealed record EdifactLimits
{
    public int MaxSegments { get; init; } = 500_000;
    public int MaxSegmentCharacters { get; init; } = 100_000;
    public int MaxElementsPerSegment { get; init; } = 99;
    public int MaxComponentsPerElement { get; init; } = 99;

    public static readonly EdifactLimits Default = new();
}
