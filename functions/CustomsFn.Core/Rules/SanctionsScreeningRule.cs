using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CustomsFn.Core.Screening;

namespace CustomsFn.Core.Rules;

/// <summary>
/// SANC-001 / SANC-002: every party of every document (each header field named <c>…Name</c>: seller, buyer, declarant,
/// and any consignee, notify party, carrier or bank a document carries) screened against the sanctions and denied-party
/// lists, with the party's country and identifiers (<c>…Country</c>, <c>…TaxId</c>, <c>…Id</c>) where the document gives them.
/// </summary>
public sealed class SanctionsScreeningRule(ScreeningIndex? index = null) : IRule
{
    private const string Lists = "UN Security Council Consolidated List; OFAC SDN and non-SDN lists (31 CFR chapter V); UK Sanctions List (SAMLA 2018); BIS Denied Persons List (15 CFR 764.3(a)(2)); US Consolidated Screening List";

    public static readonly RuleInfo PossibleMatch = new("SANC-001", Severity.Warning,
        "A party's name resembles a sanctions or denied-party list entry (possible match): held for compliance review with the entry, programme, matched name and score", Lists);

    public static readonly RuleInfo StrongMatch = new("SANC-002", Severity.Error,
        "A party matches a list entry by identifier, or by exact full name with an agreeing country (strong match; a weak alias alone never is): rejected, held for compliance", Lists);

    private ScreeningIndex Index => index ?? ScreeningIndex.Default;

    /// <summary>Parties seen recently (the same seller on many invoices), with their matches: screened once, until the cache is full.</summary>
    private readonly ConcurrentDictionary<string, IReadOnlyList<ScreeningMatch>> _recent = new(StringComparer.Ordinal);

    /// <summary>How many distinct parties the cache holds before it starts again.</summary>
    public const int RecentParties = 20_000;

    internal int CachedParties => _recent.Count;

    public IReadOnlyList<RuleInfo> Describes => [PossibleMatch, StrongMatch];

    /// <summary>The list editions parties are screened against ("un-sc: 2026-02-27", ...).</summary>
    public IReadOnlyList<string> Editions => Index.EditionLabels;

    /// <summary>The party fields of a document: header fields named <c>…Name</c> with a non-empty value, in field-name order.</summary>
    public static IEnumerable<string> PartyFields(FieldSet fields) =>
        fields.Keys.Where(k => k.Length > 4 && k.EndsWith("Name", StringComparison.Ordinal) && !string.IsNullOrWhiteSpace(fields.GetText(k)))
            .Order(StringComparer.Ordinal);

    /// <summary>The party a name field names: the name, and the same party's country, identifiers and address (<c>…Country</c>, <c>…TaxId</c>, <c>…Id</c>, <c>…Address</c>).</summary>
    public static PartyQuery PartyOf(FieldSet fields, string nameField)
    {
        var prefix = nameField[..^4];
        var country = CountryNames.TryParse(fields.GetText(prefix + "Country"), out var c) ? c.Value : null;
        var ids = new[] { prefix + "TaxId", prefix + "Id" }.Select(fields.GetText).OfType<string>().ToList();
        return new PartyQuery(fields.GetText(nameField) ?? "", country, PartyType.Unknown, ids, fields.GetText(prefix + "Address"));
    }

    public void Evaluate(RuleContext context)
    {
        foreach (var field in PartyFields(context.Fields))
        {
            var matches = ScreenCached(PartyOf(context.Fields, field));
            if (matches.Count == 0) continue;
            var best = matches[0];
            var others = matches.Count > 1
                ? string.Create(CultureInfo.InvariantCulture, $" Also resembles: {string.Join(", ", matches.Skip(1).Select(m => $"{m.Entry.Id} {m.Entry.PrimaryName} ({m.Score:0.00})"))}.")
                : "";
            var rule = best.IsStrong ? StrongMatch : PossibleMatch;
            context.Report(rule, field, Message(field, best) + others, Reference(best), Describe(matches));
        }
    }

    private IReadOnlyList<ScreeningMatch> ScreenCached(PartyQuery party)
    {
        var key = string.Join('\u001F', [party.Name, party.Country ?? "", .. party.Identifiers ?? []]);
        if (_recent.TryGetValue(key, out var cached)) return cached;
        var matches = Index.Screen(party, max: 3);
        if (_recent.Count >= RecentParties) _recent.Clear();
        _recent.TryAdd(key, matches);
        return matches;
    }

