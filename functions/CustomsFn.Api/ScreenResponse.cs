namespace CustomsFn.Api;

/// <summary>The answer of <c>GET /api/screen</c>: the query, the list editions screened against, the threshold and the matches.</summary>
public sealed record ScreenResponse(string Name, string? Country, string Type, IReadOnlyList<string> Editions, double Threshold, IReadOnlyList<ScreenMatchDto> Matches);
