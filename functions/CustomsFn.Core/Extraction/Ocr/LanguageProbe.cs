using CustomsFn.Core.Extraction.Layout;

namespace CustomsFn.Core.Extraction.Ocr;

/// <summary>
/// Picks the Tesseract model for a page from quick reads of a small straightened copy of its top (titles and labels,
/// about 100 dpi): first with the English model, whose confident words tell Latin text (the language then from the
/// words of invoices and packing lists); when that read is not clearly Latin (few confident words, or a Latin label
/// amid much the English model cannot read: an English letterhead over Chinese text), a second read with the Japanese
/// model decides: Japanese (confidently read kana), Chinese (confidently read han), or neither (a logo, a poor Latin
/// scan), which keeps the Latin default rather than a CJK model on a Latin page.
/// Measured on the evaluation scans (callgrind instruction counts, tesseract 5.3): starting tesseract and loading a
/// model costs about a tenth of a page's read whatever the image, so the probe reads as little as tells the language
/// and runs while the page is prepared; one Japanese-model probe for all scripts read Latin page tops at 100 dpi too
/// poorly (Spanish not found, stray han on a German page); all eight models at once cost about 7x a single model;
/// Tesseract's OSD costs about as much as reading the page and took Chinese page tops for Latin.
/// </summary>
public static class LanguageProbe
{
    public const string LatinProbe = "eng";
    public const string CjkProbe = "jpn";

    /// <summary>Kana read at least this confidently count as Japanese text; the Japanese model reads stray kana into Chinese han at lower confidence.</summary>
    public const double ConfidentKana = 0.85;

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
        ["en"] = "eng", ["de"] = "deu", ["fr"] = "fra", ["es"] = "spa", ["it"] = "ita", ["nl"] = "nld", ["ja"] = "jpn+eng", ["zh"] = "chi_sim",
    };

    /// <summary>
    /// The language of a page from its probe reads: <paramref name="read"/> recognises the probe image with the given
    /// model and returns its words. The English read first; the Japanese read only when that one does not look Latin.
    /// Null when nothing tells (the caller falls back to its Latin default).
    /// </summary>
    public static async Task<string?> DetectAsync(Func<string, Task<IReadOnlyList<TextWord>>> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var latin = await read(LatinProbe).ConfigureAwait(false);
        if (LooksLatin(latin) && !MostlyUnreadAsLatin(latin)) return Detect(latin);
        // Not clearly Latin (an English letterhead over Chinese or Japanese text, a logo, a poor scan): the Japanese
        // model tells CJK text by what it reads confidently; without that evidence the page is not taken for CJK.
        var cjk = await read(CjkProbe).ConfigureAwait(false);
        if (CjkLanguage(cjk) is { } language) return language;
        return LooksLatin(latin) ? Detect(latin) : null;
    }

    /// <summary>
    /// True when the English model read the probe as Latin text: a label word of one of the Latin languages, or most of
    /// its words confident and alphanumeric.
    /// </summary>
    public static bool LooksLatin(IReadOnlyList<TextWord> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        if (Detect(words) is { } lang && lang is not ("ja" or "zh")) return true;
        var good = words.Count(w => w.Confidence >= 0.75 && IsMostlyAlphanumeric(w.Text));
        return good >= 5 && good * 2 >= words.Count;
    }

    /// <summary>Han read at least this confidently by the Japanese model count as Chinese text.</summary>
    public const double ConfidentHan = 0.6;

    /// <summary>Confident han characters that make a page Chinese (a logo or a Latin page gives none; Chinese page tops 30 or more).</summary>
    public const int MinHanForChinese = 8;

    /// <summary>
    /// Japanese or Chinese, from the Japanese model's read of a CJK probe: Japanese text has kana (company and product
    /// names, "送り状"), read confidently; Chinese text has han read confidently and at most a few stray kana. Null when
    /// neither: the page is not CJK text (a logo, a Latin page the English model read poorly).
    /// </summary>
    public static string? CjkLanguage(IEnumerable<TextWord> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var list = words as IReadOnlyCollection<TextWord> ?? words.ToList();
        var kana = list.Where(w => w.Confidence >= ConfidentKana).Sum(w => w.Text.Count(IsKana));
        if (kana >= 3) return "ja";
        var han = list.Where(w => w.Confidence >= ConfidentHan).Sum(w => w.Text.Count(IsHan));
        return han >= MinHanForChinese ? "zh" : null;
    }

    /// <summary>
    /// True when much of what the English model read is not confident Latin text (more than one and a half times as many
    /// poor words as good ones): a Latin label word or block there may sit amid text in another script (a Japanese
    /// letterhead over an English buyer's address: 9 good words, 16 poor). On the Latin scans of samples/eval and
    /// invoice2data the most is 1.2 times (a letterhead logo read as specks).
    /// </summary>
    public static bool MostlyUnreadAsLatin(IReadOnlyList<TextWord> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var good = words.Count(w => w.Confidence >= 0.75 && IsMostlyAlphanumeric(w.Text));
        var poor = words.Count(w => !(w.Confidence >= ConfidentHan && IsMostlyAlphanumeric(w.Text)));
        return good * 3 < poor * 2;
    }

    private static bool IsMostlyAlphanumeric(string text) => text.Count(char.IsAsciiLetterOrDigit) * 2 >= text.Length;

    private static bool IsHan(char c) => c is >= '\u4E00' and <= '\u9FFF';

    /// <summary>
    /// Hiragana and katakana letters, without the long-vowel mark and the middle dot, which the Japanese model also
    /// reads into dashes and specks of Chinese scans.
    /// </summary>
    private static bool IsKana(char c) => c is (>= '\u3041' and <= '\u3096') or (>= '\u30A1' and <= '\u30FA');

    /// <summary>The ISO 639-1 language of the words, or null when nothing tells.</summary>
    public static string? Detect(IEnumerable<TextWord> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var (kana, han, scores) = Count(words);
        if (kana >= 2) return "ja";
        if (han >= 4) return "zh";
        return BestLatin(scores);
    }

    private static string? BestLatin(Dictionary<string, int> scores) =>
        scores.Count == 0 ? null : scores.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key == "en" ? 0 : 1).First().Key;

    private static (int Kana, int Han, Dictionary<string, int> LatinScores) Count(IEnumerable<TextWord> words)
    {
        int kana = 0, han = 0;
        var scores = new Dictionary<string, int>();
        foreach (var w in words)
        {
            foreach (var c in w.Text)
            {
                if (IsKana(c)) kana++;
                else if (IsHan(c)) han++;
            }
            var token = w.Text.Trim('.', ',', ':', ';', '/', '(', ')', '|').ToLowerInvariant();
            if (token.Length < 4) continue;
            foreach (var (lang, list) in LatinWords)
                if (list.Contains(token)) scores[lang] = scores.GetValueOrDefault(lang) + 1;
        }
        return (kana, han, scores);
    }
}
