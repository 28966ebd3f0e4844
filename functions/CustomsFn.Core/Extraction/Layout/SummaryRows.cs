namespace CustomsFn.Core.Extraction.Layout;

/// <summary>
/// Cost-summary rows inside or under a goods table ("TOTAL AMOUNT DUE", "Subtotal", "Freight", "zzgl. Versandkosten",
/// "VAT 19 %", "abzgl. 16,7% Rabatt"): their text, after a leading plus/minus word and any numbers or percentages,
/// begins with a summary word in one of the eight languages. Such a row is never a goods line.
/// </summary>
public static class SummaryRows
{
    private static readonly string[] Leading = Folded(
        ["zzgl", "zzgl.", "abzgl", "abzgl.", "zuzuglich", "abzuglich", "plus", "less", "minus", "+", "-", "./.", "moins", "mas", "menos", "piu", "meno", "incl", "incl.", "inkl", "inkl.", "excl", "excl.", "exkl", "exkl."]);

    // Folded as the text is ("Sondernachlass" -> "sondernachlas"), longest first.
    private static readonly string[] Words = Folded(
    [
        // en
        "total", "totals", "subtotal", "sub-total", "sub total", "grand total", "sum", "amount due", "balance", "balance due", "net total", "invoice total",
        "freight", "shipping", "handling", "delivery charge", "insurance premium tax", "postage", "tax", "taxes", "vat", "sales tax", "gst", "discount", "rebate", "deposit paid", "amount paid", "paid",
        // de
        "summe", "zwischensumme", "gesamt", "gesamtsumme", "gesamtbetrag", "rechnungssumme", "rechnungsbetrag", "endbetrag", "nettobetrag", "bruttobetrag", "warenwert",
        "versandkosten", "fracht", "frachtkosten", "porto", "verpackung und versand", "mwst", "mwst.", "ust", "ust.", "umsatzsteuer", "mehrwertsteuer", "steuer", "steuerbasisbetrag",
        "rabatt", "skonto", "nachlass", "sondernachlass", "bereits bezahlt", "offener betrag", "zahlbetrag", "ubertrag",
        // fr
        "sous-total", "sous total", "total ht", "total ttc", "montant total", "net a payer", "frais de port", "tva", "remise", "escompte",
        // es
        "importe total", "base imponible", "envio", "gastos de envio", "iva", "descuento",
        // it
        "totale", "subtotale", "imponibile", "spese di trasporto", "sconto",
        // nl
        "totaal", "subtotaal", "verzendkosten", "btw", "korting",
        // ja / zh
        "合計", "小計", "総計", "送料", "消費税", "税額", "値引", "合计", "小计", "总计", "运费", "税额", "折扣", "总金额",
    ]);

    private static string[] Folded(string[] words) => words.Select(TextNormalizer.Fold).Distinct().OrderByDescending(w => w.Length).ToArray();

    /// <summary>True when the row text reads as a cost-summary line, not goods.</summary>
    public static bool IsSummary(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = TextNormalizer.Fold(text).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(t => t.Length > 1 ? t.TrimEnd('.', ':') : t).ToList();
        var i = 0;
        while (i < tokens.Count && (Array.IndexOf(Leading, tokens[i]) >= 0 || tokens[i].All(c => char.IsAsciiDigit(c) || c is ',' or '.' or '%' or '-' or '+')))
            i++;
        if (i >= tokens.Count) return false;
        var rest = string.Join(' ', tokens.Skip(i));
        foreach (var w in Words)
        {
            if (!rest.StartsWith(w, StringComparison.Ordinal)) continue;
            if (rest.Length == w.Length || rest[w.Length] is ' ' or ':' or '(' or '/' || TextNormalizer.IsCjk(w[^1])) return true;
        }
        return false;
    }
}
