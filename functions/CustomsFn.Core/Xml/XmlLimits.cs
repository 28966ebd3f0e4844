namespace CustomsFn.Core.Xml;

/// <summary>Limits for parsing untrusted XML.</summary>
public sealed record XmlLimits
{
    public int MaxDepth { get; init; } = 128;
    public long MaxCharacters { get; init; } = 64L * 1024 * 1024;
    public int MaxTextNodeCharacters { get; init; } = 4 * 1024 * 1024;
    public int MaxAttributeCharacters { get; init; } = 64 * 1024;
    public int MaxElements { get; init; } = 2_000_000;

    public static readonly XmlLimits Default = new();
}
