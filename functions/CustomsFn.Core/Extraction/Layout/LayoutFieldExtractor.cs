using System.Globalization;
using System.Text.RegularExpressions;

namespace CustomsFn.Core.Extraction.Layout;

/// <summary>
/// The shared field and table engine of every layout-based extractor (text PDF, OCR): from positioned words to canonical
/// fields and goods lines. Lines in reading order; label-anchored values (label to the right or above); goods tables cut
/// at whitespace gaps and named by their header labels; document type, language and currency from content; confidence
/// from label-match quality, OCR word confidence and arithmetic cross-checks (which may also repair a single OCR digit).
/// </summary>
public sealed partial class LayoutFieldExtractor
{
    /// <summary>The rule id of the info finding written when a cross-check repaired an OCR digit.</summary>
    public const string RepairRule = "EXTRACT-REPAIR";

    /// <summary>The rule id of the warning written when a correction the arithmetic suggested contradicts the printed subtotal (not made).</summary>
    public const string RepairContradictedRule = "EXTRACT-REPAIR-CONTRADICTED";

    /// <summary>The rule id of the info finding that states the detected language and document type.</summary>
    public const string LayoutRule = "EXTRACT-LAYOUT";

    private const double ExactLabel = 0.95;
    private const double PrefixLabel = 0.9;
    private const double FuzzyLabel = 0.72;
    private const double Heuristic = 0.55;

    /// <summary>Reads the pages into an extracted document and the extractor's notes (repairs).</summary>
    public ExtractionResult Extract(IReadOnlyList<PageText> pages, string format, ExtractorInfo extractor) =>
        ExtractWithCandidates(pages, format, extractor).Result;

    /// <summary>As <see cref="Extract"/>, with the header candidates the model ranked (for training and inspection).</summary>
    public (ExtractionResult Result, IReadOnlyDictionary<string, List<Candidates.HeaderCandidate>> Candidates) ExtractWithCandidates(
        IReadOnlyList<PageText> pages, string format, ExtractorInfo extractor)
    {
        ArgumentNullException.ThrowIfNull(pages);
        var state = new State(pages);
        var language = LanguageDetector.Detect(state.All.Select(l => l.Text));
        state.Language = language;
        var lines = ReadTables(state);
        var (type, _) = state.All.Count == 0 ? (DocumentType.Unknown, 0.0) : DocumentClassifier.Classify(state.PageLines[0], state.All, state.Tables);
        ReadFields(state);
        ReadParties(state);
        Fallbacks(state);
        var candidates = ApplyHeaderModel(state, type);
        var findings = new List<Finding>();
        CrossCheck(state, lines, findings);

        var doc = new ExtractedDocument
        {
            Format = format,
            DocumentType = type,
            Language = language,
            Extractor = extractor,
            Fields = state.Fields,
            Lines = lines,
        };
        return (new ExtractionResult(doc, findings), candidates);
    }

    // ------------------------------------------------------------------ state

    private sealed class State
    {
        public State(IReadOnlyList<PageText> pages)
        {
            Pages = pages;
            foreach (var p in pages)
            {
                // OCR words are adapted to text-layer conventions first (OcrWords); a text layer passes through.
                var lines = LineBuilder.Build(OcrWords.Normalize(p));
                PageLines.Add(lines);
                All.AddRange(lines);
            }
        }

        public IReadOnlyList<PageText> Pages { get; }
        public List<List<TextLine>> PageLines { get; } = [];
        public List<TextLine> All { get; } = [];
        public HashSet<TextLine> TableLines { get; } = [];
        public List<GoodsTable> Tables { get; } = [];
        public (decimal Value, int Page, IReadOnlyList<TextWord> Words)? SubtotalRow { get; set; }
        public bool LineTotalFromRow { get; set; }
        public FieldSet Fields { get; } = new();
        public Dictionary<string, double> Scores { get; } = new(StringComparer.Ordinal);

        /// <summary>Fields whose value the header model chose (its confidence is calibrated: no digit repair overrides it).</summary>
        public HashSet<string> ModelFields { get; } = new(StringComparer.Ordinal);
        public string? Language { get; set; }
        public bool MonthFirst { get; set; }

        /// <summary>Corrections made while reading goods rows (a letter read for a digit), reported by the cross-check.</summary>
        public List<(FieldSet Line, string Field, string Message)> Repairs { get; } = [];

        /// <summary>Amounts the cross-checks corrected: the finding's index, the line's index and the value OCR read.</summary>
        public List<(int Finding, int Line, decimal Before)> AmountRepairs { get; } = [];

        public PageText Page(int number) => Pages.First(p => p.Number == number);

        public FieldSource Source(int page, IEnumerable<TextWord> words) => Page(page).SourceOf(words);

        /// <summary>Every amount offered for the totals fields (value, confidence, page, words), best or not: the totals check may choose another.</summary>
        public Dictionary<string, List<(decimal Value, double Confidence, int Page, IReadOnlyList<TextWord> Words)>> AmountOffers { get; } = new(StringComparer.Ordinal);

        public void Offer(string field, object value, double confidence, int page, IEnumerable<TextWord> words, double score)
        {
            var list = words.ToList();
            if (value is decimal amount && AmountFields.Contains(field))
            {
                if (!AmountOffers.TryGetValue(field, out var offers)) AmountOffers[field] = offers = [];
                offers.Add((amount, confidence, page, list));
            }
            if (Scores.TryGetValue(field, out var existing) && existing >= score) return;
            Scores[field] = score;
            Fields.Set(field, value, Math.Round(Math.Clamp(confidence, 0.01, 0.99), 3), list.Count > 0 ? Source(page, list) : null);
        }
    }

    // ------------------------------------------------------------------ goods tables

    /// <summary>The goods lines, read by <see cref="GoodsTableReader"/>; its tables, repairs and subtotal row go into the state.</summary>
    private static List<FieldSet> ReadTables(State state)
    {
        var reader = new GoodsTableReader(state.Pages, state.PageLines, state.Language);
        var result = reader.Read();
        state.Tables.AddRange(reader.Tables);
        state.TableLines.UnionWith(reader.TableLines);
        state.Repairs.AddRange(reader.Repairs);
        state.SubtotalRow = reader.SubtotalRow;
        return result;
    }

    private static double Round(double c) => GoodsTableReader.Round(c);

    private static double? Ocr(IEnumerable<TextWord> words) => GoodsTableReader.Ocr(words);

    // ------------------------------------------------------------------ label-anchored fields

    private sealed record Hit(Label Label, double Quality, TextLine Line, int SegmentIndex, string Remainder, IReadOnlyList<TextWord> RemainderWords);

    private static IEnumerable<Hit> Hits(State state, LabelKind kind)
    {
        foreach (var line in state.All)
        {
            if (state.TableLines.Contains(line)) continue;
            for (var s = 0; s < line.Segments.Count; s++)
            {
                var seg = line.Segments[s];
                var found = false;
                foreach (var hit in Match(line, s, seg, kind)) { found = true; yield return hit; }
                if (!found && SplitLabel(line, s, kind) is { } joined) yield return joined;
            }
        }
    }

    /// <summary>
    /// OCR: a label the recogniser split at a wide gap ("País" and "de origen:"): when neither part is a label and the
    /// two read together are one, the hit is the second part's, so that its value is read to the right of it.
    /// </summary>
    private static Hit? SplitLabel(TextLine line, int s, LabelKind kind)
    {
        if (s + 1 >= line.Segments.Count) return null;
        var (first, second) = (line.Segments[s], line.Segments[s + 1]);
        if (first.OcrConfidence is null || second.X0 - first.X1 > 3 * line.Height) return null;
        var firstFolded = TextNormalizer.Fold(first.Text);
        var secondFolded = TextNormalizer.Fold(second.Text);
        if (!first.Text.Any(char.IsLetter) || Lexicon.Exact(firstFolded).Count > 0 || Lexicon.Exact(secondFolded).Count > 0) return null;
        var joined = TextNormalizer.Fold(TextNormalizer.Compatibility(first.Text + " " + second.Text));
        var label = Lexicon.Lookup(joined, kind).FirstOrDefault();
        return label.Label is null ? null : new Hit(label.Label, ExactLabel * label.Quality * 0.9, line, s + 1, "", []);
    }

