using CustomsFn.Core.Extraction.Layout.Candidates;

namespace CustomsFn.Core.Extraction.Layout;

/// <summary>
/// The learned stage of the layout engine: after the hand-written rules have read the header, the header model
/// (<see cref="HeaderModel"/>) ranks every candidate of the fields it scores (total amount, issue date, seller name and
/// address), with the rules' choice as one feature among others, and its calibrated probability becomes the value's
/// confidence. Where a field has no candidate, the rules' value stays.
/// </summary>
public sealed partial class LayoutFieldExtractor
{
    private readonly HeaderModel? _headerModel;

    /// <summary>The engine with the header model shipped in the assembly.</summary>
    public LayoutFieldExtractor() : this(HeaderModel.Default) { }

    /// <summary>The engine with a given header model, or the hand-written rules alone (null).</summary>
    public LayoutFieldExtractor(HeaderModel? headerModel) => _headerModel = headerModel;

    /// <summary>Below this probability the model's best candidate of a field the rules left empty is not given.</summary>
    public const double MinProbabilityWithoutRules = 0.1;

    private Dictionary<string, List<HeaderCandidate>> ApplyHeaderModel(State state, string type)
    {
        var context = new CandidateContext(state.All, state.Language, state.TableLines, state.Fields) { MonthFirst = state.MonthFirst, TextLayer = state.Pages.Count > 0 && state.Pages[0].Unit == PageText.Points };
        var candidates = HeaderFeatures.Generate(context);
        // Where the rules found no trade content at all (a table of digits), the model adds none: REQ-004 sends it to a person.
        if (_headerModel is null || (state.Fields.Count == 0 && state.Tables.Count == 0)) return candidates;
        var rules = new FieldSet();
        foreach (var (k, v) in state.Fields) rules[k] = v;
        foreach (var field in HeaderFeatures.Fields)
        {
            // A heading ("PAYMENT RECEIPT") or a legal form alone ("SDN BHD") is no name however the model scores it: the candidates stay as generated (the
            // model is trained on them), the choice skips them.
            var offered = field == FieldNames.SellerName ? SellerNames(candidates[field]) : candidates[field];
            if (_headerModel.Pick(field, offered) is not { } pick) continue;
            // Where the rules found nothing, an unlikely candidate is no value (a packing list has no invoice total).
            if (!rules.ContainsKey(field) && (pick.Probability < MinProbabilityWithoutRules || (field == FieldNames.TotalAmount && type == DocumentType.PackingList))) continue;
            var source = pick.Candidate.Words.Count > 0 ? state.Source(pick.Candidate.Page, pick.Candidate.Words) : rules.SourceOf(field);
            state.Fields.Set(field, pick.Candidate.Value, Math.Round(Math.Clamp(pick.Probability, 0.01, 0.99), 3), source);
            state.ModelFields.Add(field);
        }
        return candidates;
    }

    /// <summary>
    /// The seller-name candidates the choice may take: no heading or legal form alone (<see cref="Keywords.NamesNobody"/>); no
    /// name with its registration number where the name without it is a candidate too: the number is no part of the name
    /// ("99 SPEED MART S/B (519537-X)" is "99 SPEED MART S/B"); and no name ending in a joining word or sign where its
    /// continuation on the next line is a candidate ("HOME MASTER HARDWARE &" is "HOME MASTER HARDWARE & ELECTRICAL").
    /// </summary>
    private static List<HeaderCandidate> SellerNames(List<HeaderCandidate> candidates)
    {
        var values = candidates.Select(c => c.Value as string).OfType<string>().ToHashSet(StringComparer.Ordinal);
        return candidates.Where(c => c.Value is not string t
            || (!Keywords.NamesNobody(t)
                && !(HeaderFeatures.NameWithoutRegistration(t) is { } name && values.Contains(name))
                && !(EndsWithJoin(t) && values.Any(v => v.Length > t.Length + 1 && v.StartsWith(t + " ", StringComparison.Ordinal))))).ToList();
    }

    /// <summary>Words and signs that join a name to its next part: a name ending in one goes on.</summary>
    private static readonly string[] Joins = ["&", "+", "-", ",", "and", "und", "et", "y", "e", "en", "og", "och"];

    private static bool EndsWithJoin(string name)
    {
        var last = name.TrimEnd().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (last.Length < 2) return false;
        var word = last[^1];
        return Joins.Contains(word.ToLowerInvariant(), StringComparer.Ordinal) || word.EndsWith('&') || word.EndsWith(',');
    }
}
