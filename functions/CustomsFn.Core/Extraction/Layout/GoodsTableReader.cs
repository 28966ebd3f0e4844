using System.Globalization;
using System.Text.RegularExpressions;

namespace CustomsFn.Core.Extraction.Layout;

/// <summary>
/// Reads the goods lines of a document's pages: the tables <see cref="GoodsTableFinder"/> finds (and their continuation
/// on a following page without a repeated header), each row read into a line field set, OCR rows completed by
/// quantity x unit price = amount. Keeps the tables, the lines they cover, the repairs made and an unlabelled subtotal
/// row for the field reading and cross-checks of <see cref="LayoutFieldExtractor"/>.
/// </summary>
internal sealed partial class GoodsTableReader(IReadOnlyList<PageText> pages, IReadOnlyList<List<TextLine>> pageLines, string? language)
{
    /// <summary>The tables read, in page order.</summary>
    public List<GoodsTable> Tables { get; } = [];

    /// <summary>Lines that belong to a table (header and body): field scanning skips them.</summary>
    public HashSet<TextLine> TableLines { get; } = [];

    /// <summary>
    /// An OCR subtotal row whose label was misread (see <see cref="UnlabelledSubtotal"/>), or the last running-sum row under a
    /// label no list names when it adds up every goods line.
    /// </summary>
    public (decimal Value, int Page, IReadOnlyList<TextWord> Words)? SubtotalRow { get; private set; }

    /// <summary>Corrections made while reading goods rows (a letter read for a digit), reported by the cross-check.</summary>
    public List<(FieldSet Line, string Field, string Message)> Repairs { get; } = [];

    private FieldSource Source(int page, IEnumerable<TextWord> words) => pages.First(p => p.Number == page).SourceOf(words);

    /// <summary>The goods lines of every table on the pages, in reading order.</summary>
    public List<FieldSet> Read()
    {
        var result = new List<FieldSet>();
        var runningSums = new List<(decimal Value, int Page, IReadOnlyList<TextWord> Words)>();
        GoodsTable? previous = null;
        foreach (var page in pageLines)
        {
            var tables = GoodsTableFinder.Find(page);
            if (tables.Count == 0 && previous is { EndedByTotals: false })
            {
                var continued = Continue(previous, page);
                if (continued is not null) tables.Add(continued);
            }
            foreach (var table in tables)
            {
                Tables.Add(table);
                foreach (var l in table.AllLines) TableLines.Add(l);
                var rows = GoodsTableFinder.Rows(table);
                var pinned = ArithmeticColumns.Pin(table, rows, language);
                var first = result.Count;
                foreach (var row in rows)
                {
                    pinned?.Apply(row);
                    var line = ReadRow(table, row);
                    // In a table whose prices multiply out, a goods line has an amount: a row with none is a note or a footer.
                    if (pinned is not null && line is not null && !line.ContainsKey(FieldNames.Amount)) line = null;
                    // A row with an amount but neither quantity nor price, the amount being the sum of the goods lines above it,
                    // is a carried-forward or brought-forward row (or the subtotal) under a label no list names, not a goods line.
                    if ((line is null || !line.ContainsKey(FieldNames.Quantity) && !line.ContainsKey(FieldNames.UnitPrice)) && RunningSum(row, result) is { } sum)
                    {
                        line = null;
                        runningSums.Add(sum);
                    }
                    if (line is not null) result.Add(line);
                    else UnlabelledSubtotal(row, result);
                }
                StripRunningNumbers(result, first);
                previous = table;
            }
        }
        // A running-sum row under a label no list names ("Suma"), the last one, adding up every goods line: the subtotal.
        if (SubtotalRow is null && runningSums.Count > 0 && result.All(l => l.GetNumber(FieldNames.Amount) is not null)
            && LayoutFieldExtractor.Agrees(result.Sum(l => l.GetNumber(FieldNames.Amount)!.Value), runningSums[^1].Value))
            SubtotalRow = runningSums[^1];
        return result;
    }