    private static IEnumerable<Hit> Match(TextLine line, int s, Segment seg, LabelKind kind)
    {
        var text = TextNormalizer.Compatibility(seg.Text);
        var folded = TextNormalizer.Fold(text);
        if (folded.Length == 0) yield break;
        var exact = Lexicon.Lookup(folded, kind).ToList();
        // An OCR-confused label standing alone ("N.2" for "N.º"), at a lower quality.
        if (exact.Count == 0 && OcrWords.LabelVariant(folded) is { } variant && Lexicon.Exact(folded).Count == 0)
            exact = Lexicon.Lookup(variant, kind).Select(x => (x.Label, x.Quality * 0.85)).ToList();
        if (exact.Count > 0)
        {
            foreach (var (l, q) in exact) yield return new Hit(l, ExactLabel * q, line, s, "", []);
            yield break;
        }
        // "Label: value" within one segment.
        var colon = text.IndexOfAny([':', '：']);
        if (colon > 0)
        {
            var head = TextNormalizer.Fold(text[..colon]);
            var value = text[(colon + 1)..].Trim();
            var labels = Lexicon.Lookup(head, kind).Select(x => (x.Label, Quality: PrefixLabel * x.Quality)).ToList();
            if (labels.Count == 0 && head.Length >= 8 && Lexicon.Exact(head).Count == 0)
                labels = Lexicon.All.Where(l => l.Kind == kind && l.Text.Length >= 6 && TextNormalizer.Distance(head, l.Text, 1) <= 1).Select(l => (l, FuzzyLabel)).ToList();
            if (labels.Count == 0 && kind == LabelKind.Field && ReferencedNumberLabel(head) is { } reference) labels = [(reference, PrefixLabel * 0.85)];
            foreach (var (l, q) in labels) yield return new Hit(l, q, line, s, value, WordsAfter(seg, text[..(colon + 1)]));
            if (labels.Count > 0) yield break;
        }
        // "Label value" without a colon: the longest label that starts the segment.
        foreach (var l in Lexicon.Prefixes(folded, kind).Take(3))
        {
            var rest = RemainderAfter(text, l.Text);
            if (rest is null) continue;
            // "Lieferant GmbH": a name whose first word is a label word, not the label "Lieferant" and the value "GmbH".
            if (LegalForms.IsOnlyLegalForm(rest)) continue;
            yield return new Hit(l, PrefixLabel - 0.05, line, s, rest, WordsAfter(seg, text[..(text.Length - rest.Length)]));
        }
        // OCR-damaged labels standing alone ("lnvoice No").
        if (folded.Length >= 7 && folded.Length <= 30 && Lexicon.Exact(folded).Count == 0)
        {
            foreach (var l in Lexicon.All.Where(l => l.Kind == kind && l.Text.Length >= 7 && TextNormalizer.Distance(folded, l.Text, 1) <= 1).Take(2))
                yield return new Hit(l, FuzzyLabel, line, s, "", []);
        }
    }

    /// <summary>
    /// A document-number label after a short qualifier, before a colon: "Bij factuur:", "Zu Rechnung:", "对应发票号：" (a
    /// packing list or credit note naming its invoice). The qualifier is one word of at most four letters, or at most two
    /// CJK characters, and no label itself; null otherwise.
    /// </summary>
    internal static Label? ReferencedNumberLabel(string folded)
    {
        var space = folded.IndexOf(' ', StringComparison.Ordinal);
        string qualifier, rest;
        if (space > 0) (qualifier, rest) = (folded[..space], folded[(space + 1)..].Trim());
        else if (folded.Length >= 5 && TextNormalizer.IsCjk(folded[0]))
        {
            var match = Lexicon.All.Where(l => l.Target == FieldNames.InvoiceNumber && l.Text.Length >= 3 && folded.EndsWith(l.Text, StringComparison.Ordinal)
                                               && folded.Length - l.Text.Length <= 2).MaxBy(l => l.Text.Length);
            if (match is null) return null;
            (qualifier, rest) = (folded[..^match.Text.Length], match.Text);
        }
        else return null;
        if (qualifier.Length is 0 or > 4 || !qualifier.All(char.IsLetter) || Lexicon.Exact(qualifier).Count > 0) return null;
        return Lexicon.Exact(rest).FirstOrDefault(l => l.Kind == LabelKind.Field && l.Target == FieldNames.InvoiceNumber);
    }

    /// <summary>The original text after a folded label prefix, or null when the fold cannot be aligned.</summary>
    private static string? RemainderAfter(string text, string foldedLabel)
    {
        for (var i = 1; i <= text.Length; i++)
        {
            if (TextNormalizer.Fold(text[..i]) == foldedLabel && (i == text.Length || !char.IsLetterOrDigit(text[i]) || TextNormalizer.IsCjk(text[i - 1])))
                return text[i..].Trim().TrimStart(':', '：', '.', '°', 'º').Trim();
        }
        return null;
    }

    private static List<TextWord> WordsAfter(Segment seg, string consumed)
    {
        var taken = 0;
        var result = new List<TextWord>();
        var consumedLength = TextNormalizer.Compatibility(consumed).Replace(" ", "", StringComparison.Ordinal).Length;
        foreach (var w in seg.Words)
        {
            if (taken >= consumedLength) result.Add(w);
            taken += TextNormalizer.Compatibility(w.Text).Length;
        }
        return result.Count > 0 ? result : [.. seg.Words.TakeLast(1)];
    }

    /// <summary>Value candidates for a label: the rest of its segment, then segments to its right, then the segment below it.</summary>
    private static IEnumerable<(string Text, IReadOnlyList<TextWord> Words, TextLine Line, double Factor)> Values(State state, Hit hit)
    {
        if (hit.Remainder.Length > 0)
        {
            yield return (hit.Remainder, hit.RemainderWords, hit.Line, 1.0);
            // A remainder that does not parse ("VAT 19 %", "(EUR)", "due on 3 Aug") leaves the value further right.
        }
        var line = hit.Line;
        var label = line.Segments[hit.SegmentIndex];
        var right = new List<Segment>();
        for (var s = hit.SegmentIndex + 1; s < line.Segments.Count; s++)
        {
            var seg = line.Segments[s];
            if (IsAnyLabel(seg.Text)) break;
            right.Add(seg);
        }
        // A totals row ("Total  24.99  5.00  29.99") ends with its amount: try the rightmost segment first.
        if (AmountFields.Contains(hit.Label.Target)) right.Reverse();
        var index = state.All.IndexOf(line);
        var under = ValueUnder(state, index, label);
        // A label with its value under it, beside a block of another column (a party's address running past it): the
        // segment to its right is that block's line, not this label's value. The value under the label is tried first.
        var besideBlock = under is { } un && right.Count > 0 && !AmountFields.Contains(hit.Label.Target) && InBlock(state, index, right[0])
                          && ParseValue(state, hit.Label.Target, un.Segment.Text, hit) is not null;
        if (besideBlock) yield return (under!.Value.Segment.Text, under.Value.Segment.Words, under.Value.Line, 0.92);
        for (var k = 0; k < right.Count; k++) yield return (right[k].Text, right[k].Words, line, besideBlock ? 0.8 : k == 0 ? 1.0 : 0.9);
        if (besideBlock) yield break;
        if (AmountFields.Contains(hit.Label.Target) && SumUnder(state, index, label) is { } sum) yield return (sum.Segment.Text, sum.Segment.Words, sum.Line, 0.92);
        if (under is { } u) yield return (u.Segment.Text, u.Segment.Words, u.Line, 0.92);
    }