    private static string Message(string field, ScreeningMatch m)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{field}: {(m.IsStrong ? "strong" : "possible")} match, score {m.Score:0.00}, with {m.Entry.Id} \"{m.Entry.PrimaryName}\"");
        sb.Append(CultureInfo.InvariantCulture, $" ({m.Entry.List}, programme {m.Entry.Programme}, {m.Entry.Type.ToString().ToLowerInvariant()}): ");
        sb.Append(m.Explain()).Append('.');
        return sb.ToString();
    }

    /// <summary>The best match as the finding's data (the list entry, the matched name and its kind, score, reasons), with the further entries it resembles.</summary>
    public static SanctionsMatch Describe(IReadOnlyList<ScreeningMatch> matches)
    {
        ArgumentNullException.ThrowIfNull(matches);
        if (matches.Count == 0) throw new ArgumentException("No match to describe.", nameof(matches));
        var m = matches[0];
        return new SanctionsMatch
        {
            EntryId = m.Entry.Id,
            List = m.Entry.List,
            Programme = m.Entry.Programme,
            EntryType = m.Entry.Type.ToString().ToLowerInvariant(),
            PrimaryName = m.Entry.PrimaryName,
            MatchedName = m.MatchedName.Text,
            MatchedNameKind = KindName(m.MatchedName.Kind),
            Score = Math.Round(m.Score, 3),
            NameSimilarity = Math.Round(m.NameSimilarity, 3),
            Strong = m.IsStrong,
            MatchedIdentifier = m.MatchedIdentifier,
            Countries = m.Entry.Countries,
            Reasons = m.Reasons,
            Also = matches.Count > 1
                ? [.. matches.Skip(1).Select(o => new SanctionsMatchAlso { EntryId = o.Entry.Id, List = o.Entry.List, PrimaryName = o.Entry.PrimaryName, Score = Math.Round(o.Score, 3) })]
                : null,
        };
    }

    /// <summary>How the result contract spells a name kind: <c>primary</c>, <c>strong-alias</c>, <c>weak-alias</c>, <c>original-script</c>.</summary>
    public static string KindName(NameKind kind) => kind switch
    {
        NameKind.Primary => "primary",
        NameKind.StrongAlias => "strong-alias",
        NameKind.WeakAlias => "weak-alias",
        NameKind.OriginalScript => "original-script",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static string Reference(ScreeningMatch m) => $"{m.Entry.List} entry {m.Entry.Id}, programme {m.Entry.Programme}";

    /// <summary>The contract's spelling (<see cref="KindName"/>) of a name kind as the message words it.</summary>
    private static string KindNameOf(string words) => words switch
    {
        "primary name" => KindName(NameKind.Primary),
        "strong alias" => KindName(NameKind.StrongAlias),
        "weak alias" => KindName(NameKind.WeakAlias),
        _ => KindName(NameKind.OriginalScript),
    };

    private static readonly Regex ReferenceText = new(@"^(?<list>\S+) entry (?<id>.+?), programme (?<programme>.*)$", RegexOptions.CultureInvariant | RegexOptions.Singleline);
    private static readonly Regex MatchedText = new("with the (?<kind>primary name|strong alias|weak alias|original-script name) \"(?<name>.*?)\" \\(", RegexOptions.CultureInvariant | RegexOptions.Singleline);

    /// <summary>
    /// The match a SANC-001 / SANC-002 finding of this rule reports, read back from its reference and message (the
    /// formats of <see cref="Reference"/> and <see cref="Message"/> above): so that a shipment reuses a document's
    /// screening instead of screening its parties again. Null when the finding is not one of this rule's or does not read.
    /// </summary>
    public static ReportedMatch? Read(Finding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        if (finding.Rule != PossibleMatch.Id && finding.Rule != StrongMatch.Id) return null;
        // The finding's data, when it carries it; results stored before it did are read from the words.
        if (finding.SanctionsMatch is { } data)
        {
            return new ReportedMatch(finding.Path, data.Strong, data.EntryId, data.List, data.Programme, data.PrimaryName, data.MatchedName,
                data.MatchedNameKind, Math.Round(data.Score, 2, MidpointRounding.AwayFromZero));
        }
        if (finding.Reference is null || ReferenceText.Match(finding.Reference) is not { Success: true } r) return null;
        var (list, id, programme) = (r.Groups["list"].Value, r.Groups["id"].Value, r.Groups["programme"].Value);
        var head = new Regex(
            "^" + Regex.Escape(finding.Path) + @": (?<verdict>strong|possible) match, score (?<score>\d+(?:\.\d+)?), with " + Regex.Escape(id)
            + " \"(?<primary>.*?)\" \\(" + Regex.Escape(list) + ", programme " + Regex.Escape(programme) + ", ",
            RegexOptions.CultureInvariant | RegexOptions.Singleline);
        if (head.Match(finding.Message) is not { Success: true } h) return null;
        if (!double.TryParse(h.Groups["score"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var score)) return null;
        var matched = MatchedText.Match(finding.Message, h.Length);
        return new ReportedMatch(finding.Path, h.Groups["verdict"].Value == "strong", id, list, programme, h.Groups["primary"].Value,
            matched.Success ? matched.Groups["name"].Value : null, matched.Success ? KindNameOf(matched.Groups["kind"].Value) : null, score);
    }
}