    /// <summary>
    /// A position column whose header was not read (a "#" OCR missed) leaves each row's running number at the start of its
    /// description ("1 Deep groove ball bearing", "2 Leather work boots"): when every line of the table from
    /// <paramref name="first"/> on starts with the next number of one sequence, the numbers are taken off.
    /// </summary>
    internal static void StripRunningNumbers(List<FieldSet> lines, int first)
    {
        if (lines.Count - first < 2) return;
        var numbers = new List<int>();
        for (var k = first; k < lines.Count; k++)
        {
            var text = lines[k].GetText(FieldNames.Description) ?? "";
            var space = text.IndexOf(' ', StringComparison.Ordinal);
            if (space is < 1 or > 3 || !int.TryParse(text.AsSpan(0, space), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || text[(space + 1)..].Trim().Length == 0) return;
            if (numbers.Count > 0 && n != numbers[^1] + 1) return;
            numbers.Add(n);
        }
        for (var k = first; k < lines.Count; k++)
        {
            var field = lines[k][FieldNames.Description];
            var text = (string)field.Value!;
            lines[k].Set(FieldNames.Description, text[(text.IndexOf(' ', StringComparison.Ordinal) + 1)..].Trim(), field.Confidence, field.Source);
        }
    }

    /// <summary>
    /// A row that is no goods line, with an amount but no quantity or price, the amount adding up the goods lines above it
    /// (its label, in any column, is one no list names: "Suma", "Übertrag"); or null.
    /// </summary>
    private (decimal Value, int Page, IReadOnlyList<TextWord> Words)? RunningSum(TableRow row, List<FieldSet> above)
    {
        if (above.Count < 2 || !row.Cells.TryGetValue(FieldNames.Amount, out var words) || words.Count == 0) return null;
        if (row.Text(FieldNames.Quantity).Any(char.IsAsciiDigit) || row.Text(FieldNames.UnitPrice).Any(char.IsAsciiDigit)) return null;
        if (LocaleNumbers.Parse(row.Text(FieldNames.Amount), language) is not { } value || value <= 0) return null;
        if (above.Any(l => l.GetNumber(FieldNames.Amount) is null)) return null;
        return LayoutFieldExtractor.Agrees(above.Sum(l => l.GetNumber(FieldNames.Amount)!.Value), value) ? (value, row.Page, words) : null;
    }

    /// <summary>
    /// OCR: a row under the goods lines with no description whose amount is the sum of the amounts above it is the
    /// subtotal row with its label misread ("小计" read as "4"). Kept as a candidate for the line total, at heuristic
    /// confidence, used only when no labelled subtotal is found.
    /// </summary>
    private void UnlabelledSubtotal(TableRow row, List<FieldSet> lines)
    {
        if (lines.Count < 2 || SubtotalRow is not null) return;
        if (!row.Cells.TryGetValue(FieldNames.Amount, out var words) || words.Count == 0 || words.All(w => w.Confidence is null)) return;
        if (row.Text(FieldNames.Description).Any(char.IsLetter)) return;
        if (LocaleNumbers.Parse(row.Text(FieldNames.Amount), language) is not { } value) return;
        if (lines.Any(l => l.GetNumber(FieldNames.Amount) is null) || !LayoutFieldExtractor.Agrees(lines.Sum(l => l.GetNumber(FieldNames.Amount)!.Value), value)) return;
        SubtotalRow = (value, row.Page, words);
    }

    /// <summary>A table continued on the next page without a repeated header: same columns, from the first goods row on.</summary>
    private static GoodsTable? Continue(GoodsTable previous, List<TextLine> pageLines)
    {
        var body = new List<TextLine>();
        var started = false;
        var endedByTotals = false;
        foreach (var line in pageLines)
        {
            if (!started)
            {
                var cells = GoodsTableFinder.Assign(previous.Columns, line);
                // A number in the amount cell (two columns may share the name: "Amount" over prices, "Total" over amounts).
                var hasAmount = cells.TryGetValue(FieldNames.Amount, out var a) && a.Any(w => w.Text.Any(char.IsAsciiDigit) && LocaleNumbers.Parse(w.Text) is not null);
                var hasText = cells.ContainsKey(FieldNames.Description);
                if (!(hasAmount && hasText && line.Segments.Count >= 3)) continue;
                started = true;
            }
            if (GoodsTableFinder.IsTotalsLine(line)) { endedByTotals = true; break; }
            body.Add(line);
        }
        return body.Count == 0 ? null : new GoodsTable(body[0].Page, previous.Header, previous.Columns, body, endedByTotals);
    }

    private FieldSet? ReadRow(GoodsTable table, TableRow row)
    {
        var line = new FieldSet();
        var quality = table.Columns.GroupBy(c => c.Target).ToDictionary(g => g.Key, g => g.Max(c => c.LabelQuality), StringComparer.Ordinal);
        double Conf(string target, IReadOnlyList<TextWord> words, double parse)
        {
            var ocr = Ocr(words);
            return quality.GetValueOrDefault(target, 0.8) * parse * (ocr is { } o ? 0.5 + 0.5 * o : 1.0);
        }
        IReadOnlyList<TextWord> Words(string target) => row.Cells.TryGetValue(target, out var w) ? w : [];

        var description = row.Text(FieldNames.Description);
        var itemCode = row.Text(Lexicon.ColItemCode);
        // Text-only descriptions may carry the HS code ("HS 8471.30") and origin ("Origin: China") on their own lines.
        string? hsFromText = null;
        string? originFromText = null;
        var descLines = new List<string>();
        foreach (var part in description.Split('\n'))
        {
            var hsMatch = HsInText().Match(TextNormalizer.Compatibility(part));
            if (hsMatch.Success)
            {
                hsFromText ??= LocaleNumbers.DigitsOnly(hsMatch.Groups["code"].Value);
                var rest = part.Remove(hsMatch.Index, hsMatch.Length).Trim(' ', ',', ';', '/', '-', '|');
                if (rest.Length > 0) descLines.Add(rest);
                continue;
            }
            var om = OriginInText().Match(TextNormalizer.Compatibility(part));
            if (om.Success && Countries.FromName(om.Groups["c"].Value) is { } oc)
            {
                originFromText ??= oc;
                var rest = part.Remove(om.Index, om.Length).Trim(' ', ',', ';', '/', '-', '|');
                if (rest.Length > 0) descLines.Add(rest);
                continue;
            }
            descLines.Add(part);
        }
        // Wrapped lines joined as words, except within CJK text ("ケーブルクリッ" over "プ" is one word).
        description = descLines.Select(s => s.Trim()).Where(s => s.Length > 0).Aggregate("", TextNormalizer.Join);
        // A description that is itself a totals label ("Subtotal", "Total") is not a goods line.
        if (description.Length > 0 && GoodsTableFinder.IsTotalsLabel(TextNormalizer.Fold(description))) return null;

        var page = row.Page;
        var descWords = Words(FieldNames.Description);
        if (description.Length > 0)
            line.Set(FieldNames.Description, description, Round(Conf(FieldNames.Description, descWords, 0.95)), Source(page, descWords));
        else if (itemCode.Length > 0)
            line.Set(FieldNames.Description, itemCode, Round(Conf(Lexicon.ColItemCode, Words(Lexicon.ColItemCode), 0.7)), Source(page, Words(Lexicon.ColItemCode)));

        foreach (var target in new[] { FieldNames.Quantity, FieldNames.UnitPrice, FieldNames.Amount, FieldNames.NetWeightKg })
        {
            var words = Words(target);
            if (words.Count == 0) continue;
            var text = row.Text(target);
            var value = LocaleNumbers.Parse(text, language) ?? FirstNumber(text, language);
            if (value is null) continue;
            if (target == FieldNames.Quantity && UnitOf(text) is { } unitInQty && !line.ContainsKey(FieldNames.UnitCode))
                line.Set(FieldNames.UnitCode, unitInQty, Round(Conf(target, words, 0.8)), Source(page, words));
            line.Set(target, value.Value, Round(Conf(target, words, 0.95)), Source(page, words));
        }
        if (Words(Lexicon.ColUnit) is { Count: > 0 } unitWords && UnitOf(row.Text(Lexicon.ColUnit)) is { } unit)
            line.Set(FieldNames.UnitCode, unit, Round(Conf(Lexicon.ColUnit, unitWords, 0.9)), Source(page, unitWords));

        var hsWords = Words(FieldNames.HsCode);
        var hs = hsWords.Count > 0 ? LocaleNumbers.DigitsOnly(row.Text(FieldNames.HsCode)) : null;
        if (hs is { Length: >= 6 and <= 10 })
            line.Set(FieldNames.HsCode, hs, Round(Conf(FieldNames.HsCode, hsWords, 0.95)), Source(page, hsWords));
        else if (hsFromText is { Length: >= 6 and <= 10 })
            line.Set(FieldNames.HsCode, hsFromText, Round(Conf(FieldNames.Description, descWords, 0.85)), Source(page, descWords));

        var originWords = Words(FieldNames.OriginCountry);
        if (originWords.Count > 0 && Countries.FromName(row.Text(FieldNames.OriginCountry)) is { } origin)
            line.Set(FieldNames.OriginCountry, origin, Round(Conf(FieldNames.OriginCountry, originWords, 0.9)), Source(page, originWords));
        else if (originFromText is not null)
            line.Set(FieldNames.OriginCountry, originFromText, Round(Conf(FieldNames.Description, descWords, 0.85)), Source(page, descWords));

        ReadByArithmetic(row, line, Conf);

        // A row needs a description and at least one number to be a goods line.
        if (!line.ContainsKey(FieldNames.Description) || !(line.ContainsKey(FieldNames.Amount) || line.ContainsKey(FieldNames.Quantity))) return null;
        // A cost-summary row (freight, tax, a discount, a subtotal) is no goods line unless its own numbers multiply out.
        if (IsSummaryRow(row) && !(line.GetNumber(FieldNames.Quantity) is { } q && line.GetNumber(FieldNames.UnitPrice) is { } p && line.GetNumber(FieldNames.Amount) is { } a
                                   && LayoutFieldExtractor.Agrees(q * p, a))) return null;
        if (description.Length > 0 && ProductCode(itemCode) is { } code)
            line.Set(FieldNames.ProductCode, code, Round(Conf(Lexicon.ColItemCode, Words(Lexicon.ColItemCode), 0.9)), Source(page, Words(Lexicon.ColItemCode)));
        return line;
    }

    /// <summary>The text of the row's own line without its numbers: what a summary row is recognised by.</summary>
    private static bool IsSummaryRow(TableRow row)
    {
        var words = (row.Anchor is null ? row.Lines.SelectMany(l => l.Words) : row.OwnWords).Where(w => LocaleNumbers.Parse(w.Text) is null || !w.Text.Any(char.IsAsciiDigit));
        return SummaryRows.IsSummary(string.Join(" ", words.Select(w => w.Text)));
    }

    /// <summary>
    /// The seller's article code from a code column: without a leading position number ("1 TB100A4"), one or two tokens
    /// with a letter or digit.
    /// </summary>
    internal static string? ProductCode(string text)
    {
        var tokens = text.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries).ToList();
        if (tokens.Count > 1 && tokens[0].Length <= 3 && tokens[0].All(char.IsAsciiDigit)) tokens.RemoveAt(0);
        if (tokens.Count is 0 or > 2) return null;
        var code = string.Join(" ", tokens).Trim(',', ';', ':');
        if (code.Length is < 2 or > 35 || !code.Any(char.IsLetterOrDigit)) return null;
        return code;
    }