    /// <summary>The segment under a label (on one of the next two lines, no farther than 2.6 line heights), unless it is a label itself.</summary>
    private static (Segment Segment, TextLine Line)? ValueUnder(State state, int index, Segment label)
    {
        var line = state.All[index];
        for (var k = index + 1; k < state.All.Count && k <= index + 2; k++)
        {
            var below = state.All[k];
            if (below.Page != line.Page || below.Top - line.Bottom > 2.6 * line.Height) break;
            var seg = below.Segments.FirstOrDefault(sg => sg.X0 < label.X1 + 4 && sg.X1 > label.X0 - 4);
            if (seg is null) continue;
            if (IsAnyLabel(seg.Text)) break;
            return (seg, below);
        }
        return null;
    }

    /// <summary>True when a segment starts where a segment of the line above or below it starts (within 2 pt): a line of a block.</summary>
    private static bool InBlock(State state, int index, Segment seg)
    {
        var line = state.All[index];
        foreach (var k in new[] { index - 1, index + 1 })
        {
            if (k < 0 || k >= state.All.Count) continue;
            var other = state.All[k];
            if (other.Page != line.Page || Math.Abs(other.Top - line.Top) > 2.6 * line.Height) continue;
            if (other.Segments.Any(o => Math.Abs(o.X0 - seg.X0) <= 2 && !IsAnyLabel(o.Text))) return true;
        }
        return false;
    }

    /// <summary>
    /// Under an amount label heading a totals table with a row per tax rate and a sum row ("Endbetrag" over 382,47 / 136,52 /
    /// 518,99): the last amount of the column when it is the sum of the ones above it, or null when the column is one amount
    /// or does not add up. The first row alone is one rate's part.
    /// </summary>
    private static (Segment Segment, TextLine Line)? SumUnder(State state, int index, Segment label)
    {
        var line = state.All[index];
        var column = new List<(Segment Segment, TextLine Line, decimal Value)>();
        var bottom = line.Bottom;
        for (var k = index + 1; k < state.All.Count && column.Count < 6; k++)
        {
            var below = state.All[k];
            if (below.Page != line.Page || below.Top - bottom > 2.6 * line.Height) break;
            var seg = below.Segments.FirstOrDefault(sg => sg.X0 < label.X1 + 4 && sg.X1 > label.X0 - 4);
            if (seg is null) { bottom = below.Bottom; continue; }
            if (LocaleNumbers.Parse(seg.Text, state.Language) is not { } value) break;
            column.Add((seg, below, value));
            bottom = below.Bottom;
        }
        if (column.Count < 3) return null;
        var last = column[^1];
        var parts = column.Take(column.Count - 1).Sum(c => c.Value);
        return last.Value != 0 && Math.Abs(parts - last.Value) <= 0.011m * (column.Count - 1) ? (last.Segment, last.Line) : null;
    }

    private static bool IsAnyLabel(string text)
    {
        var folded = TextNormalizer.Fold(text);
        if (Lexicon.Lookup(folded, LabelKind.Field).Any() || Lexicon.Lookup(folded, LabelKind.Party).Any()) return true;
        var colon = text.IndexOfAny([':', '：']);
        if (colon <= 0) return false;
        var head = TextNormalizer.Fold(text[..colon]);
        return Lexicon.Lookup(head, LabelKind.Field).Any() || Lexicon.Lookup(head, LabelKind.Party).Any();
    }

    [GeneratedRegex(@"^\(?\s*[A-Z]{3}\s*\)?$")]
    private static partial Regex CurrencyRemainder();

    private static readonly HashSet<string> AmountFields = new(StringComparer.Ordinal)
    {
        FieldNames.TotalAmount, FieldNames.LineTotal, FieldNames.TaxAmount, FieldNames.FreightAmount, FieldNames.InsuranceAmount,
    };

    private static void ReadFields(State state)
    {
        // Day or month first for ambiguous dates: US dollar documents in English write month first.
        var currencyGuess = CurrencyDetector.Detect(state.All.Select(l => l.Text), state.Language);
        state.MonthFirst = state.Language is "en" or null && currencyGuess?.Code == "USD";

        var order = 0;
        foreach (var hit in Hits(state, LabelKind.Field))
        {
            order++;
            var field = hit.Label.Target;
            var specificity = Math.Min(hit.Label.Text.Length, 24) / 24.0;
            var languageMatch = hit.Label.Language == "*" || hit.Label.Language == state.Language ? 0.02 : 0.0;
            foreach (var (text, words, valueLine, factor) in Values(state, hit))
            {
                var parsed = ParseValue(state, field, text, hit);
                if (parsed is null) continue;
                var (value, parseQuality) = parsed.Value;
                var ocr = Ocr(words);
                var confidence = hit.Quality * parseQuality * factor * (ocr is { } o ? 0.5 + 0.5 * o : 1.0);
                // Totals: the specific label wins, and among equals the last one on the page (the grand total at the bottom).
                var position = AmountFields.Contains(field) ? order * 1e-5 : -order * 1e-5;
                var score = hit.Quality + specificity * 0.3 + languageMatch + position;
                if (field == FieldNames.Incoterm && value is string inc && inc.Contains('|', StringComparison.Ordinal))
                {
                    var parts = inc.Split('|');
                    state.Offer(FieldNames.Incoterm, parts[0], confidence, valueLine.Page, words, score);
                    if (parts[1].Length > 0) state.Offer(FieldNames.IncotermPlace, parts[1], confidence * 0.9, valueLine.Page, words, score);
                }
                else state.Offer(field, value, confidence, valueLine.Page, words.Count > 0 ? words : hit.Line.Segments[hit.SegmentIndex].Words, score);
                break;
            }
        }
    }

