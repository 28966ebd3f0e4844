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
        (DocumentType.CreditNote, 3, ["credit note", "credit memo", "gutschrift", "rechnungskorrektur", "avoir", "facture d'avoir", "nota de credito", "factura rectificativa", "nota di credito", "creditnota", "creditfactuur", "貸方票", "クレジットノート", "赤伝", "贷项通知单", "红字发票", "信用票据"]),
        (DocumentType.PackingList, 3, ["packing list", "packing slip", "packliste", "lieferschein", "liste de colisage", "bordereau de livraison", "lista de empaque", "lista de embalaje", "packing list", "distinta di imballaggio", "lista di imballaggio", "paklijst", "pakbon", "パッキングリスト", "梱包明細書", "装箱单", "包装清单"]),
        (DocumentType.CertificateOfOrigin, 3, ["certificate of origin", "ursprungszeugnis", "certificat d'origine", "certificado de origen", "certificato di origine", "certificaat van oorsprong", "原産地証明書", "原产地证书", "原产地证明书"]),
        (DocumentType.CustomsDeclaration, 3, ["customs declaration", "export declaration", "import declaration", "zollanmeldung", "ausfuhranmeldung", "einfuhranmeldung", "declaration en douane", "declaracion aduanera", "dichiarazione doganale", "douaneaangifte", "輸出申告書", "輸入申告書", "輸出申告", "报关单", "出口货物报关单", "进口货物报关单"]),
        (DocumentType.BillOfLading, 3, ["bill of lading", "sea waybill", "konnossement", "connaissement", "conocimiento de embarque", "polizza di carico", "cognossement", "船荷証券", "提单", "海运提单"]),
        (DocumentType.CommercialInvoice, 2, ["commercial invoice", "handelsrechnung", "facture commerciale", "factura comercial", "fattura commerciale", "handelsfactuur", "商業送り状", "コマーシャルインボイス", "商业发票"]),
        (DocumentType.CommercialInvoice, 1, ["invoice", "tax invoice", "rechnung", "facture", "factura", "fattura", "factuur", "請求書", "インボイス", "送り状", "发票", "增值税发票"]),
    ];

    /// <summary>
    /// What a goods table with package or weight columns and no price or amount column says: a packing list. Weighs more
    /// than an "invoice no." label in the header (packing lists name the invoice they belong to), less than a title.
    /// </summary>
    public const double PackingTableWeight = 9;

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
            var folded = " " + TextNormalizer.Fold(line.Text) + " ";
            var inHead = i < head && line.Page == firstPageLines[0].Page;
            foreach (var (type, weight, phrases) in Titles)
            {
                foreach (var p in phrases)
                {
                    if (!Contains(folded, p)) continue;
                    // A title stands alone or starts the line; a phrase in running text counts little.
                    var standalone = folded.Trim().StartsWith(p, StringComparison.Ordinal) && folded.Trim().Length <= p.Length + 25;
                    var w = weight * (inHead ? 3 : 0.5) * (standalone ? 2 : 1);
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

    private static bool Contains(string paddedFolded, string phrase)
    {
        var cjk = TextNormalizer.IsCjk(phrase[0]);
        if (cjk) return paddedFolded.Contains(phrase, StringComparison.Ordinal);
        var idx = paddedFolded.IndexOf(phrase, StringComparison.Ordinal);
        while (idx >= 0)
        {
            var before = paddedFolded[idx - 1];
            var afterIdx = idx + phrase.Length;
            var after = afterIdx < paddedFolded.Length ? paddedFolded[afterIdx] : ' ';
            if (!char.IsLetter(before) && !char.IsLetter(after)) return true;
            idx = paddedFolded.IndexOf(phrase, idx + 1, StringComparison.Ordinal);
        }
        return false;
    }
}
