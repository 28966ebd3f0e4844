using Newtonsoft.Json;

namespace CustomsFn.Core.Contract;

public sealed record VersionInfo(string Ruleset, IReadOnlyList<string> Tariffs)
{
    /// <summary>The sanctions and denied-party list editions the parties were screened against; absent when they were not screened.</summary>
    [JsonProperty(NullValueHandling = NullValueHandling.Ignore)] public IReadOnlyList<string>? Screening { get; init; }
}