    private static (object Value, double Quality)? ParseValue(State state, string field, string text, Hit hit)
    {
        var t = TextNormalizer.Compatibility(text).Trim();
        if (t.Length == 0) return null;
        switch (field)
        {
            case FieldNames.InvoiceNumber:
            case FieldNames.DeclarationNumber:
            {
                var token = t.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                    .Select(x => x.Trim(',', ';', ')', '(').TrimStart('°', 'º', ':').TrimEnd('.'))
                    .FirstOrDefault(x => x.Any(char.IsAsciiDigit) && x.Length <= 40 && LocaleDates.Parse(x) is null && !IsConfusedLabel(x) && !IsCjkFragment(x));
                if (token is null) return null;
                if (token.StartsWith("no.", StringComparison.OrdinalIgnoreCase) && token.Length > 3) token = token[3..];
                // A title "INVOICE" followed by a number is weaker evidence than "Invoice No.".
                return (token, hit.Label.Text.Length <= 8 && !hit.Label.Text.Contains("no", StringComparison.Ordinal) ? 0.85 : 0.97);
            }
            case FieldNames.IssueDate or FieldNames.DueDate:
            {
                var found = LocaleDates.Find(t, state.MonthFirst);
                if (found is null) return null;
                var ambiguous = AmbiguousNumericDate().IsMatch(t[found.Value.Index..(found.Value.Index + found.Value.Length)]);
                return (found.Value.Iso, ambiguous ? 0.85 : 0.97);
            }
            case FieldNames.Currency:
                return CurrencyDetector.FromValue(t, state.Language) is { } c ? (c, 0.97) : null;
            case FieldNames.TotalAmount or FieldNames.LineTotal or FieldNames.TaxAmount or FieldNames.FreightAmount or FieldNames.InsuranceAmount:
            {
                if (t.Contains('%', StringComparison.Ordinal)) return null;
                // "USt.-Identnr.: DE123456789", "Steuernr.: 201/113/40209": an identifier after a tax word, not an amount.
                if (IdentifierShape().IsMatch(t)) return null;
                if (LocaleNumbers.Parse(t, state.Language) is { } v) return (v, 0.97);
                // "19 % 38.00" / "EUR 1 234,00": the last number in the text.
                if (t.Count(char.IsLetter) > 4) return null;
                var last = t.Split(' ', StringSplitOptions.RemoveEmptyEntries).Reverse().Select(x => LocaleNumbers.Parse(x, state.Language)).FirstOrDefault(x => x is not null);
                return last is { } l ? (l, 0.85) : null;
            }
            case FieldNames.GrossWeightKg or FieldNames.NetWeightKg:
            {
                var m = WeightPattern().Match(t);
                if (!m.Success || LocaleNumbers.Parse(m.Groups["n"].Value, state.Language) is not { } w) return null;
                var unit = m.Groups["u"].Value.ToLowerInvariant();
                var kg = unit switch { "g" => w / 1000m, "t" or "mt" => w * 1000m, "lb" or "lbs" => Math.Round(w * 0.45359237m, 3), _ => w };
                return (kg, unit.Length == 0 ? 0.85 : 0.95);
            }
            case FieldNames.PackageCount:
            {
                var m = IntegerPattern().Match(t);
                return m.Success && decimal.TryParse(m.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? (n, 0.9) : null;
            }
            case FieldNames.OriginCountry or FieldNames.DestinationCountry:
                return Countries.FromName(t) is { } cc ? (cc, 0.95) : Countries.FromAddress([t]) is { } c2 ? (c2, 0.85) : null;
            case FieldNames.Incoterm:
            {
                var m = IncotermPattern().Match(t.ToUpperInvariant());
                if (!m.Success) return null;
                var place = t[(m.Index + m.Length)..].Trim(' ', ',', '-', '(', ')');
                return ($"{m.Groups["c"].Value}|{place}", 0.95);
            }
            case FieldNames.SellerTaxId:
            {
                // "USt-IdNr | : DE123456789": the colon of a label set apart from it is not part of the id.
                t = t.TrimStart(':', '：', '.', '-', ' ', '#');
                return t.Count(char.IsAsciiDigit) >= 5 && t.Length <= 24 ? (t, 0.9) : null;
            }
            case FieldNames.CustomsProcedure or FieldNames.DeclarationType:
                return t.Length <= 20 ? (t, 0.85) : null;
            default:
                return null;
        }
    }

    /// <summary>
    /// "芝1": CJK characters with fewer than three ASCII letters or digits are a misread title or stamp, not an
    /// identifier (document numbers are written in Latin letters and digits, whatever the document's language).
    /// </summary>
    /// <summary>
    /// A tax or registration number where an amount was expected: letters fused to seven or more digits with no decimals
    /// ("DE123456789", "ATU12345678"; "EUR 12345,00" is an amount), or digit groups joined by slashes ("201/113/40209").
    /// </summary>
    [GeneratedRegex(@"^\W*([A-Za-z]{2,4}\d{7,}(?![.,]?\d)|\d{2,5}/\d{2,5}/\d{2,6}(?!\d))")]
    private static partial Regex IdentifierShape();

    private static bool IsCjkFragment(string token) => token.Any(TextNormalizer.IsCjk) && token.Count(char.IsAsciiLetterOrDigit) < 3;

    /// <summary>"n.2" after "Factura": the number sign "n.º" as OCR read it, not a value.</summary>
    private static bool IsConfusedLabel(string token) =>
        token.Length <= 4 && OcrWords.LabelVariant(TextNormalizer.Fold(token)) is { } v && Lexicon.Exact(v).Count > 0;

    [GeneratedRegex(@"^\d{1,2}[/-]\d{1,2}[/-]\d{2,4}$")]
    private static partial Regex AmbiguousNumericDate();

    [GeneratedRegex(@"(?<n>\d[\d.,' ]*\d|\d)\s*(?<u>kgs?|kg\.|g|t|mt|lbs?|公斤|千克|キロ)?", RegexOptions.IgnoreCase)]
    private static partial Regex WeightPattern();

    [GeneratedRegex(@"\d{1,6}")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"(?<![A-Z])(?<c>EXW|FCA|FAS|FOB|CFR|CIF|CPT|CIP|DAP|DPU|DDP|DAT|DDU|DAF|DES|DEQ|C&F|CNF)(?![A-Z])")]
    private static partial Regex IncotermPattern();

    // ------------------------------------------------------------------ parties

    /// <summary>
    /// A line giving a party's number rather than its name: a registration or account number alone
    /// (<see cref="Candidates.HeaderFeatures.IsIdentifierLine"/>), or a number after an identifier label (GLN, ILN, DUNS, EORI,
    /// customer, supplier, vendor or account number, in the eight languages).
    /// </summary>
    internal static bool IsPartyNumberLine(string text) =>
        Candidates.HeaderFeatures.IsIdentifierLine(text) || PartyNumberLabel().IsMatch(TextNormalizer.Fold(TextNormalizer.Compatibility(text)));

