namespace CustomsFn.Core.Extraction.Edifact;

/// <summary>A tokenized interchange: separators, character set, and every segment after UNA.</summary>
public sealed record EdifactInterchange(EdifactSeparators Separators, string? SyntaxIdentifier, IReadOnlyList<EdifactSegment> Segments, IReadOnlyList<string> Notes);
