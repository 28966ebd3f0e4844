using System.Collections.Frozen;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace CustomsFn.Core.Screening;

/// <summary>
/// The screening index over every list entry: normalised names, a candidate index (phonetic keys of the name tokens,
/// Han/Hangul tokens in script) so that a party is compared with a few dozen names rather than all of them, and an
/// identifier index. Thread-safe for concurrent screening.
/// </summary>
public sealed class ScreeningIndex
{
    /// <summary>How many candidate names, best blocking overlap first, are compared in full per party.</summary>
    public const int CandidatesPerQuery = 32;

    /// <summary>Posting lists longer than this (very common name parts) are used only when the party has no rarer token.</summary>
    public const int MaxPosting = 2500;

    private readonly NormalizedName[] _names;
    private readonly int[] _nameEntry;
    private readonly ListedName[] _listed;
    private readonly Dictionary<string, int[]> _postings;
    private readonly Dictionary<string, int[]> _identifiers;
    private readonly Dictionary<string, int[]> _exact;
    /// <summary>The indexed names that are the Latin reading of a listed name written in Han or Hangul (compared with Latin names only).</summary>
    private readonly FrozenSet<int> _romanized;

    [ThreadStatic] private static float[]? t_accumulator;
    [ThreadStatic] private static List<int>? t_touched;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // built once at start: no slow first-tier code for its loops
    public ScreeningIndex(ScreeningPack pack, MatcherOptions? options = null)
    {
        Pack = pack;
        Options = options ?? MatcherOptions.Default;
        var names = new List<NormalizedName>(pack.Entries.Count * 3);
        var owners = new List<int>(pack.Entries.Count * 3);
        var listedNames = new List<ListedName>(pack.Entries.Count * 3);
        var postings = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var ids = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var exact = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        HashSet<int>? romanizedNames = null;
        for (var e = 0; e < pack.Entries.Count; e++)
        {
            var entry = pack.Entries[e];
            foreach (var n in entry.Names)
            {
                foreach (var (norm, romanized) in NameNormalizer.Forms(n.Text))
                {
                    var index = names.Count;
                    names.Add(norm);
                    owners.Add(e);
                    listedNames.Add(n);
                    if (romanized) (romanizedNames ??= []).Add(index);
                    if (!exact.TryGetValue(norm.Key, out var same)) exact[norm.Key] = same = [];
                    same.Add(index);
                    foreach (var key in BlockingKeys(norm).Distinct())
                    {
                        if (!postings.TryGetValue(key, out var list)) postings[key] = list = [];
                        list.Add(index);
                    }
                }
            }
            foreach (var id in entry.Identifiers)
            {
                var key = IdentifierKey(id.Value);
                if (key is null) continue;
                if (!ids.TryGetValue(key, out var list)) ids[key] = list = [];
                if (!list.Contains(e)) list.Add(e);
            }
        }
        _names = [.. names];
        _nameEntry = [.. owners];
        _listed = [.. listedNames];
        _postings = postings.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);
        _identifiers = ids.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);
        _exact = exact.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);
        _romanized = romanizedNames?.ToFrozenSet() ?? FrozenSet<int>.Empty;
        EditionLabels = pack.Editions.Select(e => e.Label).ToList();
    }

    /// <summary>The index over the shipped pack, built once.</summary>
    public static ScreeningIndex Default => LazyDefault.Value;

    private static readonly Lazy<ScreeningIndex> LazyDefault = new(() => new ScreeningIndex(ScreeningPack.Shipped));

    public ScreeningPack Pack { get; }
    public MatcherOptions Options { get; }
    public int NameCount => _names.Length;

    /// <summary>"un-sc: 2026-02-27", one per list: recorded in every result screened against this index.</summary>
    public IReadOnlyList<string> EditionLabels { get; }

    /// <summary>The matches at or above <paramref name="minScore"/> (default: the possible-match threshold), best first, at most <paramref name="max"/>.</summary>
    public IReadOnlyList<ScreeningMatch> Screen(PartyQuery query, int max = 5, float? minScore = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        var threshold = minScore ?? Options.Threshold;
        var variants = NameNormalizer.Forms(query.Name ?? "");
        var name = variants.Count > 0 ? variants[0].Name : NameNormalizer.Normalize("");
        // A legal form (Ltd, GmbH, OOO) says the party is an organisation even when the caller did not.
        if (query.Type == PartyType.Unknown && name.HadLegalForm) query = query with { Type = PartyType.Organisation };
        var best = new Dictionary<int, (int Name, float Score, float NameScore, NormalizedName Variant)>();

        foreach (var (variant, romanized) in variants)
        {
            // Names equal after normalisation are always candidates, however common their words ("Ali Mohammed") or short ("G-9").
            var candidates = Candidates(variant);
            if (_exact.TryGetValue(variant.Key, out var same)) candidates.AddRange(same);
            foreach (var candidate in candidates)
            {
                // A reading is compared with Latin names only: Han and Hangul with themselves are compared in script.
                if (romanized && _romanized.Contains(candidate)) continue;
                var s = NameMatcher.Compare(variant, _names[candidate], Options, explain: false).Score;
                if (s <= 0) continue;
                var e = _nameEntry[candidate];
                var entry = Pack.Entries[e];
                var adjusted = s + Adjustment(query, entry);
                var kind = NameKindOf(e, candidate);
                if (!best.TryGetValue(e, out var b) || adjusted > b.Score || (adjusted == b.Score && kind != NameKind.WeakAlias))
                    best[e] = (candidate, adjusted, s, variant);
            }
        }

        var byId = new Dictionary<int, string>();
        foreach (var id in query.Identifiers ?? [])
        {
            var key = IdentifierKey(id);
            if (key is null || !_identifiers.TryGetValue(key, out var entries)) continue;
            foreach (var e in entries) byId.TryAdd(e, id);
        }

        var results = new List<ScreeningMatch>();
        foreach (var (e, (candidate, score, nameScore, variant)) in best)
        {
            if (score < threshold && !byId.ContainsKey(e)) continue;
            results.Add(Describe(query, variant, e, candidate, score, nameScore, byId.GetValueOrDefault(e)));
        }
        foreach (var (e, id) in byId)
        {
            if (best.ContainsKey(e)) continue;
            // Identifier alone: the entry's best name is compared for the explanation.
            var entry = Pack.Entries[e];
            var (candidate, s) = BestNameOf(e, name);
            results.Add(Describe(query, name, e, candidate, s + Adjustment(query, entry), s, id));
        }
        return results.OrderByDescending(m => m.IsStrong).ThenByDescending(m => m.Score).ThenBy(m => m.Entry.Id, StringComparer.Ordinal).Take(max).ToList();
    }

    private ScreeningMatch Describe(PartyQuery query, NormalizedName name, int e, int candidate, float score, float nameScore, string? identifier)
    {
        var entry = Pack.Entries[e];
        var listed = ListedNameOf(e, candidate);
        var reasons = new List<string>();
        var explained = candidate >= 0 ? NameMatcher.Compare(name, _names[candidate], Options) : null;
        // Read through Latin on either side: the same Latin letters stand for different Han or Hangul names, so never exact.
        var romanized = candidate >= 0 && (_romanized.Contains(candidate) || name.Romanized);
        var kindText = listed.Kind switch
        {
            NameKind.Primary => "primary name",
            NameKind.StrongAlias => "strong alias",
            NameKind.WeakAlias => "weak alias",
            _ => "original-script name",
        };
        reasons.Add(string.Create(CultureInfo.InvariantCulture, $"name similarity {nameScore:0.00} with the {kindText} \"{listed.Text}\" ({explained?.Explain() ?? "no tokens in common"})"));
        if (romanized) reasons.Add($"compared through the Latin reading \"{string.Join(' ', (name.Romanized ? name : _names[candidate]).Tokens.Select(t => t.Text))}\" of the name in script");
        var country = CountryReason(query, entry);
        if (country is not null) reasons.Add(country);
        if (SharedPlace(query, entry) is { } place) reasons.Add($"address shares \"{place}\" with the listed \"{entry.Addresses.First(x => ListedPlaces(x).Contains(place))}\"");
        if (TypeMismatch(query, entry)) reasons.Add($"the party is taken for {Article(query.Type)}, the entry is {Article(entry.Type)}");
        var strong = false;
        if (identifier is not null)
        {
            strong = true;
            var listedId = entry.Identifiers.First(i => IdentifierKey(i.Value) == IdentifierKey(identifier));
            reasons.Add($"identifier {identifier} equals the listed {listedId.Type} {listedId.Value}");
        }
        else if (candidate >= 0 && !romanized && name.Key == _names[candidate].Key && listed.Kind != NameKind.WeakAlias
            && query.Country is { } c && entry.Countries.Contains(c))
        {
            strong = true;
            reasons.Add("exact full name and agreeing country");
        }
        if (listed.Kind == NameKind.WeakAlias) reasons.Add("a weak alias alone is never a strong match");
        return new ScreeningMatch(entry, listed, Math.Clamp(score, 0f, 1f), nameScore, strong, identifier, reasons);
    }

    private static string Article(PartyType t)
    {
        var word = t.ToString().ToLowerInvariant();
        return (word[0] is 'a' or 'o' or 'u' ? "an " : "a ") + word;
    }

    private static string? CountryReason(PartyQuery query, ScreeningEntry entry)
    {
        if (query.Country is null || entry.Countries.Count == 0) return null;
        return entry.Countries.Contains(query.Country)
            ? $"country {query.Country} is one of the entry's ({string.Join(", ", entry.Countries)})"
            : $"country {query.Country} is not one of the entry's ({string.Join(", ", entry.Countries)})";
    }

    private float Adjustment(PartyQuery query, ScreeningEntry entry)
    {
        var a = 0f;
        if (query.Country is not null && entry.Countries.Count > 0)
            a += entry.Countries.Contains(query.Country) ? Options.CountryAgreeBonus : -Options.CountryDisagreePenalty;
        if (SharedPlace(query, entry) is not null) a += Options.AddressAgreeBonus;
        if (TypeMismatch(query, entry)) a -= Options.TypeMismatchPenalty;
        return a;
    }

    /// <summary>Street and building words, which many addresses share: not a place.</summary>
    private static readonly HashSet<string> StreetWords = new(StringComparer.Ordinal)
    {
        "street", "road", "avenue", "lane", "building", "floor", "house", "office", "suite", "block", "district", "city", "province",
        "region", "town", "village", "area", "zone", "square", "tower", "plaza", "center", "centre", "park", "post", "unit", "room",
        "strasse", "platz", "rue", "calle", "avenida", "ulitsa", "prospekt", "shosse", "pereulok", "dom", "kvartal", "nomer",
    };

    /// <summary>
    /// The places an address names: its words of four letters or more and numbers of four digits or more, street words,
    /// country names and region words left out.
    /// </summary>
    private static HashSet<string> Places(string address)
    {
        var places = new HashSet<string>(StringComparer.Ordinal);
        foreach (var t in NameNormalizer.Normalize(address).Tokens)
        {
            // Countries are agreed by the country bonus already: not a place here.
            if (t.Text.Length < 4 || StreetWords.Contains(t.Text) || t.Place || CountryNames.TryParse(t.Text, out _)) continue;
            if (t.Kind == TokenKind.Number && !t.Text.All(char.IsAsciiDigit)) continue;
            places.Add(t.Text);
        }
        return places;
    }

    /// <summary>The places of each listed address, worked out the first time an entry is compared with an address.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string[]> _listedPlaces = new(StringComparer.Ordinal);

    private string[] ListedPlaces(string address) => _listedPlaces.GetOrAdd(address, a => [.. Places(a).Order(StringComparer.Ordinal)]);

    /// <summary>The places of the last party address screened on this thread (a party is compared with up to 32 names).</summary>
    [ThreadStatic] private static (string Address, HashSet<string> Places)? t_partyPlaces;

    /// <summary>A town or postcode the party's address shares with one of the entry's, or null.</summary>
    private string? SharedPlace(PartyQuery query, ScreeningEntry entry)
    {
        if (string.IsNullOrWhiteSpace(query.Address) || entry.Addresses.Count == 0) return null;
        if (t_partyPlaces is not { } cached || !ReferenceEquals(cached.Address, query.Address) && cached.Address != query.Address)
            t_partyPlaces = cached = (query.Address, Places(query.Address));
        if (cached.Places.Count == 0) return null;
        foreach (var listed in entry.Addresses)
            foreach (var place in ListedPlaces(listed))
                if (cached.Places.Contains(place)) return place;
        return null;
    }

    private static bool TypeMismatch(PartyQuery query, ScreeningEntry entry) =>
        (query.Type == PartyType.Person && entry.Type is PartyType.Organisation or PartyType.Vessel or PartyType.Aircraft)
        || (query.Type == PartyType.Organisation && entry.Type is PartyType.Person or PartyType.Vessel or PartyType.Aircraft);

    /// <summary>The candidate names: those sharing the party's rarer blocking keys, the most overlap first, at most <see cref="CandidatesPerQuery"/>.</summary>
    private List<int> Candidates(NormalizedName name)
    {
        var acc = t_accumulator;
        if (acc is null || acc.Length < _names.Length) t_accumulator = acc = new float[_names.Length];
        var touched = t_touched ??= new List<int>(1024);
        touched.Clear();
        var lists = new List<(int[] Postings, float Weight)>(name.Tokens.Count);
        foreach (var t in name.TokenArray)
        {
            var key = BlockingKey(t);
            if (key is null || !_postings.TryGetValue(key, out var p)) continue;
            var duplicate = false;
            foreach (var (q, _) in lists) duplicate |= ReferenceEquals(q, p);
            if (!duplicate) lists.Add((p, t.Weight));
        }
        if (lists.Count == 0) return [];
        lists.Sort((x, y) => x.Postings.Length.CompareTo(y.Postings.Length));
        for (var l = 0; l < lists.Count; l++)
        {
            var (postings, weight) = lists[l];
            if (l > 0 && postings.Length > MaxPosting) break;
            foreach (var n in postings)
            {
                if (acc[n] == 0) touched.Add(n);
                acc[n] += weight;
            }
        }
        // A name sharing less than half of the party's blocking weight cannot pair enough tokens to reach a possible match.
        var total = 0f;
        foreach (var (_, weight) in lists) total += weight;
        var minimum = total * 0.5f - 1e-4f;
        var kept = 0;
        for (var i = 0; i < touched.Count; i++)
        {
            if (acc[touched[i]] >= minimum) touched[kept++] = touched[i];
            else acc[touched[i]] = 0;
        }
        touched.RemoveRange(kept, touched.Count - kept);
        List<int> result;
        if (touched.Count <= CandidatesPerQuery) result = [.. touched];
        else
        {
            // Most overlap first; among equals the shorter names (closer in length to most parties) in index order.
            var order = touched.ToArray();
            var keys = new float[order.Length];
            for (var i = 0; i < order.Length; i++) keys[i] = -acc[order[i]] + _names[order[i]].Tokens.Count * 1e-3f;
            Array.Sort(keys, order);
            result = [.. order.AsSpan(0, CandidatesPerQuery)];
        }
        foreach (var n in touched) acc[n] = 0;
        return result;
    }

    private static IEnumerable<string> BlockingKeys(NormalizedName name)
    {
        foreach (var t in name.TokenArray)
        {
            if (BlockingKey(t) is { } k) yield return k;
        }
    }

    /// <summary>The blocking key of a token: its phonetic key (words of two letters or more), or the token itself (numbers, Han, Hangul).</summary>
    private static string? BlockingKey(NameToken t) => t.Kind switch
    {
        TokenKind.Word when t.Text.Length >= 2 && t.Weight >= NameNormalizer.GenericWeight => "p:" + t.Phonetic,
        TokenKind.Script => "s:" + t.Text,
        TokenKind.Number when t.Text.Length >= 3 => "n:" + t.Text,
        _ => null,
    };

    private (int Name, float Score) BestNameOf(int entry, NormalizedName name)
    {
        var bestName = -1;
        var bestScore = 0f;
        for (var i = 0; i < _names.Length; i++)
        {
            if (_nameEntry[i] != entry) continue;
            var s = name.IsEmpty ? 0 : NameMatcher.Compare(name, _names[i], Options, explain: false).Score;
            if (bestName < 0 || s > bestScore) { bestName = i; bestScore = s; }
        }
        return (bestName, bestScore);
    }

    private NameKind NameKindOf(int entry, int nameIndex) => ListedNameOf(entry, nameIndex).Kind;

    /// <summary>The listed name behind a normalised name (the entry's primary name when there is none).</summary>
    private ListedName ListedNameOf(int entry, int nameIndex)
    {
        if (nameIndex >= 0) return _listed[nameIndex];
        var e = Pack.Entries[entry];
        return e.Names.Count > 0 ? e.Names[0] : new ListedName(e.Id, NameKind.Primary);
    }

    /// <summary>Identifiers compared as upper-case letters and digits ("IMO 9562233" as 9562233); too short to be specific: null.</summary>
    public static string? IdentifierKey(string? value)
    {
        if (value is null) return null;
        var sb = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (char.IsAsciiLetterOrDigit(c)) sb.Append(char.ToUpperInvariant(c));
        }
        var s = sb.ToString();
        if (s.StartsWith("IMO", StringComparison.Ordinal) && s.Length > 3 && s[3..].All(char.IsAsciiDigit)) s = s[3..];
        var digits = s.Count(char.IsAsciiDigit);
        return digits >= 5 && s.Length >= 6 ? s : null;
    }
}
