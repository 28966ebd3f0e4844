using Newtonsoft.Json;

namespace CustomsFn.Core.Shipments;

/// <summary>
/// The sanctions screening of a shipment: every distinct party of its documents (one party however it is spelled on
/// each: the screening normaliser's key, so case, spacing and legal form do not split it), screened once for the
/// shipment, with the documents it appears on and its best match. A matching party is also a SHIP-060 / SHIP-061 finding.
/// </summary>
public sealed record ShipmentScreening
{
    /// <summary>The list editions the shipment's parties were screened against ("un-sc: 2026-02-27", ...).</summary>
    public required IReadOnlyList<string> Editions { get; init; }
    /// <summary>Matching parties first (strong, then by score), then the others by normalised name; bounded (see <see cref="ShipmentTruncation"/>).</summary>
    public required IReadOnlyList<ScreenedParty> Parties { get; init; }
}

/// <summary>One distinct party of a shipment.</summary>
public sealed record ScreenedParty
{
    /// <summary>The name as written where the party first appears (the shipment's documents in role order).</summary>
    public required string Name { get; init; }
    /// <summary>The screening normaliser's key (tokens without legal forms, sorted): what makes two spellings one party.</summary>
    public required string NormalizedName { get; init; }
    /// <summary>The party fields it appears under (<c>sellerName</c>, <c>buyerName</c>, ...), in order.</summary>
    public required IReadOnlyList<string> Fields { get; init; }
    /// <summary>How many documents it appears on (all of them, also when <see cref="Documents"/> keeps only the first ones).</summary>
    public required int DocumentCount { get; init; }
    /// <summary>Where it appears: one entry per document and field.</summary>
    public required IReadOnlyList<PartyAppearance> Documents { get; init; }
    /// <summary>
    /// <c>documents</c> when the documents' own screening (their SANC-001 / SANC-002 findings, against the same list
    /// editions) was reused; <c>shipment</c> when the party was screened once for the shipment.
    /// </summary>
    public required string ScreenedBy { get; init; }
    /// <summary>The best match, when the party matches a list entry.</summary>
    [JsonProperty(NullValueHandling = NullValueHandling.Ignore)] public PartyMatch? Match { get; init; }
}

/// <summary>One place a party appears: the document and the field, with the name as that document writes it.</summary>
public sealed record PartyAppearance
{
    public required string DocumentId { get; init; }
    public required string DocumentType { get; init; }
    public required string Field { get; init; }
    public required string Name { get; init; }
}

/// <summary>A party's best match: the document rule it answers to, the verdict, the entry and the name that matched.</summary>
public sealed record PartyMatch
{
    /// <summary><c>SANC-001</c> (possible match) or <c>SANC-002</c> (strong match), as a document would report it.</summary>
    public required string Rule { get; init; }
    /// <summary><c>possible</c> or <c>strong</c>.</summary>
    public required string Verdict { get; init; }
    public required string EntryId { get; init; }
    public required string List { get; init; }
    public required string Programme { get; init; }
    public required string PrimaryName { get; init; }
    [JsonProperty(NullValueHandling = NullValueHandling.Ignore)] public string? MatchedName { get; init; }
    /// <summary><c>primary</c>, <c>strong-alias</c>, <c>weak-alias</c> or <c>original-script</c>, as in a document finding's <c>sanctionsMatch</c>.</summary>
    [JsonProperty(NullValueHandling = NullValueHandling.Ignore)] public string? MatchedNameKind { get; init; }
    /// <summary>The score after country and type agreement, two decimals (as the document findings write it).</summary>
    public required double Score { get; init; }
}
