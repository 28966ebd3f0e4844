namespace CustomsFn.Core.Extraction.Layout;

/// <summary>
/// Classifies a document from its words: the title phrases of commercial invoices, packing lists, credit notes,
/// certificates of origin, customs declarations and bills of lading in the supported languages. Phrases near the top of
/// the first page weigh most; a generic "invoice" loses against a specific title ("credit note", "packing list").
/// </summary>
public static class DocumentClassifier
{
    private static readonly (string Type, double Weight, string[] Phrases)[] Titles =
    [
        (DocumentType.CreditNote, 3, ["credit note", "credit memo", "gutschrift", "rechnungskorrektur", "avoir", "facture d'avoir", "nota de credito", "factura rectificativa", "nota de abono", "nota di credito", "creditnota", "creditfactuur", "貸方票", "クレジットノート", "赤伝", "贷项通知单", "红字发票", "信用票据"]),
        (DocumentType.PackingList, 3, ["packing list", "packing slip", "packliste", "lieferschein", "liste de colisage", "bordereau de livraison", "lista de empaque", "lista de embalaje", "lista de bultos", "albaran", "lista de embalagem", "romaneio", "romaneio de carga", "guia de remessa", "packing list", "distinta di imballaggio", "lista di imballaggio", "paklijst", "pakbon", "パッキングリスト", "梱包明細書", "装箱单", "包装清单"]),
        (DocumentType.CertificateOfOrigin, 3, ["certificate of origin", "ursprungszeugnis", "certificat d'origine", "certificado de origen", "certificado de origem", "certificato di origine", "certificaat van oorsprong", "原産地証明書", "原产地证书", "原产地证明书"]),
        (DocumentType.CustomsDeclaration, 3, ["customs declaration", "export declaration", "import declaration", "zollanmeldung", "ausfuhranmeldung", "einfuhranmeldung", "declaration en douane", "declaracion aduanera", "declaracao aduaneira", "declaracao de importacao", "declaracao de exportacao", "dichiarazione doganale", "douaneaangifte", "輸出申告書", "輸入申告書", "輸出申告", "报关单", "出口货物报关单", "进口货物报关单"]),
        (DocumentType.BillOfLading, 3, ["bill of lading", "sea waybill", "konnossement", "connaissement", "conocimiento de embarque", "conhecimento de embarque", "polizza di carico", "cognossement", "船荷証券", "提单", "海运提单"]),
        (DocumentType.CommercialInvoice, 2, ["commercial invoice", "handelsrechnung", "facture commerciale", "factura comercial", "fatura comercial", "fattura commerciale", "handelsfactuur", "商業送り状", "コマーシャルインボイス", "商业发票"]),
        (DocumentType.CommercialInvoice, 1, ["invoice", "tax invoice", "rechnung", "facture", "factura", "fatura", "fatura-recibo", "nota fiscal", "fattura", "factuur", "請求書", "インボイス", "送り状", "发票", "增值税发票"]),
    ];

    /// <summary>
    /// What a goods table with package or weight columns and no price or amount column says: a packing list. Weighs more
    /// than an "invoice no." label in the header (packing lists name the invoice they belong to), less than a title.
    /// </summary>
    public const double PackingTableWeight = 9;

    /// <summary>What a phrase followed by a number or date label ("Lieferschein-Nr", "Invoice No.") says, whatever its kind.</summary>
    public const double ReferenceWeight = 0.5;

    /// <summary>What a goods table with quantity and price columns says: an invoice, by less than any title.</summary>
    public const double PricedTableWeight = 2;

    public static (string Type, double Confidence) Classify(IReadOnlyList<TextLine> firstPageLines, IReadOnlyList<TextLine> allLines,
        IReadOnlyList<GoodsTable>? tables = null)
    {
        ArgumentNullException.ThrowIfNull(firstPageLines);
        ArgumentNullException.ThrowIfNull(allLines);
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        // The title can be missing (a scan whose large title the recogniser skipped): the table's columns still tell.
        if (tables is { Count: > 0 } && tables.Any(IsPackingTable)) scores[DocumentType.PackingList] = PackingTableWeight;
        // Goods priced line by line are what an invoice is; the weakest cue, for a scan whose title was not read.
        else if (tables is { Count: > 0 } && tables.Any(IsPricedTable)) scores[DocumentType.CommercialInvoice] = PricedTableWeight;
        var head = Math.Min(firstPageLines.Count, 12);
        for (var i = 0; i < allLines.Count; i++)
        {
            var line = allLines[i];
            var folded = " " + TextNormalizer.Fold(CollapseLetterSpacing(line.Text)) + " ";
            var inHead = i < head && line.Page == firstPageLines[0].Page;
            foreach (var (type, weight, phrases) in Titles)
            {
                foreach (var p in phrases)
                {
                    if (Find(folded, p, type == DocumentType.CommercialInvoice) is not { } at) continue;
                    // "Lieferschein-Nr: L8765", "Invoice No. 4711": a document's number, which an invoice gives for its
                    // delivery note and a packing list for its invoice; it says little about which document this is,
                    // and the same for every kind.
                    var reference = IsReference(folded, at, p.Length);
                    // A title stands alone or starts the line; a phrase in running text counts little.
                    var standalone = at <= 1 && folded.Trim().Length <= p.Length + 25;
                    var w = reference ? ReferenceWeight * (inHead ? 1 : 0.2) : weight * (inHead ? 3 : 0.5) * (standalone ? 2 : 1);
                    scores[type] = scores.GetValueOrDefault(type) + w;
                    break;
                }
            }
        }
        if (scores.Count == 0) return (DocumentType.Unknown, 0.3);
        var ordered = scores.OrderByDescending(kv => kv.Value).ToList();
        var best = ordered[0];
        var second = ordered.Count > 1 ? ordered[1].Value : 0;
        var confidence = Math.Round(Math.Clamp(0.5 + 0.45 * (best.Value - second) / best.Value, 0.3, 0.95), 2);
        return (best.Key, confidence);
    }

