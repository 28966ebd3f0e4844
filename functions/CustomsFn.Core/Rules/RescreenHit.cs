using CustomsFn.Core.Screening;

namespace CustomsFn.Core.Rules;

/// <summary>A stored result whose party now matches a list entry that the stored result did not report for that party.</summary>
public sealed record RescreenHit(string DocumentId, string SourceName, string Field, ScreeningMatch Match, IReadOnlyList<string> ScreenedBefore);
