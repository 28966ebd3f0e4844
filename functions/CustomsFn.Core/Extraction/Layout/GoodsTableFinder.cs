namespace CustomsFn.Core.Extraction.Layout;

/// <summary>
/// Finds goods tables: a header line whose segments are column labels; columns cut at whitespace gaps that stay empty
/// across the header and every body row; body lines until a totals row, a gap, or the end of the page.
/// </summary>
public static partial class GoodsTableFinder
{
    private static readonly string[] Anchors = [FieldNames.Amount, FieldNames.UnitPrice, FieldNames.Quantity];

    public static List<GoodsTable> Find(IReadOnlyList<TextLine> pageLines)
    {
        var tables = new List<GoodsTable>();
        for (var i = 0; i < pageLines.Count; i++)
        {
            var header = HeaderColumns(pageLines[i]);
            TextLine? upper = null;
            // A header written on two lines ("Preis/" over "Einheit", "Art-Nr" over "Bezeichnung"): read stacked when that names more columns.
            if (i + 1 < pageLines.Count && StackedHeaderColumns(pageLines[i], pageLines[i + 1]) is { } stacked && (header is null || stacked.Count >= header.Count))
            {
                header = stacked;
                upper = pageLines[i];
                i++;
            }
            var unnamedDescription = false;
            if (header is null && (UnnamedDescriptionHeader(pageLines[i]) ?? HeaderByBody(pageLines, i)) is { } unnamed)
            {
                header = unnamed;
                unnamedDescription = true;
            }
            if (header is null) continue;
            var body = new List<TextLine>();
            var endedByTotals = false;
            var lastBottom = pageLines[i].Bottom;
            TextLine? note = null;
            var j = i + 1;
            for (; j < pageLines.Count; j++)
            {
                var line = pageLines[j];
                if (IsCarryLine(line)) { lastBottom = line.Bottom; continue; }
                if (IsTotalsLine(line)) { endedByTotals = true; break; }
                if (HeaderColumns(line) is not null) break;
                // A gap of several rows ends the table (a footer, a note block).
                if (line.Top - lastBottom > 4.5 * Math.Max(line.Height, pageLines[i].Height) && body.Count > 0) break;
                if (body.Count > 60 && !HasNumber(line)) break;
                // Running text, and the lines of its paragraph under it (same left edge, no gap), is no part of the table.
                if (IsNoteLine(line, header) || note is not null && !HasNumber(line) && Math.Abs(line.Words[0].X0 - note.Words[0].X0) < 2
                    && line.Top - note.Bottom < 0.6 * line.Height)
                {
                    note = line;
                    lastBottom = line.Bottom;
                    continue;
                }
                note = null;
                body.Add(line);
                lastBottom = line.Bottom;
            }
            if (body.Count == 0) { if (upper is not null) i--; continue; }
            var columns = PositionsByContent(CutColumns(upper is null ? WithUnlabelled(header, pageLines[i], unnamedDescription) : header, body), body);
            if (unnamedDescription)
            {
                if (DescriptionByContent(columns, body) is not { } named) continue;
                columns = named;
            }
            // A header naming a code column but no description ("Art. No." over codes, "Goods" over the text): the unnamed
            // column holding words is the description.
            else if (!columns.Any(c => c.Target == FieldNames.Description) && DescriptionByContent(columns, body) is { } named) columns = named;
            tables.Add(new GoodsTable(pageLines[i].Page, pageLines[i], columns, body, endedByTotals) { UpperHeader = upper });
            i = j - 1;
        }
        return tables;
    }

    /// <summary>
    /// A column whose header no label names ("#", "UL", "Ehd"): it is still a column of its own, so that its values do not
    /// run into the neighbouring description or code; nothing reads it.
    /// </summary>
    public const string Unlabelled = "unlabelled";

