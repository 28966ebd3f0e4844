using CustomsFn.Core.Extraction.Layout;

namespace CustomsFn.Core.Extraction.Ocr;

/// <summary>
/// Picks the Tesseract model for a page from quick reads of its top (titles and labels) at about 150 dpi: first with
/// the English model, whose confident words tell Latin text (the language then from the words of invoices and packing
/// lists); when few words are read confidently the page is CJK, and a second read with the Japanese model decides
/// between Japanese (kana) and Chinese.
/// Measured on the evaluation scans: all eight models at once cost about 7x a single model; Tesseract's OSD costs about
/// as much as reading the page and took Chinese page tops for Latin.
/// </summary>
public static class LanguageProbe
{
    public const string LatinProbe = "eng";
    public const string CjkProbe = "jpn";

    private static readonly (string Lang, string[] Words)[] LatinWords =
    [
        ("en", ["invoice", "seller", "buyer", "exporter", "consignee", "amount", "description", "packing", "quantity", "total", "weight", "goods", "unit", "price", "date", "packages"]),
        ("de", ["rechnung", "handelsrechnung", "verkäufer", "käufer", "empfänger", "betrag", "menge", "datum", "warenbezeichnung", "packliste", "gesamtbetrag", "einzelpreis", "ursprungsland", "lieferbedingung", "währung", "gewicht"]),
        ("fr", ["facture", "vendeur", "acheteur", "destinataire", "montant", "désignation", "quantité", "colis", "poids", "prix", "devise", "marchandises", "pays", "origine"]),
        ("es", ["factura", "vendedor", "comprador", "destinatario", "importe", "descripción", "cantidad", "bultos", "peso", "precio", "moneda", "fecha", "mercancía", "país"]),
        ("it", ["fattura", "venditore", "acquirente", "destinatario", "importo", "descrizione", "quantità", "colli", "peso", "prezzo", "valuta", "merce", "paese", "totale"]),
        ("nl", ["factuur", "handelsfactuur", "verkoper", "koper", "geadresseerde", "bedrag", "omschrijving", "aantal", "colli", "gewicht", "prijs", "valuta", "goederen", "totaal", "paklijst"]),
    ];

    public static readonly IReadOnlyDictionary<string, string> TesseractModel = new Dictionary<string, string>
    {
        ["en"] = "eng", ["de"] = "deu", ["fr"] = "fra", ["es"] = "spa", ["it"] = "ita", ["nl"] = "nld", ["ja"] = "jpn", ["zh"] = "chi_sim",
    };

    /// <summary>
    /// True when the English model read the probe as Latin text: a label word of one of the Latin languages, or most of
    /// its words confident and alphanumeric.
    /// </summary>
    public static bool LooksLatin(IReadOnlyList<TextWord> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        if (Detect(words) is { } lang && lang is not ("ja" or "zh")) return true;
        var good = words.Count(w => w.Confidence >= 0.75 && w.Text.Count(char.IsAsciiLetterOrDigit) * 2 >= w.Text.Length);
        return good >= 5 && good * 2 >= words.Count;
    }

    /// <summary>Japanese or Chinese, from the Japanese model's read of a CJK probe: kana make up a share of Japanese text.</summary>
    public static string CjkLanguage(IEnumerable<TextWord> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        int kana = 0, han = 0;
        foreach (var c in words.SelectMany(w => w.Text))
        {
            if (IsKana(c)) kana++;
            else if (c is >= '\u4E00' and <= '\u9FFF') han++;
        }
        // Japanese labels are mostly kanji; company names and product words bring the kana.
        return kana >= 2 && kana * 20 >= han ? "ja" : "zh";
    }

    /// <summary>
    /// Hiragana and katakana letters, without the long-vowel mark and the middle dot, which the Japanese model also
    /// reads into dashes and specks of Chinese scans.
    /// </summary>
    private static bool IsKana(char c) => c is (>= '\u3041' and <= '\u3096') or (>= '\u30A1' and <= '\u30FA');

    /// <summary>The ISO 639-1 language of the words, or null when nothing tells.</summary>
    public static string? Detect(IEnumerable<TextWord> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        int kana = 0, han = 0;
        var scores = new Dictionary<string, int>();
        foreach (var w in words)
        {
            foreach (var c in w.Text)
            {
                if (IsKana(c)) kana++;
                else if (c is >= '\u4E00' and <= '\u9FFF') han++;
            }
            var token = w.Text.Trim('.', ',', ':', ';', '/', '(', ')', '|').ToLowerInvariant();
            if (token.Length < 4) continue;
            foreach (var (lang, list) in LatinWords)
                if (list.Contains(token)) scores[lang] = scores.GetValueOrDefault(lang) + 1;
        }
        if (kana >= 2) return "ja";
        if (han >= 4) return "zh";
        return scores.Count == 0 ? null : scores.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key == "en" ? 0 : 1).First().Key;
    }
}