    /// <summary>Packages, net or gross weight columns, and neither a unit price nor an amount column.</summary>
    public static bool IsPackingTable(GoodsTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var targets = table.Columns.Select(c => c.Target).ToHashSet(StringComparer.Ordinal);
        return (targets.Contains(FieldNames.PackageCount) || targets.Contains(FieldNames.NetWeightKg) || targets.Contains(FieldNames.GrossWeightKg))
               && !targets.Contains(FieldNames.UnitPrice) && !targets.Contains(FieldNames.Amount);
    }

    /// <summary>A quantity column and a unit price or amount column (one of the two header labels may be misread).</summary>
    public static bool IsPricedTable(GoodsTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var targets = table.Columns.Select(c => c.Target).ToHashSet(StringComparer.Ordinal);
        return targets.Contains(FieldNames.Quantity) && (targets.Contains(FieldNames.UnitPrice) || targets.Contains(FieldNames.Amount));
    }

    /// <summary>
    /// Where the phrase stands as a word in the padded, folded line, or null. German compounds end in their kind
    /// ("Warenrechnung", "Kostenrechnung", "Schlussrechnung" are invoices), so for invoices a phrase may also end a word.
    /// </summary>
    private static int? Find(string paddedFolded, string phrase, bool compoundEnd)
    {
        var cjk = TextNormalizer.IsCjk(phrase[0]);
        if (cjk)
        {
            var at = paddedFolded.IndexOf(phrase, StringComparison.Ordinal);
            return at >= 0 ? at : null;
        }
        var idx = paddedFolded.IndexOf(phrase, StringComparison.Ordinal);
        while (idx >= 0)
        {
            var before = paddedFolded[idx - 1];
            var afterIdx = idx + phrase.Length;
            var after = afterIdx < paddedFolded.Length ? paddedFolded[afterIdx] : ' ';
            if (!char.IsLetter(after) && (!char.IsLetter(before) || (compoundEnd && phrase == "rechnung")))
            {
                if (!char.IsLetter(before)) return idx;
                // The start of the compound word.
                var start = idx;
                while (start > 0 && char.IsLetter(paddedFolded[start - 1])) start--;
                return start;
            }
            idx = paddedFolded.IndexOf(phrase, idx + 1, StringComparison.Ordinal);
        }
        return null;
    }

    private static readonly string[] ReferenceMarks = ["-nr", " nr", "-no", " no", " n°", " #", "-datum", " datum", " date", " number", " numero", " num", "番号", "号"];

    /// <summary>The phrase is followed by a number or date label: it names another document ("Lieferschein-Nr", "invoice no.").</summary>
    private static bool IsReference(string paddedFolded, int at, int length)
    {
        var end = at + length;
        while (end < paddedFolded.Length && char.IsLetter(paddedFolded[end])) end++;
        var rest = paddedFolded[end..];
        return ReferenceMarks.Any(m => rest.StartsWith(m, StringComparison.Ordinal)
            && (rest.Length == m.Length || !char.IsLetter(rest[m.Length]) || TextNormalizer.IsCjk(m[0])));
    }

    /// <summary>"W A R E N R E C H N U N G": a title set in spaced letters, read as the word it spells (runs of four or more single letters).</summary>
    public static string CollapseLetterSpacing(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = text.Split(' ');
        var result = new List<string>(tokens.Length);
        var run = new System.Text.StringBuilder();
        var runLength = 0;
        void Flush()
        {
            if (runLength >= 4) result.Add(run.ToString());
            else if (runLength > 0) result.AddRange(run.ToString().Select(c => c.ToString()));
            run.Clear();
            runLength = 0;
        }
        foreach (var token in tokens)
        {
            if (token.Length == 1 && char.IsLetter(token[0]))
            {
                run.Append(token);
                runLength++;
                continue;
            }
            Flush();
            result.Add(token);
        }
        Flush();
        return string.Join(' ', result);
    }
}