    [GeneratedRegex(@"^\W*(gln|iln|ean|duns|d-u-n-s|eori|kunden\s*-?\s*nr|kd\s*-?\s*nr|lief(eranten)?\s*-?\s*nr|customer\s*(no|number|id|#)|supplier\s*(no|number|id|#)|vendor\s*(no|number|id|#)|account\s*(no|number|#)|client\s*(no|id|#)|n[o°º]\s*client|numero\s*client|(n[o°º]|numero)\s*(de\s*)?cliente|codice\s*cliente|klant\s*-?\s*nr|klantnummer|debiteurnummer|顧客番号|取引先コード|客户编号|客户代码)\b[^\p{L}]*\d[\d\s./-]{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex PartyNumberLabel();

    private static void ReadParties(State state)
    {
        var order = 0;
        foreach (var hit in Hits(state, LabelKind.Party))
        {
            order++;
            var role = hit.Label.Target;
            var nameField = role == Lexicon.Seller ? FieldNames.SellerName : FieldNames.BuyerName;
            var block = Block(state, hit);
            if (block.Count == 0) continue;
            // A heading under the label ("CUSTOMER INFORMATION") names nobody: the name is the line after it.
            if (Candidates.Keywords.IsHeadingOnly(block[0].Text)) block = block.Skip(1).ToList();
            // Nor does a party's number above its name ("GLN 4304171000002", "Kunden-Nr.: 009420", "Customer No. 1180").
            while (block.Count > 1 && IsPartyNumberLine(block[0].Text)) block = block.Skip(1).ToList();
            if (block.Count == 0) continue;
            var first = block[0];
            var name = first.Text;
            if (name.Length < 2 || !name.Any(char.IsLetter)) continue;
            var ocr = Ocr(block.SelectMany(b => b.Words));
            var conf = hit.Quality * 0.92 * (ocr is { } o ? 0.5 + 0.5 * o : 1.0);
            // Specific roles (seller, exporter, buyer, consignee) before general ones (from, to, customer); then the first.
            var score = hit.Quality + (hit.Label.Text.Length >= 5 ? 0.2 : 0) - order * 1e-4;
            if (state.Scores.TryGetValue(nameField, out var existing) && existing >= score) continue;
            state.Offer(nameField, name, conf, first.Line.Page, first.Words, score);

            var addressLines = new List<(string Text, IReadOnlyList<TextWord> Words)>();
            string? taxId = null;
            IReadOnlyList<TextWord>? taxWords = null;
            foreach (var b in block.Skip(1))
            {
                if (TaxIdIn(b.Text) is { } id) { taxId ??= id; taxWords ??= b.Words; continue; }
                if (ContactLine().IsMatch(b.Text)) continue;
                addressLines.Add((b.Text, b.Words));
            }
            var addressField = role == Lexicon.Seller ? FieldNames.SellerAddress : FieldNames.BuyerAddress;
            var countryField = role == Lexicon.Seller ? FieldNames.SellerCountry : FieldNames.BuyerCountry;
            var taxField = role == Lexicon.Seller ? FieldNames.SellerTaxId : FieldNames.BuyerTaxId;
            state.Fields.Remove(addressField);
            state.Fields.Remove(countryField);
            if (addressLines.Count > 0)
            {
                state.Offer(addressField, string.Join(", ", addressLines.Select(a => a.Text)), conf * 0.9, first.Line.Page, addressLines.SelectMany(a => a.Words), score);
                var countryLines = addressLines.Select(a => a.Text).ToList();
                var country = Countries.FromAddress(countryLines);
                if (country is not null)
                {
                    var cw = addressLines.LastOrDefault(a => Countries.FromAddress([a.Text]) == country).Words ?? addressLines[^1].Words;
                    state.Offer(countryField, country, conf * 0.95, first.Line.Page, cw, score);
                }
            }
            // No country in the address as read: a legal form used in one country only ("株式会社") says it, less surely.
            if (!state.Fields.ContainsKey(countryField) && Countries.FromLegalForm(name) is { } byForm)
                state.Offer(countryField, byForm, conf * 0.6, first.Line.Page, first.Words, score);
            if (taxId is not null && taxWords is not null) state.Offer(taxField, taxId, conf * 0.95, first.Line.Page, taxWords, score + 1);
        }
    }

    /// <summary>
    /// The tax id on a party block's line ("VAT No. GB 123 4567 89"), or null. An id has digits: words between the tax label
    /// and its colon ("N° TVA intracom.: FR 27 331 004 871") are no id, and the id is then read after the colon.
    /// </summary>
    internal static string? TaxIdIn(string line)
    {
        var t = TextNormalizer.Compatibility(line);
        var m = TaxIdPattern().Match(t);
        if (!m.Success) return null;
        var id = m.Groups["id"].Value.Trim();
        if (id.Count(char.IsAsciiDigit) >= 4) return id;
        var colon = t.IndexOfAny([':', '：'], m.Index);
        if (colon < 0) return null;
        var after = t[(colon + 1)..].Trim();
        return after.Length <= 24 && after.Count(char.IsAsciiDigit) >= 4 && after.All(c => char.IsAsciiLetterOrDigit(c) || c is ' ' or '.' or '-') ? after : null;
    }

    private sealed record BlockLine(string Text, IReadOnlyList<TextWord> Words, TextLine Line);

    /// <summary>The lines of a party block: the value right of the label (or below it) and the lines aligned under it.</summary>
    private static List<BlockLine> Block(State state, Hit hit)
    {
        var block = new List<BlockLine>();
        var line = hit.Line;
        var label = line.Segments[hit.SegmentIndex];
        double anchorX0, anchorX1;
        if (hit.Remainder.Length > 0)
        {
            // "Seller: Name, Street 1, 12345 City, Country" on one line: the parts after the name are the address.
            foreach (var part in SplitParty(hit.Remainder)) block.Add(new BlockLine(part, hit.RemainderWords, line));
            if (block.Count > 1) return block;
            anchorX0 = hit.RemainderWords.Min(w => w.X0); anchorX1 = label.X1;
        }
        else if (hit.SegmentIndex + 1 < line.Segments.Count && !IsAnyLabel(line.Segments[hit.SegmentIndex + 1].Text) &&
                 // A name has letters: a stray mark beside the label (OCR) leaves the name below it.
                 line.Segments[hit.SegmentIndex + 1].Text.Any(char.IsLetter) &&
                 line.Segments[hit.SegmentIndex + 1].X0 - label.X1 < 8 * line.Height)
        {
            var seg = line.Segments[hit.SegmentIndex + 1];
            block.Add(new BlockLine(seg.Text, seg.Words, line));
            anchorX0 = seg.X0; anchorX1 = seg.X1;
        }
        else
        {
            anchorX0 = label.X0; anchorX1 = label.X1;
        }
        var index = state.All.IndexOf(line);
        var lastBottom = line.Bottom;
        for (var k = index + 1; k < state.All.Count && block.Count < 7; k++)
        {
            var below = state.All[k];
            if (below.Page != line.Page || below.Top - lastBottom > 1.9 * Math.Max(below.Height, line.Height)) break;
            if (state.TableLines.Contains(below)) break;
            var seg = below.Segments.Where(s => Math.Abs(s.X0 - anchorX0) < 3 * below.Height || (s.X0 < anchorX1 && s.X1 > anchorX0 && s.X0 >= anchorX0 - 3 * below.Height))
                .OrderBy(s => Math.Abs(s.X0 - anchorX0)).FirstOrDefault();
            // Lines of a neighbouring column in between (the key/value column beside the seller) are skipped.
            if (seg is null) continue;
            if (TaxIdPattern().IsMatch(TextNormalizer.Compatibility(seg.Text)))
            {
                block.Add(new BlockLine(seg.Text, seg.Words, below));
                lastBottom = below.Bottom;
                continue;
            }
            if (IsAnyLabel(seg.Text) || Lexicon.Prefixes(TextNormalizer.Fold(seg.Text), LabelKind.Party).Any(l => TextNormalizer.Fold(seg.Text).Length - l.Text.Length <= 1)) break;
            if (IsFieldLabelled(seg.Text)) break;
            block.Add(new BlockLine(seg.Text, seg.Words, below));
            lastBottom = below.Bottom;
        }
        return block;
    }

    private static readonly string[] LegalSuffixes = ["inc", "inc.", "ltd", "ltd.", "llc", "gmbh", "ag", "s.a.", "sa", "s.l.", "srl", "s.r.l.", "b.v.", "bv", "co.", "co", "corp.", "plc", "s.p.a.", "kg", "sarl", "n.v."];

    /// <summary>Splits a one-line party ("Name, Street, City, Country") at commas, keeping "Name, Inc." together.</summary>
    private static List<string> SplitParty(string text)
    {
        var parts = text.Split([',', '，', '、'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        if (parts.Count > 1 && Array.IndexOf(LegalSuffixes, parts[1].ToLowerInvariant()) >= 0)
        {
            parts[0] = parts[0] + ", " + parts[1];
            parts.RemoveAt(1);
        }
        return parts;
    }

    private static bool IsFieldLabelled(string text)
    {
        var colon = text.IndexOfAny([':', '：']);
        if (colon <= 0) return false;
        var head = TextNormalizer.Fold(text[..colon]);
        return Lexicon.Exact(head).Any(l => l.Kind == LabelKind.Field && l.Target is not (FieldNames.SellerTaxId));
    }

    [GeneratedRegex(@"(?<![A-Za-z])(?:VAT|USt|UID|TVA|IVA|BTW|NIF|CIF|P\.?\s?IVA|EORI|Tax ID|TIN|GSTIN|USCI|统一社会信用代码|登録番号)[-\s.]*(?:No\.?|Nr\.?|ID|Reg\.? No\.?|number|IdNr\.?)?\s*[:：#]?\s*(?<id>[A-Z]{0,2}\s?[0-9A-Z][0-9A-Z .-]{4,20}[0-9A-Z])", RegexOptions.IgnoreCase)]
    private static partial Regex TaxIdPattern();

    [GeneratedRegex(@"^(?:tel|phone|fax|e-?mail|mail|web|www|http|telefon|téléphone|teléfono|telefono|電話|电话|tel\.|mob)", RegexOptions.IgnoreCase)]
    private static partial Regex ContactLine();

    // ------------------------------------------------------------------ fallbacks

    private static void Fallbacks(State state)
    {
        var fields = state.Fields;
        if (!fields.ContainsKey(FieldNames.Currency) && CurrencyDetector.Detect(state.All.Select(l => l.Text), state.Language) is { } cur)
        {
            var line = state.All.FirstOrDefault(l => l.Text.Contains(cur.Code, StringComparison.Ordinal));
            state.Offer(FieldNames.Currency, cur.Code, cur.Confidence, line?.Page ?? 1, line?.Words ?? [], 0);
        }
        if (!fields.ContainsKey(FieldNames.IssueDate))
        {
            // The first date on the first page is usually the issue date.
            foreach (var line in state.All.Where(l => l.Page == state.Pages[0].Number))
            {
                var seg = line.Segments.FirstOrDefault(s => LocaleDates.Parse(s.Text, state.MonthFirst) is not null);
                if (seg is null) continue;
                state.Offer(FieldNames.IssueDate, LocaleDates.Parse(seg.Text, state.MonthFirst)!, Heuristic, line.Page, seg.Words, 0);
                break;
            }
        }
        if (!fields.ContainsKey(FieldNames.SellerName) && state.PageLines.Count > 0)
        {
            // The issuer: the first line of text at the top of the first page that is not a title, a label or a date.
            foreach (var line in state.PageLines[0].Take(8))
            {
                var seg = line.Segments[0];
                var folded = TextNormalizer.Fold(seg.Text);
                if (folded.Length < 3 || !seg.Text.Any(char.IsLetter) || IsAnyLabel(seg.Text) || IsTitle(folded) || Candidates.Keywords.IsHeadingOnly(seg.Text) || LocaleDates.Parse(seg.Text) is not null) continue;
                if (Lexicon.Prefixes(folded, LabelKind.Field).Any() || Lexicon.Prefixes(folded, LabelKind.Party).Any()) continue;
                state.Offer(FieldNames.SellerName, seg.Text, Heuristic * 0.8, line.Page, seg.Words, 0);
                // A letterhead: the lines under the issuer's name give its address and country.
                if (!fields.ContainsKey(FieldNames.SellerCountry))
                {
                    var index = state.PageLines[0].IndexOf(line);
                    var below = state.PageLines[0].Skip(index + 1).Take(3)
                        .Select(l => l.Segments.FirstOrDefault(s => s.X0 < seg.X1 && s.X1 > seg.X0)).OfType<Segment>().ToList();
                    var country = Countries.FromAddress(below.Select(b => b.Text).ToList());
                    if (country is not null)
                        state.Offer(FieldNames.SellerCountry, country, Heuristic, line.Page, below.First(b => Countries.FromAddress([b.Text]) == country).Words, 0);
                }
                break;
            }
        }
        if (!fields.ContainsKey(FieldNames.LineTotal) && state.SubtotalRow is { } subtotal)
        {
            state.LineTotalFromRow = true;
            state.Offer(FieldNames.LineTotal, subtotal.Value, Heuristic * (Ocr(subtotal.Words) is { } so ? 0.5 + 0.5 * so : 1.0), subtotal.Page, subtotal.Words, 0);
        }
        if (!fields.ContainsKey(FieldNames.Incoterm) && UnlabelledIncoterm(state) is { } inco)
        {
            state.Offer(FieldNames.Incoterm, inco.Code, Heuristic, inco.Line.Page, inco.Segment.Words, 0);
            state.Offer(FieldNames.IncotermPlace, inco.Place, Heuristic * 0.9, inco.Line.Page, inco.Segment.Words, 0);
        }
        if (!fields.ContainsKey(FieldNames.TaxAmount) && fields.GetNumber(FieldNames.LineTotal) is { } taxBase && fields.GetNumber(FieldNames.TotalAmount) is { } taxedTotal
            && TaxByRate(state, taxBase, taxedTotal - (fields.GetNumber(FieldNames.FreightAmount) ?? 0) - (fields.GetNumber(FieldNames.InsuranceAmount) ?? 0)) is { } byRate)
            state.Offer(FieldNames.TaxAmount, byRate.Value, Heuristic, byRate.Line.Page, byRate.Segment.Words, 0);
        if (!fields.ContainsKey(FieldNames.TotalAmount) && fields.GetNumber(FieldNames.LineTotal) is { } net)
        {
            var total = net + (fields.GetNumber(FieldNames.TaxAmount) ?? 0) + (fields.GetNumber(FieldNames.FreightAmount) ?? 0) + (fields.GetNumber(FieldNames.InsuranceAmount) ?? 0);
            if (!fields.ContainsKey(FieldNames.TaxAmount) || fields.ContainsKey(FieldNames.TaxAmount))
                fields.Set(FieldNames.TotalAmount, total, Heuristic, fields.SourceOf(FieldNames.LineTotal));
        }
    }

    /// <summary>
    /// An Incoterm under a label no list names ("Levering" over "FOB Rotterdam"): outside the goods tables, a segment that is
    /// nothing but a rule's code and a place of words without digits. Null unless every such segment names the same code.
    /// </summary>
    private static (string Code, string Place, Segment Segment, TextLine Line)? UnlabelledIncoterm(State state)
    {
        (string, string, Segment, TextLine)? found = null;
        foreach (var line in state.All)
        {
            if (state.TableLines.Contains(line)) continue;
            foreach (var seg in line.Segments)
            {
                var m = StandaloneIncoterm().Match(seg.Text.Trim());
                if (!m.Success || IsAnyLabel(seg.Text) || IsAnyLabel(m.Groups["place"].Value)) continue;
                if (found is { } f && f.Item1 != m.Groups["c"].Value) return null;
                found ??= (m.Groups["c"].Value, m.Groups["place"].Value.Trim(), seg, line);
            }
        }
        return found;
    }

    [GeneratedRegex(@"^(?<c>EXW|FCA|FAS|FOB|CFR|CIF|CPT|CIP|DAP|DPU|DDP)\s+(?<place>\p{Lu}[\p{L}.'\- ]{1,40})$", RegexOptions.CultureInvariant)]
    private static partial Regex StandaloneIncoterm();

    /// <summary>
    /// A tax row under a label no list names ("Impuesto 21%  830,27"): outside the goods tables, a rate of 1-30 % printed
    /// on the line, the line's last amount that rate of the line total (to the cent), and the line total plus it the
    /// total (less freight and insurance read: <paramref name="taxedTotal"/>). A discount row ("Skonto 2%") is none. Null
    /// unless exactly one line does.
    /// </summary>
    private static (decimal Value, Segment Segment, TextLine Line)? TaxByRate(State state, decimal taxBase, decimal taxedTotal)
    {
        (decimal, Segment, TextLine)? found = null;
        foreach (var line in state.All)
        {
            if (state.TableLines.Contains(line) || line.Segments.Count < 2 || IsDiscountLine(line)) continue;
            var rate = TaxRate().Match(line.Text);
            if (!rate.Success || !decimal.TryParse(rate.Groups["r"].Value.Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var r) || r is < 1 or > 30) continue;
            var last = line.Segments[^1];
            if (last.Text.Contains('%', StringComparison.Ordinal) || LocaleNumbers.Parse(last.Text, state.Language) is not { } v || v <= 0) continue;
            if (Math.Abs(Math.Round(taxBase * r / 100, 2, MidpointRounding.AwayFromZero) - v) > 0.011m || !Agrees(taxBase + v, taxedTotal)) continue;
            if (found is not null) return null;
            found = (v, last, line);
        }
        return found;
    }

    [GeneratedRegex(@"(?<![\d.,])(?<r>\d{1,2}(?:[.,]\d{1,2})?)\s?%", RegexOptions.CultureInvariant)]
    private static partial Regex TaxRate();

    private static readonly string[] DiscountWords = ["discount", "rabatt", "skonto", "nachlass", "remise", "escompte", "descuento", "pronto pago", "sconto", "korting", "割引", "値引", "折扣", "折让"];

    /// <summary>A line naming a discount (a rate and an amount, as a tax row has).</summary>
    private static bool IsDiscountLine(TextLine line)
    {
        var folded = TextNormalizer.Fold(line.Text);
        return DiscountWords.Any(w => folded.Contains(w, StringComparison.Ordinal));
    }

    private static bool IsTitle(string folded) =>
        folded is "invoice" or "commercial invoice" or "tax invoice" or "rechnung" or "facture" or "factura" or "fattura" or "factuur" or "packing list" or "credit note" or "proforma invoice"
        || folded.Contains("invoice", StringComparison.Ordinal) && folded.Length < 25;

    // ------------------------------------------------------------------ cross-checks, confidence and repair

    private static void CrossCheck(State state, List<FieldSet> lines, List<Finding> findings)
    {
        var ambiguous = new List<(int Index, List<(string Field, decimal Before, decimal After, OcrMisread Kind)> Candidates)>();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var repaired = state.Repairs.Where(r => ReferenceEquals(r.Line, line)).ToList();
            foreach (var r in repaired)
                findings.Add(new Finding { Rule = RepairRule, Severity = Severity.Info, Path = $"lines[{i}].{r.Field}", Message = r.Message, Source = line.SourceOf(r.Field) });
            if (line.GetNumber(FieldNames.Quantity) is not { } q || line.GetNumber(FieldNames.UnitPrice) is not { } p || line.GetNumber(FieldNames.Amount) is not { } a) continue;
            if (Agrees(q * p, a))
            {
                // A value corrected while reading stays at its lowered confidence.
                foreach (var name in new[] { FieldNames.Quantity, FieldNames.UnitPrice, FieldNames.Amount })
                    if (!repaired.Any(r => r.Field == name)) Boost(line, name);
                continue;
            }
            var candidates = GoodsTableReader.RepairsOf(q, p, a).Where(c => IsOcr(line, c.Field) && FitsColumn(lines, line, c.Field, c.After, c.Kind)).ToList();
            if (candidates.Count == 1)
            {
                AddRepair(state, findings, lines, i, candidates[0], "quantity x unit price = amount pins");
                continue;
            }
            if (candidates.Count > 1) ambiguous.Add((i, candidates));
            Damp(line, FieldNames.Quantity); Damp(line, FieldNames.UnitPrice); Damp(line, FieldNames.Amount);
        }
        ResolveBySum(state, lines, ambiguous, findings);
        UndoRepairsThePrintedSubtotalContradicts(state, lines, findings);
        ReconcileTotals(state, lines);

        var fields = state.Fields;
        var amounts = lines.Select(l => l.GetNumber(FieldNames.Amount)).ToList();
        if (amounts.Count > 0 && amounts.All(a => a is not null))
        {
            var sum = amounts.Sum(a => a!.Value);
            foreach (var target in new[] { FieldNames.LineTotal, FieldNames.TotalAmount })
            {
                if (fields.GetNumber(target) is not { } t) continue;
                if (Agrees(sum, t))
                {
                    // A subtotal found because it is the lines' sum gains nothing from agreeing with it.
                    if (!(target == FieldNames.LineTotal && state.LineTotalFromRow)) BoostField(fields, target);
                    foreach (var l in lines) Boost(l, FieldNames.Amount);
                }
            }
        }
        if (fields.GetNumber(FieldNames.TotalAmount) is { } total)
        {
            var net = NetOf(fields, lines);
            if (net is { } n)
            {
                var expected = n + (fields.GetNumber(FieldNames.TaxAmount) ?? 0) + (fields.GetNumber(FieldNames.FreightAmount) ?? 0) + (fields.GetNumber(FieldNames.InsuranceAmount) ?? 0);
                if (Agrees(expected, total)) BoostField(fields, FieldNames.TotalAmount);
                else if (IsOcr(fields, FieldNames.TotalAmount) && !state.ModelFields.Contains(FieldNames.TotalAmount) && OneDigitApart(total, expected))
                {
                    var src = fields.SourceOf(FieldNames.TotalAmount);
                    fields.Set(FieldNames.TotalAmount, expected, 0.6, src);
                    findings.Add(new Finding
                    {
                        Rule = RepairRule, Severity = Severity.Info, Path = FieldNames.TotalAmount, Source = src,
                        Message = $"Read {Fmt(total)} by OCR; the line total, tax and charges add up to {Fmt(expected)}, one digit apart: corrected.",
                    });
                }
            }
        }
        if (fields.GetText(FieldNames.IssueDate) is { } date && LocaleDates.Parse(date) is null) fields.Remove(FieldNames.IssueDate);
    }

    internal static bool Agrees(decimal expected, decimal actual) => Math.Abs(expected - actual) <= Math.Max(0.011m, Math.Abs(actual) * 0.0005m);

    internal static string Fmt(decimal d) => d.ToString("0.####", CultureInfo.InvariantCulture);

    private static void Boost(FieldSet set, string name)
    {
        if (set.TryGetValue(name, out var f) && f.Confidence is { } c)
            set[name] = f with { Confidence = Round(1 - (1 - c) * 0.5) };
    }

    private static void BoostField(FieldSet set, string name) => Boost(set, name);

    private static void Cap(FieldSet set, string name, double most)
    {
        if (set.TryGetValue(name, out var f) && f.Confidence is { } c && c > most) set[name] = f with { Confidence = most };
    }

    private static void Damp(FieldSet set, string name)
    {
        if (set.TryGetValue(name, out var f) && f.Confidence is { } c) set[name] = f with { Confidence = Round(c * 0.75) };
    }

    private static bool IsOcr(FieldSet set, string name) => set.TryGetValue(name, out var f) && f.Source?.Unit == PageText.Pixels;

    private static Finding Repair(FieldSet line, int index, (string Field, decimal Before, decimal After, OcrMisread Kind) c, string pinnedBy)
    {
        var src = line.SourceOf(c.Field);
        line.Set(c.Field, c.After, 0.6, src);
        return new Finding
        {
            Rule = RepairRule, Severity = Severity.Info, Path = $"lines[{index}].{c.Field}", Source = src,
            Message = $"Read {Fmt(c.Before)} by OCR; {pinnedBy} {Describe(c.Kind)}, corrected to {Fmt(c.After)}.",
        };
    }

    /// <summary>
    /// A restored decimal point must give the column's precision: a quantity column of whole numbers does not take
    /// "0.55" for "55", a price column written with two decimals takes "8.61" for "861". Other repairs always fit.
    /// </summary>
    private static bool FitsColumn(List<FieldSet> lines, FieldSet line, string field, decimal after, OcrMisread kind)
    {
        if (kind != OcrMisread.DecimalPoint) return true;
        var others = lines.Where(l => !ReferenceEquals(l, line)).Select(l => l.GetNumber(field)).OfType<decimal>().ToList();
        if (others.Count == 0) return true;
        return Decimals(after) <= others.Max(Scale);
    }

    private static int Decimals(decimal d) => Scale(d / 1.0000000000000000000000000000m);

    /// <summary>
    /// One line whose arithmetic allows two single-error repairs (the amount or the price): the lines adding up to the
    /// subtotal decide. If they already add up the amount was read right; if the amount's repair makes them add up, it was not.
    /// </summary>
    private static void ResolveBySum(State state, List<FieldSet> lines, List<(int Index, List<(string Field, decimal Before, decimal After, OcrMisread Kind)> Candidates)> ambiguous, List<Finding> findings)
    {
        if (ambiguous.Count != 1 || lines.Any(l => l.GetNumber(FieldNames.Amount) is null)) return;
        var fields = state.Fields;
        if (PrintedNet(state, subtotalFoundAsTheSum: true) is not { } subtotal) return;
        var sum = lines.Sum(l => l.GetNumber(FieldNames.Amount)!.Value);
        var (index, candidates) = ambiguous[0];
        var chosen = Agrees(sum, subtotal)
            ? candidates.Where(c => c.Field != FieldNames.Amount).ToList()
            : candidates.Where(c => c.Field == FieldNames.Amount && Agrees(sum - c.Before + c.After, subtotal)).ToList();
        if (chosen.Count != 1) return;
        AddRepair(state, findings, lines, index, chosen[0], "quantity x unit price = amount and the lines adding up to the subtotal pin");
    }

    /// <summary>
    /// A printed subtotal always wins over a repair: when the lines' amounts, as repaired, do not add up to the printed
    /// net total (the subtotal, or the total of a document without tax or charges) but add up to it without the amount
    /// repairs, or add up to it neither way, the amount repairs are not made. The amounts keep what OCR read, at a
    /// confidence that sends them to review, and the finding says why.
    /// </summary>
    private static void UndoRepairsThePrintedSubtotalContradicts(State state, List<FieldSet> lines, List<Finding> findings)
    {
        var repairs = state.AmountRepairs;
        if (repairs.Count == 0 || lines.Any(l => l.GetNumber(FieldNames.Amount) is null)) return;
        if (PrintedNet(state, subtotalFoundAsTheSum: false) is not { } printed) return;
        var sum = lines.Sum(l => l.GetNumber(FieldNames.Amount)!.Value);
        if (Agrees(sum, printed)) return;
        foreach (var (index, lineIndex, before) in repairs)
        {
            var line = lines[lineIndex];
            var src = line.SourceOf(FieldNames.Amount);
            line.Set(FieldNames.Amount, before, 0.3, src);
            // One of quantity and price was misread, and the line cannot tell which: both go to review.
            Cap(line, FieldNames.Quantity, 0.4);
            Cap(line, FieldNames.UnitPrice, 0.4);
            findings[index] = findings[index] with
            {
                Rule = RepairContradictedRule,
                Severity = Severity.Warning,
                Message = $"Read {Fmt(before)} by OCR; quantity x unit price gives {Fmt(line.GetNumber(FieldNames.Quantity) * line.GetNumber(FieldNames.UnitPrice) ?? 0)}, " +
                          $"but with that correction the lines would not add up to the printed {Fmt(printed)}: not corrected, to be checked.",
            };
        }
    }

    private static void AddRepair(State state, List<Finding> findings, List<FieldSet> lines, int index, (string Field, decimal Before, decimal After, OcrMisread Kind) c, string pinnedBy)
    {
        findings.Add(Repair(lines[index], index, c, pinnedBy));
        if (c.Field == FieldNames.Amount) state.AmountRepairs.Add((findings.Count - 1, index, c.Before));
    }

    /// <summary>
    /// Net + tax + charges = total. When the values chosen do not add up, the other amounts offered for tax decide: one
    /// other tax amount (or the sum of the per-rate tax rows of a VAT breakdown) that makes them add up is taken,
    /// confirmed by the arithmetic. When none does, tax and total cannot both be right: neither
    /// keeps a confidence above <see cref="UnconfirmedTotals"/>.
    /// </summary>
    private static void ReconcileTotals(State state, List<FieldSet> lines)
    {
        var fields = state.Fields;
        if (fields.GetNumber(FieldNames.TaxAmount) is not { } tax || fields.GetNumber(FieldNames.TotalAmount) is not { } total) return;
        if (NetOf(fields, lines) is not { } n) return;
        var charges = (fields.GetNumber(FieldNames.FreightAmount) ?? 0) + (fields.GetNumber(FieldNames.InsuranceAmount) ?? 0);
        if (Agrees(n + tax + charges, total)) return;

        var taxOffers = state.AmountOffers.GetValueOrDefault(FieldNames.TaxAmount) ?? [];
        var otherTax = taxOffers.Where(o => o.Value != tax && Agrees(n + o.Value + charges, total)).Select(o => o).DistinctBy(o => o.Value).ToList();
        if (otherTax.Count == 1)
        {
            fields.Set(FieldNames.TaxAmount, otherTax[0].Value, Math.Min(ConfirmedByTotals, otherTax[0].Confidence), state.Source(otherTax[0].Page, otherTax[0].Words));
            return;
        }
        // A VAT breakdown: one tax row per rate, no total tax printed (or not found): their sum is the tax.
        var perRate = taxOffers.DistinctBy(o => o.Value).Where(o => o.Value > 0).ToList();
        if (otherTax.Count == 0 && perRate.Count is >= 2 and <= 6 && Agrees(n + perRate.Sum(o => o.Value) + charges, total))
        {
            fields.Set(FieldNames.TaxAmount, perRate.Sum(o => o.Value), Math.Min(ConfirmedByTotals, perRate.Min(o => o.Confidence)),
                state.Source(perRate[0].Page, perRate.Where(o => o.Page == perRate[0].Page).SelectMany(o => o.Words)));
            return;
        }
        // Another total that would add up is not taken: the printed grand total after a rounding adjustment or a
        // discount is the one to pay, and the arithmetic cannot tell it from a subtotal.
        Cap(fields, FieldNames.TaxAmount, UnconfirmedTotals);
        Cap(fields, FieldNames.TotalAmount, UnconfirmedTotals);
    }

    /// <summary>The net of the goods: the subtotal read, else the lines' amounts added up when every line has one.</summary>
    private static decimal? NetOf(FieldSet fields, List<FieldSet> lines)
    {
        if (fields.GetNumber(FieldNames.LineTotal) is { } net) return net;
        var amounts = lines.Select(l => l.GetNumber(FieldNames.Amount)).ToList();
        return amounts.Count > 0 && amounts.All(a => a is not null) ? amounts.Sum(a => a!.Value) : null;
    }

    /// <summary>The confidence at most of a tax or total chosen because it makes net + tax + charges = total.</summary>
    private const double ConfirmedByTotals = 0.88;

    /// <summary>The confidence at most of tax and total when net + tax + charges = total does not hold and nothing offered makes it hold.</summary>
    private const double UnconfirmedTotals = 0.75;

    /// <summary>
    /// The printed net total the lines must add up to: the subtotal, or the total when no subtotal, tax or charge is read.
    /// <paramref name="subtotalFoundAsTheSum"/>: whether a subtotal found because it is the lines' sum counts.
    /// </summary>
    private static decimal? PrintedNet(State state, bool subtotalFoundAsTheSum)
    {
        var fields = state.Fields;
        if (fields.GetNumber(FieldNames.LineTotal) is { } net)
            return subtotalFoundAsTheSum || !state.LineTotalFromRow ? net : null;
        if (fields.GetNumber(FieldNames.TotalAmount) is { } t && !fields.ContainsKey(FieldNames.TaxAmount)
            && !fields.ContainsKey(FieldNames.FreightAmount) && !fields.ContainsKey(FieldNames.InsuranceAmount)) return t;
        return null;
    }

    private static string Describe(OcrMisread kind) => kind switch
    {
        OcrMisread.DecimalPoint => "the decimal separator lost by OCR",
        OcrMisread.DigitCount => "a digit too many or too few",
        _ => "a single misread digit",
    };

    /// <summary>True when two numbers written with the same digits count differ in exactly one digit.</summary>
    public static bool OneDigitApart(decimal x, decimal y)
    {
        var scale = Math.Max(Scale(x), Scale(y));
        var a = Math.Abs(x).ToString("F" + scale, CultureInfo.InvariantCulture);
        var b = Math.Abs(y).ToString("F" + scale, CultureInfo.InvariantCulture);
        if (a.Length != b.Length || a == b) return false;
        var diff = 0;
        for (var i = 0; i < a.Length; i++) if (a[i] != b[i]) diff++;
        return diff == 1;
    }

    private static int Scale(decimal d) => (decimal.GetBits(d)[3] >> 16) & 0xFF;
}