    /// <summary>
    /// OCR rows whose columns were not all named (a header misread or two header labels run together): when the row's
    /// quantity x unit price does not give its amount, the numbers of the row outside the description, code and origin
    /// cells are searched, left to right, for the one triple that multiplies out, and that triple is taken. Failing that,
    /// the one triple that multiplies out with a single OCR error is taken as read (the cross-check corrects it and says
    /// so), or with one letter read for a digit ("Ast" for "4 st"), which is corrected here and reported.
    /// </summary>
    private void ReadByArithmetic(TableRow row, FieldSet line, Func<string, IReadOnlyList<TextWord>, double, double> conf)
    {
        if (!row.Cells.Values.SelectMany(w => w).Any(w => w.Confidence is not null)) return;
        if (line.GetNumber(FieldNames.Quantity) is { } q0 && line.GetNumber(FieldNames.UnitPrice) is { } p0 && line.GetNumber(FieldNames.Amount) is { } a0 && LayoutFieldExtractor.Agrees(q0 * p0, a0)) return;
        var numbers = new List<(decimal Value, TextWord Word, string Target, string? Confused)>();
        foreach (var (target, words) in row.Cells)
        {
            if (target is FieldNames.Description or FieldNames.HsCode or FieldNames.OriginCountry or Lexicon.ColItemCode or Lexicon.ColPosition) continue;
            foreach (var w in words)
            {
                if (LocaleNumbers.Parse(w.Text, language) is { } v) { if (v > 0) numbers.Add((v, w, target, null)); continue; }
                // A unit word ("Stk", "set") is read as it stands, never as a digit.
                if (UnitOf(w.Text) is not null) continue;
                foreach (var (text, cv) in OcrRepair.DigitConfusions(w.Text, language)) numbers.Add((cv, w, target, text));
            }
        }
        if (numbers.Count(n => n.Confused is null) < 2 || numbers.Count > 10) return;
        numbers.Sort((a, b) => a.Word.X0.CompareTo(b.Word.X0));
        if (numbers.Count == 2 && QuantityNotRead(row, line, numbers[0].Value, numbers[0].Word, numbers[1].Value, numbers[1].Word, conf)) return;
        (int I, int J, int K)? found = null;
        var plain = numbers.Select((n, i) => (n, i)).Where(x => x.n.Confused is null).Select(x => x.i).ToList();
        if (ArithmeticColumns.ProductTriple(plain.Select(p => numbers[p].Value).ToList()) is { } t) found = (plain[t.I], plain[t.J], plain[t.K]);
        if (found is null)
        {
            // One error allowed in the whole triple: a letter read for a digit, or a misread number that the other two pin.
            var candidates = new HashSet<(int, int, int)>();
            for (var i = 0; i < numbers.Count; i++)
                for (var j = i + 1; j < numbers.Count; j++)
                    for (var k = j + 1; k < numbers.Count; k++)
                    {
                        var (a, b, c) = (numbers[i], numbers[j], numbers[k]);
                        if (a.Word == b.Word || b.Word == c.Word || a.Word == c.Word) continue;
                        var confused = (a.Confused is null ? 0 : 1) + (b.Confused is null ? 0 : 1) + (c.Confused is null ? 0 : 1);
                        if (confused > 1) continue;
                        var ok = confused == 1
                            ? LayoutFieldExtractor.Agrees(a.Value * b.Value, c.Value) && c.Value >= b.Value
                            : RepairsOf(a.Value, b.Value, c.Value).Count > 0 && c.Value >= b.Value;
                        if (ok) candidates.Add((i, j, k));
                    }
            if (candidates.Count != 1) return;
            found = candidates.Single();
        }
        if (found is not { } f) return;
        var page = row.Page;
        foreach (var (index, target) in new[] { (f.I, FieldNames.Quantity), (f.J, FieldNames.UnitPrice), (f.K, FieldNames.Amount) })
        {
            var n = numbers[index];
            if (n.Confused is { } read)
            {
                line.Set(target, n.Value, 0.5, Source(page, [n.Word]));
                Repairs.Add((line, target, $"Read '{n.Word.Text}' by OCR; taken as '{read}' (a letter read for the digit it resembles): quantity x unit price = amount pins it to {LayoutFieldExtractor.Fmt(n.Value)}."));
                continue;
            }
            line.Set(target, n.Value, Round(conf(n.Target, [n.Word], 0.85)), Source(page, [n.Word]));
        }
    }

