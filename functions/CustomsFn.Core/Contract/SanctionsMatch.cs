using Newtonsoft.Json;

namespace CustomsFn.Core.Contract;

/// <summary>
/// The list entry a sanctions finding (<c>SANC-001</c> possible match, <c>SANC-002</c> strong match) names, as data:
/// the entry, the name of it that matched, the score and the reasons. Optional in <c>customsfn.result/v1</c>: only
/// screening findings carry it, and results written before it was added lack it (their message says the same in words).
/// </summary>
public sealed record SanctionsMatch
{
    /// <summary>The entry's id on its list ("UN:TAe.011", "OFAC-SDN:306", "UK:RUS0001").</summary>
    public required string EntryId { get; init; }
    /// <summary>The list: <c>un-sc</c>, <c>ofac-sdn</c>, <c>ofac-cons</c>, <c>uk-fcdo</c>, <c>bis-dpl</c>, <c>us-csl</c>.</summary>
    public required string List { get; init; }
    /// <summary>The sanctions programme or regime the entry is listed under.</summary>
    public required string Programme { get; init; }
    /// <summary><c>person</c>, <c>organisation</c>, <c>vessel</c>, <c>aircraft</c> or <c>unknown</c>.</summary>
    public required string EntryType { get; init; }
    public required string PrimaryName { get; init; }
    /// <summary>The name of the entry that matched the party: the primary name, an alias or the original-script name.</summary>
    public required string MatchedName { get; init; }
    /// <summary><c>primary</c>, <c>strong-alias</c>, <c>weak-alias</c> or <c>original-script</c>.</summary>
    public required string MatchedNameKind { get; init; }
    /// <summary>The score after country and type agreement, 0..1 (3 decimals).</summary>
    public required double Score { get; init; }
    /// <summary>The name similarity before country and type agreement (3 decimals; low when an identifier matched).</summary>
    public required double NameSimilarity { get; init; }
    /// <summary>True for a strong match (an identifier, or the exact full name with an agreeing country).</summary>
    public required bool Strong { get; init; }
    /// <summary>The listed identifier the party's identifier equals, when that is what matched.</summary>
    [JsonProperty(NullValueHandling = NullValueHandling.Ignore)] public string? MatchedIdentifier { get; init; }
    /// <summary>The entry's countries (ISO 3166-1 alpha-2).</summary>
    public IReadOnlyList<string> Countries { get; init; } = [];
    /// <summary>Why it matched, in words (token pairs, country agreement, identifier).</summary>
    public IReadOnlyList<string> Reasons { get; init; } = [];
    /// <summary>Further entries the party resembles, best first (at most two).</summary>
    [JsonProperty(NullValueHandling = NullValueHandling.Ignore)] public IReadOnlyList<SanctionsMatchAlso>? Also { get; init; }
}

/// <summary>A further entry a screened party resembles: id, list, primary name and score.</summary>
public sealed record SanctionsMatchAlso
{
    public required string EntryId { get; init; }
    public required string List { get; init; }
    public required string PrimaryName { get; init; }
    public required double Score { get; init; }
}
