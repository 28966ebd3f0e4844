using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using CustomsFn.Core.Rules;
using CustomsFn.Core.Screening;

namespace CustomsFn.Core.Shipments;

/// <summary>
/// Screens the distinct parties of a shipment once each. A party is every party field (<c>…Name</c>, as the document rule
/// reads them) whose name has the same <see cref="NameNormalizer"/> key. For each party: when a document it appears on
/// was screened against the same list editions and reports a SANC-001 / SANC-002 finding for it, that match is reused
/// (the best of them); when every document it appears on was screened against those editions without a finding, it is
/// clean; otherwise it is screened once, by <see cref="IPartyScreener"/>, with its name as first written, the country its
/// documents agree on and all its identifiers. Deterministic: the outcome depends only on the set of documents.
/// </summary>
internal sealed class PartyScreening(IPartyScreener screener, int cacheCapacity)
{
    public const string ByDocuments = "documents";
    public const string ByShipment = "shipment";

    private readonly ConcurrentDictionary<string, IReadOnlyList<ScreeningMatch>>? _screened =
        cacheCapacity > 0 ? new ConcurrentDictionary<string, IReadOnlyList<ScreeningMatch>>(StringComparer.Ordinal) : null;

    public sealed record Outcome(ShipmentScreening Section, IReadOnlyList<ShipmentFinding> Findings, int Parties, int Appearances, int StoredAppearances);

    /// <summary>
    /// One party field of one document: the party's key, and what the document's own screening says about it (null when
    /// it cannot be reused: not screened, screened against other editions, or a finding that does not read).
    /// </summary>
    private sealed record Appearance(ShipmentDocument Document, string Field, PartyQuery Query, string Key, IReadOnlyList<ReportedMatch>? Reported);

    /// <summary>Each document's appearances, worked out once per document instance (members are kept by the tracker): a large shipment does not normalise every name again on every arrival.</summary>
    private readonly ConditionalWeakTable<ShipmentDocument, IReadOnlyList<Appearance>> _appearances = new();

