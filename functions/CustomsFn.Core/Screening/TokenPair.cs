namespace CustomsFn.Core.Screening;

/// <summary>Two tokens the matcher paired, and how alike they are.</summary>
public readonly record struct TokenPair(string Query, string Listed, float Similarity);
