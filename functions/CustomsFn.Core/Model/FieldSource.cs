using Newtonsoft.Json;

namespace CustomsFn.Core.Model;

/// <summary>
/// Where a value was read. PDF and images: <c>page</c> (1-based) and <c>box</c> [x0, y0, x1, y1] in <c>unit</c>
/// ("pt": PDF points, origin bottom-left; "px": image pixels, origin top-left). XML: <c>path</c> (XPath-like) and <c>line</c>.
/// EDIFACT: <c>path</c> (segment position and tag) and <c>line</c> (segment number).
/// </summary>
public sealed record FieldSource
{
    [JsonProperty(NullValueHandling = NullValueHandling.Ignore)] public int? Page { get; init; }
    [JsonProperty(NullValueHandling = NullValueHandling.Ignore)] public IReadOnlyList<double>? Box { get; init; }
    [JsonProperty(NullValueHandling = NullValueHandling.Ignore)] public string? Unit { get; init; }
    [JsonProperty(NullValueHandling = NullValueHandling.Ignore)] public string? Path { get; init; }
    [JsonProperty(NullValueHandling = NullValueHandling.Ignore)] public int? Line { get; init; }

    public static FieldSource Xml(string path, int? line) => new() { Path = path, Line = line is > 0 ? line : null };

    public static FieldSource PdfBox(int page, double x0, double y0, double x1, double y1) =>
        new() { Page = page, Box = [Math.Round(x0, 1), Math.Round(y0, 1), Math.Round(x1, 1), Math.Round(y1, 1)], Unit = "pt" };

    public static FieldSource ImageBox(int page, double x0, double y0, double x1, double y1) =>
        new() { Page = page, Box = [Math.Round(x0), Math.Round(y0), Math.Round(x1), Math.Round(y1)], Unit = "px" };
}