    private IReadOnlyList<Appearance> AppearancesOf(ShipmentDocument d, IReadOnlyList<string> editions) => _appearances.GetValue(d, doc =>
    {
        var list = new List<Appearance>();
        var screened = doc.ScreenedAgainst is { Count: > 0 } s && s.SequenceEqual(editions, StringComparer.Ordinal);
        foreach (var field in SanctionsScreeningRule.PartyFields(doc.Fields))
        {
            var query = SanctionsScreeningRule.PartyOf(doc.Fields, field);
            var norm = NameNormalizer.Normalize(query.Name);
            // A name of legal forms or noise words alone normalises to nothing: it is its own party, as written.
            var key = norm.IsEmpty ? "=" + string.Join(' ', query.Name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant() : norm.Key;
            IReadOnlyList<ReportedMatch>? reported = null;
            if (screened)
            {
                var own = doc.ScreeningFindings.Where(f => f.Path == field).ToList();
                var read = own.Select(SanctionsScreeningRule.Read).OfType<ReportedMatch>().ToList();
                if (read.Count == own.Count) reported = read; // a finding that does not read is not taken for clean
            }
            list.Add(new Appearance(doc, field, query, key, reported));
        }
        return list;
    });

    public Outcome Screen(IReadOnlyList<ShipmentDocument> documents, int maxParties, int maxDocumentsPerParty)
    {
        var editions = screener.Editions;
        var appearances = documents.Where(d => !d.Unreadable).SelectMany(d => AppearancesOf(d, editions)).ToList();

        var parties = new List<(ScreenedParty Party, List<Appearance> All)>();
        foreach (var group in appearances.GroupBy(a => a.Key, StringComparer.Ordinal))
        {
            var all = group.ToList();
            var (match, by) = Decide(all);
            parties.Add((new ScreenedParty
            {
                Name = all[0].Query.Name,
                NormalizedName = group.Key,
                Fields = all.Select(a => a.Field).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
                DocumentCount = all.Select(a => a.Document.DocumentId).Distinct(StringComparer.Ordinal).Count(),
                Documents = all.Take(maxDocumentsPerParty).Select(a => new PartyAppearance
                {
                    DocumentId = a.Document.DocumentId, DocumentType = a.Document.DocumentType, Field = a.Field, Name = a.Query.Name,
                }).ToList(),
                ScreenedBy = by,
                Match = match,
            }, all));
        }
        var ordered = parties
            .OrderBy(p => p.Party.Match is null ? 2 : p.Party.Match.Verdict == "strong" ? 0 : 1)
            .ThenByDescending(p => p.Party.Match?.Score ?? 0)
            .ThenBy(p => p.Party.NormalizedName, StringComparer.Ordinal)
            .ToList();

        var findings = ordered.Where(p => p.Party.Match is not null).Select(p => Finding(p.Party, p.All, maxDocumentsPerParty)).ToList();
        var stored = ordered.Take(maxParties).Select(p => p.Party).ToList();
        return new Outcome(new ShipmentScreening { Editions = editions, Parties = stored }, findings, ordered.Count, appearances.Count,
            stored.Sum(p => p.Documents.Count));
    }

    /// <summary>The party's best match and how it was found: reused from its documents' findings, or screened once here.</summary>
    private (PartyMatch? Match, string By) Decide(List<Appearance> all)
    {
        var reused = all.SelectMany(a => a.Reported ?? []).ToList();
        var allScreened = all.All(a => a.Reported is not null);
        if (reused.Count > 0)
        {
            var best = reused.OrderByDescending(m => m.IsStrong).ThenByDescending(m => m.Score)
                .ThenBy(m => m.List, StringComparer.Ordinal).ThenBy(m => m.EntryId, StringComparer.Ordinal).ThenBy(m => m.MatchedName, StringComparer.Ordinal).First();
            return (new PartyMatch
            {
                Rule = best.IsStrong ? SanctionsScreeningRule.StrongMatch.Id : SanctionsScreeningRule.PossibleMatch.Id,
                Verdict = best.IsStrong ? "strong" : "possible",
                EntryId = best.EntryId, List = best.List, Programme = best.Programme, PrimaryName = best.PrimaryName,
                MatchedName = best.MatchedName, MatchedNameKind = best.MatchedNameKind, Score = best.Score,
            }, ByDocuments);
        }
        if (allScreened) return (null, ByDocuments);

        var matches = ScreenOnce(Query(all));
        if (matches.Count == 0) return (null, ByShipment);
        var m = matches[0];
        return (new PartyMatch
        {
            Rule = m.IsStrong ? SanctionsScreeningRule.StrongMatch.Id : SanctionsScreeningRule.PossibleMatch.Id,
            Verdict = m.IsStrong ? "strong" : "possible",
            EntryId = m.Entry.Id, List = m.Entry.List, Programme = m.Entry.Programme, PrimaryName = m.Entry.PrimaryName,
            MatchedName = m.MatchedName.Text, MatchedNameKind = SanctionsScreeningRule.KindName(m.MatchedName.Kind),
            Score = Math.Round((double)m.Score, 2, MidpointRounding.AwayFromZero),
        }, ByShipment);
    }

    /// <summary>The party as one query: its name as first written, the country when the documents giving one agree, every identifier.</summary>
    private static PartyQuery Query(List<Appearance> all)
    {
        var countries = all.Select(a => a.Query.Country).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var ids = all.SelectMany(a => a.Query.Identifiers ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return new PartyQuery(all[0].Query.Name, countries.Count == 1 ? countries[0] : null, PartyType.Unknown, ids);
    }

    private IReadOnlyList<ScreeningMatch> ScreenOnce(PartyQuery query)
    {
        if (_screened is null) return screener.Screen(query, 1);
        var key = string.Join('\u001F', [string.Join('\u001E', screener.Editions), query.Name, query.Country ?? "", .. query.Identifiers ?? []]);
        if (_screened.TryGetValue(key, out var cached)) return cached;
        var matches = screener.Screen(query, 1);
        if (_screened.Count >= cacheCapacity) _screened.Clear();
        _screened.TryAdd(key, matches);
        return matches;
    }

    /// <summary>Labels named in a finding's message; past them, how many more.</summary>
    private const int NamedDocuments = 10;

    private static ShipmentFinding Finding(ScreenedParty party, List<Appearance> all, int maxEvidence)
    {
        var m = party.Match!;
        var rule = m.Verdict == "strong" ? ShipmentRules.StrongPartyMatch : ShipmentRules.PossiblePartyMatch;
        var places = all.GroupBy(a => a.Document.DocumentId, StringComparer.Ordinal)
            .Select(g => $"the {g.First().Document.Label} ({string.Join(", ", g.Select(a => a.Field))})").ToList();
        var named = string.Join(", ", places.Take(NamedDocuments)) + (places.Count > NamedDocuments
            ? string.Create(CultureInfo.InvariantCulture, $" and {places.Count - NamedDocuments} more") : "");
        var matched = m.MatchedName is null ? "" : $"matched name \"{m.MatchedName}\", ";
        var message = string.Create(CultureInfo.InvariantCulture,
            $"The party '{party.Name}' is a {m.Verdict} match ({m.Rule}), score {m.Score:0.00}, with {m.EntryId} \"{m.PrimaryName}\" ({m.List}, programme {m.Programme}; {matched}{(party.ScreenedBy == ByDocuments ? "as the documents' own screening found" : "screened once for the shipment")}) and appears on {party.DocumentCount} document(s): {named}.");
        return new ShipmentFinding
        {
            Rule = rule.Id,
            Severity = rule.Severity,
            Message = message,
            Reference = $"{m.List} entry {m.EntryId}, programme {m.Programme}",
            Evidence = all.Take(maxEvidence).Select(a => new ShipmentEvidence
            {
                DocumentId = a.Document.DocumentId,
                DocumentType = a.Document.DocumentType,
                Path = a.Field,
                Value = a.Document.Fields.TryGetValue(a.Field, out var f) ? f.Value : null,
                Source = a.Document.Fields.SourceOf(a.Field),
            }).ToList(),
        };
    }
}