    /// <summary>
    /// A row with a unit word and no quantity before it ("st  228,98  3.205,72"): the quantity was printed but not read
    /// (a digit pair the recogniser dropped as noise). When the amount is a whole multiple of the price, that multiple
    /// is taken as the quantity, at low confidence, and reported.
    /// </summary>
    private bool QuantityNotRead(TableRow row, FieldSet line, decimal price, TextWord priceWord, decimal amount, TextWord amountWord,
        Func<string, IReadOnlyList<TextWord>, double, double> conf)
    {
        if (price <= 0 || amount <= price) return false;
        var quantity = amount / price;
        if (quantity != decimal.Truncate(quantity) || quantity > 1_000_000) return false;
        var unitWord = row.Cells.Where(c => c.Key is not (FieldNames.Description or FieldNames.HsCode or FieldNames.OriginCountry or Lexicon.ColItemCode or Lexicon.ColPosition))
            .SelectMany(c => c.Value).FirstOrDefault(w => w.X1 <= priceWord.X0 && !w.Text.Any(char.IsAsciiDigit) && UnitOf(w.Text) is not null);
        if (unitWord is null) return false;
        var page = row.Page;
        line.Set(FieldNames.UnitPrice, price, Round(conf(FieldNames.UnitPrice, [priceWord], 0.85)), Source(page, [priceWord]));
        line.Set(FieldNames.Amount, amount, Round(conf(FieldNames.Amount, [amountWord], 0.85)), Source(page, [amountWord]));
        line.Set(FieldNames.Quantity, decimal.Truncate(quantity), 0.35, Source(page, [unitWord]));
        Repairs.Add((line, FieldNames.Quantity,
            $"No quantity read by OCR before the unit '{unitWord.Text}'; amount / unit price = {LayoutFieldExtractor.Fmt(decimal.Truncate(quantity))} taken as the quantity."));
        return true;
    }