    /// <summary>
    /// The labelled header columns plus one <see cref="Unlabelled"/> column per header segment that no label covers
    /// (one-line headers of text PDFs; a header the lexicon named in full is returned as it is).
    /// </summary>
    public static List<(Segment Segment, string Target, double Quality)> WithUnlabelled(List<(Segment Segment, string Target, double Quality)> header, TextLine line, bool unnamedDescription = false)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(line);
        // OCR: a segment no label names may be a label misread; its words are left to the columns around it, as before.
        // Unless the description's label is one of them (a header read with its description label garbled): then they
        // are columns, and the body tells which one is the description.
        if (line.Words.Any(w => w.Confidence is not null) && !unnamedDescription) return header;
        var extra = line.Segments.Where(s => !header.Any(h => Math.Min(h.Segment.X1, s.X1) - Math.Max(h.Segment.X0, s.X0) > 0)).ToList();
        if (extra.Count == 0) return header;
        return [.. header, .. extra.Select(s => (s, Unlabelled, 0.0))];
    }

    /// <summary>
    /// A header whose description column is headed by a word no label names ("Benaming", or OCR's "Gescipuce" for a bold
    /// "Description" on a shaded band): two or more of
    /// quantity, unit price and amount are named, no description or code is, and an unnamed segment stands left of them.
    /// Which unnamed column is the description is decided on the body (<see cref="DescriptionByContent"/>).
    /// </summary>
    public static List<(Segment Segment, string Target, double Quality)>? UnnamedDescriptionHeader(TextLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (line.Segments.Count < 3 || HasNumber(line)) return null;
        var cells = line.Segments.Select(s => (Segment: s, Labels: LabelsOf(s))).ToList();
        var found = cells.SelectMany(c => c.Labels).OrderBy(f => f.Item1.X0).ToList();
        var anchors = found.Where(f => Array.IndexOf(Anchors, f.Item2) >= 0).ToList();
        if (anchors.Select(a => a.Item2).Distinct().Count() < 2) return null;
        if (found.Any(f => f.Item2 is FieldNames.Description or Lexicon.ColItemCode)) return null;
        var firstAnchor = anchors.Min(a => a.Item1.X0);
        if (!cells.Any(c => c.Labels.Count == 0 && c.Segment.X1 < firstAnchor)) return null;
        if (cells.Count(c => c.Labels.Count == 0) > found.Count) return null;
        return found;
    }

    /// <summary>
    /// A header the labels do not make one (a bold header on a shaded band that OCR garbles, a language the lexicon does not
    /// know) over rows whose numbers multiply out: a line of three or more segments with letters and no number, followed
    /// by at least two rows with quantity x price = amount, the first of them on one of the next two lines, all within six
    /// lines and before a totals line or another header. Each segment a label
    /// names keeps it; one that no label names, over the quantities, prices or amounts of those rows (the nearest segment
    /// to each number, on two rows or more), is that column. Null unless the quantity or price and the amount are named so.
    /// The description is then chosen on the body (<see cref="DescriptionByContent"/>).
    /// </summary>
    public static List<(Segment Segment, string Target, double Quality)>? HeaderByBody(IReadOnlyList<TextLine> pageLines, int index)
    {
        ArgumentNullException.ThrowIfNull(pageLines);
        var line = pageLines[index];
        if (line.Segments.Count < 3 || !line.Text.Any(char.IsLetter) || IsTotalsLine(line) || line.Words.Any(w => w.Text.Count(char.IsAsciiDigit) >= 2)) return null;
        var votes = line.Segments.Select(_ => new Dictionary<string, int>(StringComparer.Ordinal)).ToList();
        var rows = 0;
        for (var k = index + 1; k < pageLines.Count && k <= index + 6; k++)
        {
            var row = pageLines[k];
            if (row.Page != line.Page || IsTotalsLine(row)) break;
            if (ArithmeticTriple(row) is not { } triple)
            {
                // The first row comes right under the header (a wrapped header or description line at most between).
                if (rows == 0 && k >= index + 2) return null;
                // Another header ends the rows (looked up only here: a row of numbers is none).
                if (HeaderColumns(row) is not null) break;
                continue;
            }
            rows++;
            foreach (var (role, word) in new[] { (FieldNames.Quantity, triple.Quantity), (FieldNames.UnitPrice, triple.Price), (FieldNames.Amount, triple.Amount) })
            {
                var centre = (word.X0 + word.X1) / 2;
                var nearest = Enumerable.Range(0, line.Segments.Count).MinBy(s => Math.Max(0, Math.Max(line.Segments[s].X0 - centre, centre - line.Segments[s].X1)));
                votes[nearest][role] = votes[nearest].GetValueOrDefault(role) + 1;
            }
        }
        if (rows < 2) return null;
        var result = new List<(Segment Segment, string Target, double Quality)>();
        for (var s = 0; s < line.Segments.Count; s++)
        {
            var seg = line.Segments[s];
            var labels = LabelsOf(seg);
            if (labels.Count > 0) { result.AddRange(labels); continue; }
            if (votes[s].Where(v => v.Value >= 2).OrderByDescending(v => v.Value).Select(v => v.Key).FirstOrDefault() is { } role) result.Add((seg, role, 0.6));
        }
        var targets = result.Select(r => r.Target).ToHashSet(StringComparer.Ordinal);
        if (!targets.Contains(FieldNames.Amount) || !(targets.Contains(FieldNames.Quantity) || targets.Contains(FieldNames.UnitPrice))) return null;
        if (targets.Contains(FieldNames.Description) || targets.Contains(Lexicon.ColItemCode)) return null;
        return result;
    }

    /// <summary>The words of a line's quantity, price and amount: its numbers' <see cref="ArithmeticColumns.ProductTriple"/>.</summary>
    internal static (TextWord Quantity, TextWord Price, TextWord Amount)? ArithmeticTriple(TextLine line)
    {
        var numbers = line.Words.Where(w => w.Text.Any(char.IsAsciiDigit) && !w.Text.Contains('%', StringComparison.Ordinal) && LocaleDates.Parse(w.Text) is null)
            .Select(w => (Word: w, Value: LocaleNumbers.Parse(w.Text))).Where(n => n.Value is > 0).Select(n => (n.Word, Value: n.Value!.Value)).ToList();
        if (numbers.Count < 3 || numbers.Count > 12 || ArithmeticColumns.ProductTriple(numbers.Select(n => n.Value).ToList()) is not { } t) return null;
        return (numbers[t.I].Word, numbers[t.J].Word, numbers[t.K].Word);
    }

    /// <summary>
    /// Of the unnamed columns left of the quantity, price and amount columns, the one whose cells hold letters on the
    /// most body lines (at least half of them) is the description; null when none does.
    /// </summary>
    public static List<TableColumn>? DescriptionByContent(List<TableColumn> columns, IReadOnlyList<TextLine> body)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(body);
        var firstAnchor = columns.Where(c => Array.IndexOf(Anchors, c.Target) >= 0).Select(c => c.X0).DefaultIfEmpty(double.MaxValue).Min();
        // Most lines with words; of those, the most letters (a unit column has a word on every line too).
        var best = columns.Where(c => c.Target == Unlabelled && c.X1 <= firstAnchor)
            .Select(c => (Column: c, Words: body.SelectMany(l => l.Words.Where(w => (w.X0 + w.X1) / 2 >= c.X0 && (w.X0 + w.X1) / 2 < c.X1 && w.Text.Count(char.IsLetter) >= 2)).ToList()))
            .Select(x => (x.Column, Lines: x.Words.Select(w => w.Top).Distinct().Count(), Letters: x.Words.Sum(w => w.Text.Count(char.IsLetter))))
            .OrderByDescending(x => x.Lines).ThenByDescending(x => x.Letters).FirstOrDefault();
        if (best.Column is null || best.Lines * 2 < body.Count) return null;
        return columns.Select(c => c == best.Column ? c with { Target = FieldNames.Description, LabelQuality = 0.6 } : c).ToList();
    }

    /// <summary>
    /// Two columns labelled as descriptions ("Item" and "Description", "Artikel" and "Beschreibung"): one whose cells are
    /// all whole numbers below 1000 (at least two of them) is the position column; one whose cells are all one code-shaped
    /// word ("P04-205", "10023-B") is the article-code column.
    /// </summary>
    public static List<TableColumn> PositionsByContent(List<TableColumn> columns, IReadOnlyList<TextLine> body)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(body);
        if (columns.Count(c => c.Target == FieldNames.Description) < 2) return columns;
        var result = columns.ToList();
        for (var k = 0; k < result.Count; k++)
        {
            var c = result[k];
            if (c.Target != FieldNames.Description || result.Count(x => x.Target == FieldNames.Description) < 2) continue;
            var cells = body.Select(l => l.Words.Where(w => (w.X0 + w.X1) / 2 >= c.X0 && (w.X0 + w.X1) / 2 < c.X1).ToList()).Where(ws => ws.Count > 0).ToList();
            if (cells.Count >= 2 && cells.All(ws => ws.Count == 1 && ws[0].Text.Length <= 3 && ws[0].Text.All(char.IsAsciiDigit)))
                result[k] = c with { Target = Lexicon.ColPosition };
            else if (cells.Count >= 2 && cells.All(ws => ws.Count == 1 && IsCodeShaped(ws[0].Text)))
                result[k] = c with { Target = Lexicon.ColItemCode };
        }
        return result;
    }

    /// <summary>An article code: 3-24 letters, digits and - . / _ with a digit, and not an amount ("12,50").</summary>
    internal static bool IsCodeShaped(string text) => CodeShape().IsMatch(text) && LocaleNumbers.Parse(text) is null;

    [System.Text.RegularExpressions.GeneratedRegex(@"^(?=[^\d]*\d)[A-Za-z0-9][A-Za-z0-9\-./_]{2,23}$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex CodeShape();

    /// <summary>The header's labelled segments when the line looks like a goods-table header (a description or quantity and an amount/price column).</summary>
    public static List<(Segment Segment, string Target, double Quality)>? HeaderColumns(TextLine line)
    {
        if (line.Segments.Count < 2) return null;
        var cells = line.Segments.Select(LabelsOf).ToList();
        if (Accept(cells) is not { } found) return null;
        // A line that is a header by its other labels: its weak labels ("数", "Land") name columns too.
        var weak = line.Segments.Where((s, k) => cells[k].Count == 0).Select(s => (Segment: s, Target: Lexicon.WeakColumn(TextNormalizer.Fold(s.Text))))
            .Where(x => x.Target is not null).Select(x => (x.Segment, x.Target!, 0.75)).ToList();
        return weak.Count == 0 ? found : [.. found.Concat(weak).OrderBy(f => f.Item1.X0)];
    }

    /// <summary>
    /// A header over two lines: each segment of the lower line with the upper segments above it is one column label.
    /// The pair is read as written ("Preis/ Einheit"), else the lower part, else the upper part; a code label over a
    /// description label is a <see cref="CodeOverDescription"/> column. Null unless the lines touch, the upper one has no
    /// digit and the lower one no number, and at least half the lower line's segments are labels themselves.
    /// </summary>
    public static List<(Segment Segment, string Target, double Quality)>? StackedHeaderColumns(TextLine upper, TextLine lower)
    {
        ArgumentNullException.ThrowIfNull(upper);
        ArgumentNullException.ThrowIfNull(lower);
        if (upper.Page != lower.Page || lower.Top - upper.Bottom > 0.8 * Math.Max(upper.Height, lower.Height) || lower.Top <= upper.Top) return null;
        // Header labels carry no digits: a line with one ("Kunden-Nr.: 009420") is no header's upper half.
        if (upper.Words.Any(w => w.Text.Any(char.IsAsciiDigit)) || lower.Segments.Any(s => LocaleNumbers.Parse(s.Text) is not null)) return null;
        var above = lower.Segments.ToDictionary(s => s, _ => new List<Segment>());
        var alone = new List<Segment>();
        foreach (var u in upper.Segments)
        {
            var best = lower.Segments.Select(l => (l, Overlap: Math.Min(u.X1, l.X1) - Math.Max(u.X0, l.X0))).MaxBy(x => x.Overlap);
            if (best.Overlap > 0) above[best.l].Add(u);
            else alone.Add(u);
        }
        var cells = new List<List<(Segment, string, double)>>();
        foreach (var u in alone) cells.Add(LabelsOf(u));
        // The lower line must itself be labels (at least half its segments), not the first line of a description.
        var lowerHits = 0;
        foreach (var (l, us) in above)
        {
            var lowerLabels = LabelsOf(l);
            if (lowerLabels.Count > 0) lowerHits++;
            if (us.Count == 0) { cells.Add(lowerLabels); continue; }
            var top = new Segment(us.SelectMany(u => u.Words).ToList());
            var both = new Segment([.. top.Words, .. l.Words]);
            var upperLabels = LabelsOf(top);
            // A header field's label over its value ("Zielland" over "Schweiz" left of the table's header): no stacked header.
            if (upperLabels.Count == 0 && lowerLabels.Count == 0 && IsFieldOrPartyLabel(TextNormalizer.Fold(top.Text))) return null;
            if (upperLabels is [{ Item2: Lexicon.ColItemCode }] && lowerLabels is [{ Item2: FieldNames.Description }])
            {
                cells.Add([(both, CodeOverDescription, Math.Min(upperLabels[0].Item3, lowerLabels[0].Item3))]);
                continue;
            }
            var merged = LabelsOf(both, split: false);
            // A word hyphenated over the two lines ("Gesamt-" over "preis", "Einzel-" over "preis") is one word.
            if (merged.Count == 0 && Hyphenated(top, l) is { } joined) merged = LabelsOf(joined);
            // A compound split over the lines without a hyphen ("Gesamt" over "preis", "Netto" over "betrag").
            if (merged.Count == 0 && top.Words.Count == 1 && l.Words.Count == 1 && Compound(top.Words[0], l.Words[0]) is { } compound) merged = LabelsOf(compound, split: false);
            if (merged.Count == 0) merged = LabelsOf(both);
            if (merged.Count > 0 && lowerLabels.Count == 0) lowerHits++;
            cells.Add(merged.Count > 0 ? merged
                : lowerLabels.Count == 1 ? [(both, lowerLabels[0].Item2, lowerLabels[0].Item3)]
                : lowerLabels.Count > 0 ? lowerLabels
                : upperLabels.Count == 1 ? [(both, upperLabels[0].Item2, upperLabels[0].Item3 * 0.95)]
                : upperLabels);
        }
        return lowerHits * 2 < lower.Segments.Count ? null : Accept(cells);
    }

    private static bool IsFieldOrPartyLabel(string folded) =>
        Lexicon.Lookup(folded, LabelKind.Field).Any() || Lexicon.Lookup(folded, LabelKind.Party).Any();

    /// <summary>The upper and lower parts as one word when the upper one ends in a hyphen after a letter, or null.</summary>
    private static Segment? Hyphenated(Segment top, Segment lower)
    {
        var last = top.Words[^1];
        if (last.Text.Length < 3 || last.Text[^1] != '-' || !char.IsLetter(last.Text[^2]) || !char.IsLower(lower.Words[0].Text[0])) return null;
        var word = last with { Text = last.Text[..^1] + lower.Words[0].Text, X0 = Math.Min(last.X0, lower.Words[0].X0), X1 = Math.Max(last.X1, lower.Words[0].X1) };
        return new Segment([.. top.Words.Take(top.Words.Count - 1), word, .. lower.Words.Skip(1)]);
    }

    /// <summary>Two single words as one ("Gesamt" + "preis" = "Gesamtpreis"), or null when either is not all letters.</summary>
    private static Segment? Compound(TextWord upper, TextWord lower)
    {
        if (upper.Text.Length < 3 || lower.Text.Length < 3 || !upper.Text.All(char.IsLetter) || !lower.Text.All(char.IsLetter)) return null;
        return new Segment([upper with { Text = upper.Text + lower.Text.ToLowerInvariant(), X0 = Math.Min(upper.X0, lower.X0), X1 = Math.Max(upper.X1, lower.X1) }]);
    }

    /// <summary>
    /// A column whose label names an article code over a description: the first line of a row holds the code, the lines
    /// under it the description.
    /// </summary>
    public const string CodeOverDescription = "itemCode+description";

    private static List<(Segment Segment, string Target, double Quality)>? Accept(List<List<(Segment, string, double)>> cells)
    {
        var found = cells.SelectMany(c => c).OrderBy(f => f.Item1.X0).ToList();
        var unknown = cells.Count(c => c.Count == 0);
        var targets = found.Select(f => f.Item2).ToHashSet(StringComparer.Ordinal);
        // A packing list's table may name no quantity or price a label knows, but its packages and weights.
        var hasAnchor = targets.Contains(FieldNames.Amount) || targets.Contains(FieldNames.UnitPrice) || targets.Contains(FieldNames.Quantity)
            || found.Count >= 3 && (targets.Contains(FieldNames.NetWeightKg) || targets.Contains(FieldNames.GrossWeightKg) || targets.Contains(FieldNames.PackageCount));
        var hasDescription = targets.Contains(FieldNames.Description) || targets.Contains(Lexicon.ColItemCode) || targets.Contains(CodeOverDescription);
        if (found.Count < 2 || !hasAnchor || !hasDescription || unknown > found.Count) return null;
        return found;
    }

    /// <summary>The column labels of one header segment: one, several when labels were drawn too close to leave a gap, or none.</summary>
    private static List<(Segment, string, double)> LabelsOf(Segment s) => LabelsOf(s, split: true);

    private static List<(Segment, string, double)> LabelsOf(Segment s, bool split)
    {
        var folded = TextNormalizer.Fold(s.Text);
        var (label, quality) = Lexicon.Lookup(folded, LabelKind.Column).Select(x => (x.Label, 0.95 * x.Quality)).FirstOrDefault();
        if (label is null && OcrWords.LabelVariant(folded) is { } variant)
            (label, quality) = Lexicon.Lookup(variant, LabelKind.Column).Select(x => (x.Label, 0.8 * x.Quality)).FirstOrDefault();
        if (label is not null) return [(s, label.Target, quality)];
        // Two headers drawn too close to make a gap ("Cant. Precio unitario", "Unità Prezzo unitario"): split at label boundaries.
        var parts = split ? SplitByLabels(s) : [];
        if (parts.Count > 1) return parts;
        // Headers such as "Amount (EUR)" or "Description of the goods": a column label followed by a decoration.
        label = Lexicon.Prefixes(folded, LabelKind.Column).FirstOrDefault(l => l.Text.Length >= 2 && folded.Length - l.Text.Length <= 18);
        quality = 0.85;
        if (label is null && folded.Length >= 6)
        {
            label = Lexicon.All.Where(l => l.Kind == LabelKind.Column && l.Text.Length >= 5)
                .FirstOrDefault(l => TextNormalizer.Distance(folded, l.Text, 1) <= 1);
            quality = 0.7;
        }
        return label is null ? [] : [(s, label.Target, quality)];
    }

    private static List<(Segment, string, double)> SplitByLabels(Segment s)
    {
        var result = new List<(Segment, string, double)>();
        var words = s.Words;
        var i = 0;
        while (i < words.Count)
        {
            var matched = false;
            for (var j = words.Count; j > i; j--)
            {
                var phrase = string.Join(" ", words.Skip(i).Take(j - i).Select(w => w.Text));
                var hit = Lexicon.Lookup(TextNormalizer.Fold(phrase), LabelKind.Column).FirstOrDefault();
                if (hit.Label is null) continue;
                result.Add((new Segment(words.Skip(i).Take(j - i).ToList()), hit.Label.Target, 0.85 * hit.Quality));
                i = j;
                matched = true;
                break;
            }
            if (!matched) return [];
        }
        return result;
    }

    /// <summary>
    /// A line of running text inside a table ("We invoice the following items of delivery 2013-51112:"): no number, and
    /// one stretch of words across the labels of two or more columns right of the first. It is no part of any row.
    /// </summary>
    public static bool IsNoteLine(TextLine line, IReadOnlyList<(Segment Segment, string Target, double Quality)> header)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(header);
        if (HasNumber(line) || header.Count < 3) return false;
        var centres = header.Select(h => h.Segment.CenterX).Order().Skip(1).ToList();
        return line.Segments.Any(s => centres.Count(c => c > s.X0 && c < s.X1) >= 2);
    }

    public static bool IsTotalsLine(TextLine line)
    {
        // The words that are not amounts must be a totals label ("Total", "VAT 19 %", "Subtotal (EUR)").
        var words = line.Segments.Where(s => LocaleNumbers.Parse(s.Text) is null).Select(s => s.Text).ToList();
        if (words.Count == 0) return false;
        if (IsTotalsLabel(TextNormalizer.Fold(string.Join(" ", words))) || IsTotalsLabel(TextNormalizer.Fold(words[0])) && words.Count <= 2) return true;
        // The header of a totals table ("Warenwert  Nettobetrag  MwSt-Betrag  MwSt-%  Endbetrag"): words only, at least two
        // of them and half of them totals labels.
        if (words.Count >= 2 && words.Count == line.Segments.Count)
        {
            var labels = words.Count(w => IsTotalsLabel(TextNormalizer.Fold(w)));
            if (labels >= 2 && 2 * labels >= words.Count) return true;
        }
        // OCR: a totals label with one character misread, added or lost ("Número. de bultos").
        return line.Words.Any(w => w.Confidence is not null) && words.Count <= 2 && IsOcrDamagedTotalsLabel(TextNormalizer.Fold(words[0]));
    }

    /// <summary>A folded text one edit away from a totals label of seven characters or more (CJK: three or more).</summary>
    public static bool IsOcrDamagedTotalsLabel(string folded)
    {
        ArgumentNullException.ThrowIfNull(folded);
        var head = folded.Split(':')[0].Trim();
        if (head.Length < 3 || head.Length > 40 || Lexicon.Exact(head).Count > 0) return false;
        return Lexicon.All.Any(l => l.Kind == LabelKind.Field && Array.IndexOf(TotalTargets, l.Target) >= 0
                                    && l.Text.Length >= (TextNormalizer.IsCjk(l.Text[0]) ? 3 : 7)
                                    && TextNormalizer.Distance(head, l.Text, 1) <= 1);
    }

    private static readonly string[] TotalTargets =
        [FieldNames.TotalAmount, FieldNames.LineTotal, FieldNames.TaxAmount, FieldNames.FreightAmount, FieldNames.InsuranceAmount,
         FieldNames.PackageCount, FieldNames.GrossWeightKg, FieldNames.NetWeightKg];

    private static readonly string[] CarryLabels =
        ["carried forward", "brought forward", "carry forward", "ubertrag", "vortrag", "a reporter", "reporte", "suma y sigue", "suma anterior", "riporto", "a riportare", "overdracht", "繰越", "前頁より", "次頁へ", "承前", "承上页", "转下页", "上页转入", "结转"];

    public static bool IsTotalsLabel(string folded)
    {
        var head = folded.Split(':')[0].Trim();
        return Lexicon.Lookup(head, LabelKind.Field).Any(l => Array.IndexOf(TotalTargets, l.Label.Target) >= 0) ||
               Lexicon.Prefixes(head, LabelKind.Field).Any(l => Array.IndexOf(TotalTargets, l.Target) >= 0 && l.Text.Length >= 3 && head.Length - l.Text.Length < 16 && !head[l.Text.Length..].Any(char.IsLetter));
    }

    public static bool IsCarryLine(TextLine line) => line.Segments.Take(3).Any(s => CarryLabels.Any(c => TextNormalizer.Fold(s.Text).StartsWith(c, StringComparison.Ordinal)));

    private static bool HasNumber(TextLine line) => line.Segments.Any(s => LocaleNumbers.Parse(s.Text) is not null);

    /// <summary>
    /// Column boundaries: between two neighbouring header labels, the widest x interval that no word of the header or
    /// body covers (a gap that stays empty across rows); without one, the midpoint between the labels.
    /// </summary>
    public static List<TableColumn> CutColumns(List<(Segment Segment, string Target, double Quality)> header, IReadOnlyList<TextLine> body)
    {
        var sorted = header.OrderBy(h => h.Segment.X0).ToList();
        var intervals = body.SelectMany(l => l.Words).Select(w => (w.X0, w.X1))
            .Concat(sorted.Select(h => (h.Segment.X0, h.Segment.X1))).OrderBy(iv => iv.X0).ToList();
        // Merge covered intervals; the gaps between them are empty in every row.
        var covered = new List<(double X0, double X1)>();
        foreach (var iv in intervals)
        {
            if (covered.Count > 0 && iv.X0 <= covered[^1].X1 + 0.5) covered[^1] = (covered[^1].X0, Math.Max(covered[^1].X1, iv.X1));
            else covered.Add(iv);
        }
        var cuts = new List<double>();
        for (var k = 0; k + 1 < sorted.Count; k++)
        {
            var left = sorted[k].Segment;
            var right = sorted[k + 1].Segment;
            double best = -1, cut = (left.X1 + right.X0) / 2;
            for (var c = 0; c + 1 < covered.Count; c++)
            {
                var g0 = covered[c].X1;
                var g1 = covered[c + 1].X0;
                // The gap must lie between the two label centres.
                if (g1 <= left.CenterX || g0 >= right.CenterX) continue;
                var lo = Math.Max(g0, left.CenterX);
                var hi = Math.Min(g1, right.CenterX);
                if (hi - lo > best) { best = hi - lo; cut = (lo + hi) / 2; }
            }
            // No gap empty in every row (a line of running text across the table): the widest stretch that the fewest
            // words cross, rather than the midpoint between the labels, which cuts a long description in two.
            if (best < 0) cut = LeastCrossed(body, left, right) ?? cut;
            cuts.Add(cut);
        }
        var columns = new List<TableColumn>();
        for (var k = 0; k < sorted.Count; k++)
        {
            var x0 = k == 0 ? double.MinValue : cuts[k - 1];
            var x1 = k == sorted.Count - 1 ? double.MaxValue : cuts[k];
            columns.Add(new TableColumn(sorted[k].Target, x0, x1, sorted[k].Quality, sorted[k].Segment));
        }
        return columns;
    }

    /// <summary>
    /// Between two header labels' centres, the middle of the widest run of x positions (1 pt apart) crossed by the fewest body
    /// words; null when the labels' centres are less than 2 pt apart.
    /// </summary>
    private static double? LeastCrossed(IReadOnlyList<TextLine> body, Segment left, Segment right)
    {
        var x0 = left.CenterX;
        var n = (int)Math.Floor(right.CenterX - x0);
        if (n < 2) return null;
        var crossings = new int[n];
        foreach (var w in body.SelectMany(l => l.Words))
        {
            for (var i = Math.Max(0, (int)Math.Ceiling(w.X0 - x0)); i < n && x0 + i < w.X1; i++) crossings[i]++;
        }
        var least = crossings.Min();
        int bestStart = -1, bestLength = 0;
        for (var i = 0; i < n;)
        {
            if (crossings[i] != least) { i++; continue; }
            var j = i;
            while (j < n && crossings[j] == least) j++;
            if (j - i > bestLength) { bestStart = i; bestLength = j - i; }
            i = j;
        }
        return x0 + bestStart + (bestLength - 1) / 2.0;
    }

    /// <summary>
    /// Splits the body into goods rows: a line with a value in an amount, price or quantity column starts a row; lines
    /// with text only continue the description of the row above when they touch it; farther ones go to the row above or
    /// the row below as the gaps between them say (<see cref="SplitPending"/>); before the first row, to the row below.
    /// Totals and carry-over lines are not rows.
    /// </summary>
    public static List<TableRow> Rows(GoodsTable table)
    {
        var rows = new List<TableRow>();
        var pending = new List<TextLine>();
        // Whether this table's descriptions start above their numbers (text before the first row) or on the numbers'
        // line with details under it.
        var descriptionsAbove = false;
        var anchorTargets = table.Columns.Select(c => c.Target).Where(t => Array.IndexOf(Anchors, t) >= 0).ToHashSet(StringComparer.Ordinal);
        foreach (var line in table.Body)
        {
            if (IsCarryLine(line)) continue;
            var cells = Assign(table.Columns, line);
            var isRow = anchorTargets.Any(t => cells.TryGetValue(t, out var ws) && LocaleNumbers.Parse(string.Join(" ", ws.Select(w => w.Text))) is not null)
                // OCR: a header misread leaves several number columns under one label; a number in it still makes a row.
                || anchorTargets.Any(t => cells.TryGetValue(t, out var ws) && ws.Any(w => w.Confidence is not null && w.Text.Any(char.IsAsciiDigit) && LocaleNumbers.Parse(w.Text) is not null));
            if (isRow && rows.Count > 0 && pending.Count == 0 && Completes(rows[^1], cells, line, anchorTargets))
            {
                rows[^1].Anchors.Add(line);
                Merge(rows[^1], cells, line, descriptionOnly: false);
            }
            else if (isRow)
            {
                var row = new TableRow();
                row.Anchors.Add(line);
                if (rows.Count == 0) descriptionsAbove = pending.Count > 0;
                var toPrevious = rows.Count == 0 ? 0 : SplitPending(rows[^1], pending, line, descriptionsAbove);
                for (var i = 0; i < pending.Count; i++)
                {
                    var p = pending[i];
                    Merge(i < toPrevious ? rows[^1] : row, Assign(table.Columns, p), p, descriptionOnly: true);
                }
                pending.Clear();
                Merge(row, cells, line, descriptionOnly: false);
                rows.Add(row);
            }
            else if (rows.Count > 0 && line.Top - rows[^1].Lines[^1].Bottom < 1.6 * line.Height)
            {
                Merge(rows[^1], cells, line, descriptionOnly: true);
            }
            else
            {
                pending.Add(line);
            }
        }
        return rows;
    }

    /// <summary>
    /// How many of the text-only lines between two rows belong to the row above: the item boundary is the widest gap
    /// among them (before the first, between two, after the last). Where the gaps do not tell (none 1.3 times the
    /// narrowest), the table's own habit decides: details under the numbers' line go up, descriptions that start above
    /// their numbers go down.
    /// </summary>
    private static int SplitPending(TableRow previous, List<TextLine> pending, TextLine next, bool descriptionsAbove)
    {
        if (pending.Count == 0) return 0;
        // Across a page break the gaps say nothing: the lines go down, as before.
        var page = next.Page;
        if (previous.Lines[^1].Page != page || pending.Any(p => p.Page != page)) return 0;
        var gaps = new double[pending.Count + 1];
        gaps[0] = pending[0].Top - previous.Lines[^1].Bottom;
        for (var i = 1; i < pending.Count; i++) gaps[i] = pending[i].Top - pending[i - 1].Bottom;
        gaps[^1] = next.Top - pending[^1].Bottom;
        var widest = Array.IndexOf(gaps, gaps.Max());
        var narrowest = Math.Max(gaps.Min(), 0.1 * next.Height);
        if (gaps[widest] >= 1.3 * narrowest) return widest;
        return descriptionsAbove ? 0 : pending.Count;
    }

    /// <summary>
    /// A line of numbers that completes the row above rather than starting one: it touches the row's last line, fills
    /// only quantity, price or amount cells the row has no number in, and one of the two has no description (an amount
    /// drawn centred beside a description wrapped over two lines, a baseline a little off).
    /// </summary>
    private static bool Completes(TableRow row, Dictionary<string, List<TextWord>> cells, TextLine line, HashSet<string> anchorTargets)
    {
        if (line.Top - row.Lines[^1].Bottom > 0.5 * line.Height) return false;
        static bool HasNumber(List<TextWord> words) => words.Any(w => w.Text.Any(char.IsAsciiDigit) && LocaleNumbers.Parse(w.Text) is not null);
        var filled = anchorTargets.Where(t => cells.TryGetValue(t, out var ws) && HasNumber(ws)).ToList();
        if (filled.Count == 0 || filled.Any(t => row.Cells.TryGetValue(t, out var ws) && row.Anchors.Any(a => ws.Any(a.Words.Contains)) && HasNumber(ws))) return false;
        var lineHasText = cells.TryGetValue(FieldNames.Description, out var d) && d.Count > 0;
        var rowHasText = row.Cells.TryGetValue(FieldNames.Description, out var rd) && rd.Count > 0;
        return !(lineHasText && rowHasText);
    }

    private static void Merge(TableRow row, Dictionary<string, List<TextWord>> cells, TextLine line, bool descriptionOnly)
    {
        row.Lines.Add(line);
        foreach (var (target, words) in cells)
        {
            // Continuation lines add text to the description; stray words elsewhere (a second HS line, an origin) are kept too.
            // A code-over-description column holds the code on the row's own line and the description on the others.
            var key = target == CodeOverDescription ? (descriptionOnly ? FieldNames.Description : Lexicon.ColItemCode)
                : descriptionOnly && target is not (FieldNames.Description or FieldNames.HsCode or FieldNames.OriginCountry or Lexicon.ColItemCode or Lexicon.ColBuyerCode or Lexicon.ColGtin) ? FieldNames.Description : target;
            if (!row.Cells.TryGetValue(key, out var list)) row.Cells[key] = list = [];
            list.AddRange(words);
        }
    }

    /// <summary>The words of a line per column (by the word's centre; numbers that straddle a cut go by their right edge).</summary>
    public static Dictionary<string, List<TextWord>> Assign(IReadOnlyList<TableColumn> columns, TextLine line)
    {
        var cells = new Dictionary<string, List<TextWord>>(StringComparer.Ordinal);
        foreach (var w in line.Words)
        {
            var x = (w.X0 + w.X1) / 2;
            var col = columns.FirstOrDefault(c => x >= c.X0 && x < c.X1) ?? columns[^1];
            if (!cells.TryGetValue(col.Target, out var list)) cells[col.Target] = list = [];
            list.Add(w);
        }
        return cells;
    }
}
