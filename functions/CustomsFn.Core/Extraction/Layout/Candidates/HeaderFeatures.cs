using System.Globalization;
using System.Text.RegularExpressions;

namespace CustomsFn.Core.Extraction.Layout.Candidates;

/// <summary>
/// The candidates of the header fields the model scores and their features: one function per field, each feature
/// named (<see cref="Names"/>) so that a model file states which features its weights belong to.
/// </summary>
public static partial class HeaderFeatures
{
    /// <summary>The fields scored by the header model.</summary>
    public static readonly IReadOnlyList<string> Fields = [FieldNames.TotalAmount, FieldNames.IssueDate, FieldNames.SellerName, FieldNames.SellerAddress];

    public static readonly IReadOnlyDictionary<string, string[]> Names = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        [FieldNames.TotalAmount] =
        [
            "label_total_left", "label_total_above", "label_subtotal_left", "label_tax_left", "label_freight_left", "kw_payment", "kw_change", "kw_rounding",
            "kw_quantity", "kw_discount", "kw_payable", "kw_total_word", "is_max", "rank_from_max", "same_value_count", "rel_y", "is_rightmost",
            "two_decimals", "currency_on_line", "subtotal_plus_tax", "payment_minus_change", "rule_agrees", "in_table", "height_ratio", "percent_on_line",
            "rule_confidence", "text_layer", "rule_confidence_text_layer", "rule_labelled",
        ],
        [FieldNames.IssueDate] =
        [
            "label_date_left", "label_date_above", "kw_other_date", "time_on_line", "rel_y", "is_first_date", "date_rank", "ambiguous_numeric",
            "plausible_year", "same_value_count", "rule_agrees", "in_table", "label_other_left", "rule_confidence", "text_layer", "rule_confidence_text_layer", "rule_labelled",
        ],
        [FieldNames.SellerName] =
        [
            "line_rank", "is_first_text_line", "legal_form", "legal_form_last", "upper_ratio", "digit_ratio", "length", "height_ratio", "is_label",
            "is_title", "seller_label_near", "buyer_label_near", "rule_agrees", "street_words", "contact_words", "centered", "two_lines", "next_has_legal_form",
            "rule_confidence", "text_layer", "rule_confidence_text_layer", "rule_labelled", "identifier_line",
        ],
        [FieldNames.SellerAddress] =
        [
            "start_rank", "line_count", "postcode_last", "postcode_any", "country_or_state_last", "contact_inside", "label_inside", "date_inside",
            "next_is_contact", "next_is_end", "prev_is_name", "street_words", "digit_ratio", "legal_form_inside", "rule_overlap", "starts_after_rule_name",
            "prev_is_first_text", "rule_confidence", "text_layer", "rule_confidence_text_layer", "rule_labelled", "identifier_line_inside",
        ],
    };

    /// <summary>Candidates of every scored field, with their features.</summary>
    public static Dictionary<string, List<HeaderCandidate>> Generate(CandidateContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var result = new Dictionary<string, List<HeaderCandidate>>(StringComparer.Ordinal)
        {
            [FieldNames.TotalAmount] = Amounts(context),
            [FieldNames.IssueDate] = Dates(context),
            [FieldNames.SellerName] = Names_(context),
            [FieldNames.SellerAddress] = Addresses(context),
        };
        foreach (var (field, list) in result) AddRuleCandidate(context, field, list);
        return result;
    }

    /// <summary>
    /// The rules' value as a candidate of its own when no candidate carries it (a seller block further down the page,
    /// a total computed from the subtotal and tax): no position features, only that the rules chose it and how surely.
    /// Its words are empty: the value keeps the rules' source.
    /// </summary>
    private static void AddRuleCandidate(CandidateContext c, string field, List<HeaderCandidate> list)
    {
        if (!c.RuleFields.TryGetValue(field, out var rule)) return;
        var names = Names[field];
        if (list.Any(x => x.Features[Array.IndexOf(names, field == FieldNames.SellerAddress ? "rule_overlap" : "rule_agrees")] >= 1)) return;
        var f = new double[names.Length];
        f[Array.IndexOf(names, field == FieldNames.SellerAddress ? "rule_overlap" : "rule_agrees")] = 1;
        var at = Array.IndexOf(names, "rule_confidence");
        f[at] = rule.Confidence ?? 0;
        f[at + 1] = B(c.TextLayer);
        f[at + 2] = c.TextLayer ? f[at] : 0;
        f[at + 3] = B(f[at] >= LabelledConfidence);
        list.Add(new HeaderCandidate(field, rule.Value, c.FirstPage, [], f));
    }

    /// <summary>Whether the words come from a PDF text layer (not OCR), and the rules' confidence on a text layer only.</summary>
    /// <summary>
    /// Whether the words come from a PDF text layer (not OCR); the rules' confidence on a text layer only; and whether
    /// the rules read the value beside a label (confidence from <see cref="LabelledConfidence"/>) rather than guessed it.
    /// </summary>
    private static double[] TextLayer(CandidateContext c, double ruleConfidence) =>
        [B(c.TextLayer), c.TextLayer ? ruleConfidence : 0, B(ruleConfidence >= LabelledConfidence)];

    /// <summary>The rules give a label-anchored value at least this confidence, a positional guess less (0.44-0.55).</summary>
    public const double LabelledConfidence = 0.6;

    /// <summary>The rules' confidence in their value when the candidate agrees with it, else 0.</summary>
    private static double RuleConfidence(CandidateContext c, string field, bool agrees) =>
        agrees && c.RuleFields.TryGetValue(field, out var f) ? f.Confidence ?? 0 : 0;

    private static double B(bool b) => b ? 1 : 0;

    // ------------------------------------------------------------------ amounts

    private static List<HeaderCandidate> Amounts(CandidateContext c)
    {
        var raw = new List<(int Line, int Seg, decimal Value, IReadOnlyList<TextWord> Words, bool TwoDecimals)>();
        for (var i = 0; i < c.Lines.Count; i++)
        {
            var line = c.Lines[i];
            for (var s = 0; s < line.Segments.Count; s++)
            {
                var seg = line.Segments[s];
                // The whole segment as a number, else its last word ("TOTAL 9.00", "RM 9.00").
                var text = TextNormalizer.Compatibility(seg.Text);
                var words = seg.Words;
                var m = AmountPattern().Match(text);
                // Digits of a date, a time or a phone number are no amount.
                if (!m.Success || LocaleDates.Find(text) is not null || TimePattern().IsMatch(text)) continue;
                if (LocaleNumbers.Parse(m.Groups["n"].Value, c.Language) is not { } v || v <= 0 || v >= 1e10m) continue;
                var twoDecimals = DecimalsPattern().IsMatch(m.Groups["n"].Value);
                // A long run of digits without group separators is an identifier (a phone, an account), not an amount.
                if (!twoDecimals && m.Groups["n"].Value.Length > 7 && m.Groups["n"].Value.All(char.IsAsciiDigit)) continue;
                var valueWords = words.Where(w => m.Groups["n"].Value.Contains(TextNormalizer.Compatibility(w.Text).Trim(), StringComparison.Ordinal)).ToList();
                raw.Add((i, s, v, valueWords.Count > 0 ? valueWords : [words[^1]], twoDecimals));
            }
        }
        var values = raw.Select(r => r.Value).ToList();
        var max = values.Count == 0 ? 0 : values.Max();
        var subtotals = raw.Where(r => c.LabelLeft(r.Line, r.Seg, FieldNames.LineTotal)).Select(r => r.Value).Distinct().ToList();
        var taxes = raw.Where(r => c.LabelLeft(r.Line, r.Seg, FieldNames.TaxAmount)).Select(r => r.Value).Distinct().ToList();
        var payments = raw.Where(r => c.HasKeyword(r.Line, Keywords.Payment) && !c.HasKeyword(r.Line, Keywords.Change)).Select(r => r.Value).Distinct().ToList();
        var changes = raw.Where(r => c.HasKeyword(r.Line, Keywords.Change)).Select(r => r.Value).Distinct().ToList();
        var rule = c.RuleFields.GetNumber(FieldNames.TotalAmount);
        var result = new List<HeaderCandidate>();
        foreach (var r in raw)
        {
            var line = c.Lines[r.Line];
            var seg = line.Segments[r.Seg];
            double[] f =
            [
                B(c.LabelLeft(r.Line, r.Seg, FieldNames.TotalAmount)),
                B(c.LabelAbove(r.Line, seg, FieldNames.TotalAmount)),
                B(c.LabelLeft(r.Line, r.Seg, FieldNames.LineTotal)),
                B(c.LabelLeft(r.Line, r.Seg, FieldNames.TaxAmount)),
                B(c.LabelLeft(r.Line, r.Seg, FieldNames.FreightAmount)),
                B(c.HasKeyword(r.Line, Keywords.Payment)),
                B(c.HasKeyword(r.Line, Keywords.Change)),
                B(c.HasKeyword(r.Line, Keywords.Rounding)),
                B(c.HasKeyword(r.Line, Keywords.Quantity)),
                B(c.HasKeyword(r.Line, Keywords.Discount)),
                B(c.HasKeyword(r.Line, Keywords.Payable)),
                B(c.HasKeyword(r.Line, Keywords.TotalWord)),
                B(r.Value == max),
                values.Count <= 1 ? 0 : (double)values.Count(v => v > r.Value) / values.Count,
                Math.Min(values.Count(v => v == r.Value) - 1, 3) / 3.0,
                c.RelativeY(r.Line),
                B(r.Seg == line.Segments.Count - 1),
                B(r.TwoDecimals),
                B(c.HasKeyword(r.Line, Keywords.Currency) || line.Text.IndexOfAny(['$', '€', '£', '¥']) >= 0),
                B(subtotals.Any(s => taxes.Any(t => t > 0 && s + t == r.Value))),
                B(payments.Any(p => changes.Any(ch => p - ch == r.Value && ch > 0))),
                B(rule == r.Value),
                B(c.TableLines.Contains(line)),
                Math.Min(line.Height / c.MedianHeight, 3) / 3,
                B(line.Text.Contains('%', StringComparison.Ordinal)),
                RuleConfidence(c, FieldNames.TotalAmount, rule == r.Value),
                .. TextLayer(c, RuleConfidence(c, FieldNames.TotalAmount, rule == r.Value)),
            ];
            result.Add(new HeaderCandidate(FieldNames.TotalAmount, r.Value, line.Page, r.Words, f));
        }
        return result;
    }

    [GeneratedRegex(@"(?<![\d.,/:-])(?<n>\d{1,3}(?:[,. ']\d{3})*(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?)\s*(?:[A-Z]{2,3}|[$€£¥])?\s*$")]
    private static partial Regex AmountPattern();

    [GeneratedRegex(@"[.,]\d{2}$")]
    private static partial Regex DecimalsPattern();

    // ------------------------------------------------------------------ dates

    private static List<HeaderCandidate> Dates(CandidateContext c)
    {
        var raw = new List<(int Line, int Seg, string Iso, string Text, IReadOnlyList<TextWord> Words)>();
        for (var i = 0; i < c.Lines.Count; i++)
        {
            var line = c.Lines[i];
            for (var s = 0; s < line.Segments.Count; s++)
            {
                var text = TextNormalizer.Compatibility(line.Segments[s].Text);
                if (LocaleDates.Find(text, c.MonthFirst) is not { } found) continue;
                raw.Add((i, s, found.Iso, text.Substring(found.Index, found.Length), line.Segments[s].Words));
            }
        }
        var rule = c.RuleFields.GetText(FieldNames.IssueDate);
        var result = new List<HeaderCandidate>();
        for (var k = 0; k < raw.Count; k++)
        {
            var r = raw[k];
            var line = c.Lines[r.Line];
            var year = int.TryParse(r.Iso.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var y) ? y : 0;
            var otherLabel = c.Labels[r.Line].Take(r.Seg + 1).Any(set => set.Count > 0 && !set.Contains(FieldNames.IssueDate));
            double[] f =
            [
                B(c.LabelLeft(r.Line, r.Seg, FieldNames.IssueDate)),
                B(c.LabelAbove(r.Line, line.Segments[r.Seg], FieldNames.IssueDate)),
                B(c.HasKeyword(r.Line, Keywords.OtherDate)),
                B(TimePattern().IsMatch(line.Text)),
                c.RelativeY(r.Line),
                B(k == 0),
                raw.Count <= 1 ? 0 : (double)k / (raw.Count - 1),
                B(AmbiguousDate().IsMatch(r.Text)),
                B(year is >= 1990 and <= 2040),
                Math.Min(raw.Count(x => x.Iso == r.Iso) - 1, 3) / 3.0,
                B(rule == r.Iso),
                B(c.TableLines.Contains(line)),
                B(otherLabel),
                RuleConfidence(c, FieldNames.IssueDate, rule == r.Iso),
                .. TextLayer(c, RuleConfidence(c, FieldNames.IssueDate, rule == r.Iso)),
            ];
            result.Add(new HeaderCandidate(FieldNames.IssueDate, r.Iso, line.Page, r.Words, f));
        }
        return result;
    }

    [GeneratedRegex(@"\b\d{1,2}:\d{2}")]
    private static partial Regex TimePattern();

    [GeneratedRegex(@"^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}$")]
    private static partial Regex AmbiguousDate();

    // ------------------------------------------------------------------ seller name

    /// <summary>How many lines from the top of the first page the name and address candidates come from.</summary>
    public const int TopLines = 14;

    private static List<HeaderCandidate> Names_(CandidateContext c)
    {
        var top = TopIndexes(c);
        var firstText = top.FirstOrDefault(i => c.Lines[i].Text.Count(char.IsLetter) >= 3, -1);
        var rule = c.RuleFields.GetText(FieldNames.SellerName);
        var result = new List<HeaderCandidate>();
        for (var k = 0; k < top.Count; k++)
        {
            var i = top[k];
            var line = c.Lines[i];
            foreach (var seg in line.Segments)
            {
                if (seg.Text.Count(char.IsLetter) < 2) continue;
                foreach (var text in WithoutRegistration(seg.Text))
                    result.Add(NameCandidate(c, top, k, firstText, rule, text, seg.Words, false));
                // A name over two or three lines ("LIGHTROOM" / "GALLERY SDN BHD"): the segment and the first ones under it.
                if (seg != line.Segments[0]) continue;
                var joined = seg.Text;
                List<TextWord> words = [.. seg.Words];
                for (var j = k + 1; j < top.Count && j <= k + 2; j++)
                {
                    var next = c.Lines[top[j]].Segments[0];
                    if (next.Text.Count(char.IsLetter) < 2) break;
                    joined += " " + next.Text;
                    words.AddRange(next.Words);
                    foreach (var text in WithoutRegistration(joined))
                        result.Add(NameCandidate(c, top, k, firstText, rule, text, words, true));
                }
            }
        }
        return result;
    }

    /// <summary>The name as written, and without a registration number after it ("99 SPEED MART S/B (519537-X)").</summary>
    private static IEnumerable<string> WithoutRegistration(string text)
    {
        yield return text;
        if (NameWithoutRegistration(text) is { } name) yield return name;
    }

    /// <summary>The name before a trailing registration number ("99 SPEED MART S/B" of "99 SPEED MART S/B (519537-X)"), or null when there is none.</summary>
    public static string? NameWithoutRegistration(string text)
    {
        var m = TrailingRegistration().Match(text);
        return m.Success && m.Index > 2 ? text[..m.Index].TrimEnd() : null;
    }

    [GeneratedRegex(@"\s*[(\[]?\s*(?:co\.?\s*(?:reg\.?|no\.?)\s*[:.]?\s*)?\d[\d-]{3,}\s*-?\s*[A-Z]?\s*[)\]]?(?:\s*\([A-Z]{2,4}\))?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex TrailingRegistration();

    private static HeaderCandidate NameCandidate(CandidateContext c, List<int> top, int k, int firstText, string? rule, string text, IReadOnlyList<TextWord> words, bool twoLines)
    {
        var i = top[k];
        var line = c.Lines[i];
        var tokens = CandidateContext.Tokens(text);
        var lastToken = CandidateContext.Tokens(text.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1]);
        var letters = text.Count(char.IsLetter);
        var folded = TextNormalizer.Fold(TextNormalizer.Compatibility(text));
        var isLabel = Lexicon.Lookup(folded, LabelKind.Field).Any() || Lexicon.Lookup(folded, LabelKind.Party).Any();
        var near = Enumerable.Range(Math.Max(0, i - 2), Math.Min(3, i + 1)).ToList();
        var centre = (words.Min(w => w.X0) + words.Max(w => w.X1)) / 2;
        var nextLegal = k + 1 < top.Count && !twoLines && c.HasKeyword(top[k + 1], Keywords.LegalForm);
        double[] f =
        [
            (double)k / TopLines,
            B(i == firstText),
            B(tokens.Overlaps(Keywords.LegalForm)),
            B(lastToken.Overlaps(Keywords.LegalForm)),
            letters == 0 ? 0 : (double)text.Count(char.IsUpper) / letters,
            text.Length == 0 ? 0 : (double)text.Count(char.IsDigit) / text.Length,
            Math.Min(text.Length, 60) / 60.0,
            Math.Min(line.Height / c.MedianHeight, 3) / 3,
            B(isLabel),
            B(tokens.Overlaps(Keywords.Title)),
            B(near.Any(n => c.Labels[n].Any(s => s.Contains(Lexicon.Seller)))),
            B(near.Any(n => c.Labels[n].Any(s => s.Contains(Lexicon.Buyer)))),
            B(rule is not null && TextNormalizer.Fold(rule) == folded),
            B(tokens.Overlaps(Keywords.Street)),
            B(tokens.Overlaps(Keywords.Contact)),
            B(Math.Abs(centre - c.PageWidth / 2) < c.PageWidth * 0.12),
            B(twoLines),
            B(nextLegal),
            RuleConfidence(c, FieldNames.SellerName, rule is not null && TextNormalizer.Fold(rule) == folded),
            .. TextLayer(c, RuleConfidence(c, FieldNames.SellerName, rule is not null && TextNormalizer.Fold(rule) == folded)),
            B(IsIdentifierLine(text)),
        ];
        return new HeaderCandidate(FieldNames.SellerName, text.Trim(), line.Page, words, f);
    }

    private static List<int> TopIndexes(CandidateContext c) =>
        Enumerable.Range(0, c.Lines.Count).Where(i => c.Lines[i].Page == c.FirstPage && !c.TableLines.Contains(c.Lines[i])).Take(TopLines).ToList();

    // ------------------------------------------------------------------ seller address

    private const int MaxAddressLines = 6;

    private static List<HeaderCandidate> Addresses(CandidateContext c)
    {
        var top = TopIndexes(c);
        var firstText = top.FirstOrDefault(i => c.Lines[i].Text.Count(char.IsLetter) >= 3, -1);
        var rule = c.RuleFields.GetText(FieldNames.SellerAddress);
        var ruleName = c.RuleFields.GetText(FieldNames.SellerName) is { } rn ? TextNormalizer.Fold(rn) : null;
        var result = new List<HeaderCandidate>();
        for (var a = 0; a < top.Count; a++)
        {
            for (var n = 1; n <= MaxAddressLines && a + n <= top.Count; n++)
            {
                var idx = top.Skip(a).Take(n).ToList();
                // The address column: the first segment of each line, or the whole line when it has one segment.
                var parts = idx.Select(i => c.Lines[i].Segments[0]).ToList();
                var texts = parts.Select(p => p.Text.Trim().TrimEnd(',')).ToList();
                var joined = string.Join(", ", texts);
                var last = texts[^1];
                var prev = a > 0 ? c.Lines[top[a - 1]] : null;
                var next = a + n < top.Count ? c.Lines[top[a + n]] : null;
                var tokens = CandidateContext.Tokens(joined);
                double[] f =
                [
                    (double)a / TopLines,
                    n / (double)MaxAddressLines,
                    B(PostcodePattern().IsMatch(last)),
                    B(texts.Any(t => PostcodePattern().IsMatch(t))),
                    B(Countries.FromAddress([last]) is not null || StatePattern().IsMatch(TextNormalizer.Fold(last))),
                    B(idx.Any(i => c.HasKeyword(i, Keywords.Contact))),
                    B(idx.Any(i => c.Labels[i].Any(s => s.Count > 0))),
                    B(idx.Any(i => LocaleDates.Find(c.Lines[i].Text) is not null)),
                    B(next is not null && c.HasKeyword(top[a + n], Keywords.Contact)),
                    B(next is null || c.Labels[top[a + n]].Any(s => s.Count > 0) || LocaleDates.Find(next.Text) is not null),
                    B(prev is not null && c.HasKeyword(top[a - 1], Keywords.LegalForm)),
                    B(tokens.Overlaps(Keywords.Street)),
                    joined.Length == 0 ? 0 : (double)joined.Count(char.IsDigit) / joined.Length,
                    B(idx.Any(i => c.HasKeyword(i, Keywords.LegalForm))),
                    rule is null ? 0 : TokenF1(rule, joined),
                    B(ruleName is not null && prev is not null && TextNormalizer.Fold(prev.Segments[0].Text) == ruleName),
                    B(prev is not null && a > 0 && top[a - 1] == firstText),
                    rule is null ? 0 : TokenF1(rule, joined) * RuleConfidence(c, FieldNames.SellerAddress, true),
                    .. TextLayer(c, rule is null ? 0 : TokenF1(rule, joined) * RuleConfidence(c, FieldNames.SellerAddress, true)),
                    B(texts.Any(IsIdentifierLine)),
                ];
                result.Add(new HeaderCandidate(FieldNames.SellerAddress, joined, c.Lines[idx[0]].Page, [.. parts.SelectMany(p => p.Words)], f));
            }
        }
        return result;
    }

    /// <summary>A registration or account number alone on its line ("(789417-W)", "CO. REG 12345"): digits, hardly any words.</summary>
    public static bool IsIdentifierLine(string text) =>
        text.Count(char.IsDigit) >= 4 && text.Count(char.IsLetter) <= 3 + (text.Contains("reg", StringComparison.OrdinalIgnoreCase) ? 3 : 0);

    /// <summary>Token F1 of two texts (letter and digit runs, case-folded): 1 for the same tokens, 0 for none shared.</summary>
    public static double TokenF1(string a, string b)
    {
        var x = TokenList(a);
        var y = TokenList(b);
        if (x.Count == 0 || y.Count == 0) return 0;
        var pool = x.GroupBy(t => t, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var common = 0;
        foreach (var t in y)
            if (pool.TryGetValue(t, out var k) && k > 0) { pool[t] = k - 1; common++; }
        if (common == 0) return 0;
        double p = (double)common / y.Count, r = (double)common / x.Count;
        return 2 * p * r / (p + r);
    }

    public static List<string> TokenList(string s) =>
        TokenPattern().Matches(TextNormalizer.Compatibility(s).ToUpperInvariant()).Select(m => m.Value).ToList();

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex TokenPattern();

    [GeneratedRegex(@"(?<!\d)\d{4,6}(?!\d)|\b[A-Z]{1,2}\d{1,2}[A-Z]?\s\d[A-Z]{2}\b")]
    private static partial Regex PostcodePattern();

    [GeneratedRegex(@"\b(johor|selangor|kuala lumpur|penang|pulau pinang|perak|kedah|melaka|malacca|negeri sembilan|pahang|terengganu|kelantan|sabah|sarawak|perlis|putrajaya|singapore|malaysia)\b")]
    private static partial Regex StatePattern();
}