    /// <summary>The single-error corrections of quantity, unit price or amount that make the line multiply out.</summary>
    internal static List<(string Field, decimal Before, decimal After, OcrMisread Kind)> RepairsOf(decimal q, decimal p, decimal a)
    {
        var result = new List<(string, decimal, decimal, OcrMisread)>();
        if (q <= 0 || p <= 0 || a <= 0) return result;
        var amount = Math.Round(q * p, 2);
        if (OcrRepair.Explain(a, amount) is var ka && ka != OcrMisread.None) result.Add((FieldNames.Amount, a, amount, ka));
        var price = a / q;
        if (price == Math.Round(price, 4) && OcrRepair.Explain(p, price) is var kp && kp != OcrMisread.None) result.Add((FieldNames.UnitPrice, p, price, kp));
        var quantity = a / p;
        if (quantity == Math.Round(quantity, 3) && OcrRepair.Explain(q, quantity, money: false) is var kq && kq != OcrMisread.None) result.Add((FieldNames.Quantity, q, quantity, kq));
        return result;
    }

    internal static double Round(double c) => Math.Round(Math.Clamp(c, 0.01, 0.99), 3);

    internal static double? Ocr(IEnumerable<TextWord> words)
    {
        double? min = null;
        foreach (var w in words)
        {
            if (w.Confidence is not { } c) continue;
            var n = c > 1 ? c / 100.0 : c;
            min = min is null ? n : Math.Min(min.Value, n);
        }
        return min is null ? null : Math.Clamp(min.Value, 0, 1);
    }

    private static decimal? FirstNumber(string text, string? language)
    {
        foreach (var token in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            if (LocaleNumbers.Parse(token, language) is { } v) return v;
        return null;
    }

    private static readonly (string[] Words, string Code)[] Units =
    [
        (["pcs", "pc", "pce", "piece", "pieces", "stk", "stk.", "stuck", "pieces", "pz", "pz.", "pezzi", "unidades", "uds", "ud", "st", "st.", "stuks", "個", "件", "台", "枚", "本", "只", "units", "unit", "ea", "each", "h87", "c62"], "H87"),
        (["kg", "kgs", "kilo", "kgm", "公斤", "千克"], "KGM"),
        (["g", "gr", "grm", "gram", "克"], "GRM"),
        (["t", "mt", "tonne", "tne", "吨"], "TNE"),
        (["l", "ltr", "litre", "liter", "lt", "升"], "LTR"),
        (["m", "mtr", "meter", "metre", "米"], "MTR"),
        (["m2", "sqm", "mtk"], "MTK"),
        (["set", "sets", "satz", "套"], "SET"),
        (["pr", "pair", "pairs", "paar", "paire", "双", "足"], "PR"),
        (["box", "boxes", "ctn", "carton", "cartons", "karton", "箱"], "XBX"),
        (["h", "hr", "hrs", "hour", "hours", "std", "stunden", "hur"], "HUR"),
        (["dz", "dozen", "dzn", "打"], "DZN"),
    ];

    /// <summary>A UN/ECE Rec 20 code for a unit word ("pcs", "kg", "Stk.", "個"), or null.</summary>
    public static string? UnitOf(string text)
    {
        foreach (var token in TextNormalizer.Compatibility(text).Split(' ', StringSplitOptions.RemoveEmptyEntries).Reverse())
        {
            var t = TextNormalizer.Fold(new string(token.Where(c => !char.IsAsciiDigit(c) && c is not ',' and not '.').ToArray()));
            if (t.Length == 0) continue;
            foreach (var (words, code) in Units)
                if (Array.IndexOf(words, t) >= 0) return code;
            if (UnitCode.TryParse(t.ToUpperInvariant(), out var u)) return u.Code;
        }
        return null;
    }

    [GeneratedRegex(@"(?:HS[- ]?(?:code|no\.?|nr\.?|编码|コード)?|H\.S\.(?: code)?|HTS(?: code)?|Tariff (?:No\.?|code|number)|Commodity code|Zolltarifnummer|Warentarifnummer|Code SH|C[oó]digo (?:HS|arancelario)|Codice (?:HS|doganale)|Goederencode|税番|統計番号|海关编码|商品编码)\s*[:：#]?\s*(?<code>\d{4}[.\s]?\d{2}(?:[.\s]?\d{2}){0,2})", RegexOptions.IgnoreCase)]
    private static partial Regex HsInText();

    [GeneratedRegex(@"(?:country of origin|origin|made in|ursprung(?:sland)?|origine|origen|pa[ií]s de origen|paese di origine|oorsprong|原産国|原产国|原产地)\s*[:：]?\s*(?<c>[\p{L} .'-]{2,40})$", RegexOptions.IgnoreCase)]
    private static partial Regex OriginInText();
}
