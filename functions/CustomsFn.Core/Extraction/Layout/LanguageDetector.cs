using System.Collections.Frozen;

namespace CustomsFn.Core.Extraction.Layout;

/// <summary>
/// Detects a document's language (ISO 639-1) from its script (kana -> Japanese, Han without kana -> Chinese) and, for
/// Latin text, from stop words and document vocabulary of English, German, French, Spanish, Italian and Dutch.
/// </summary>
public static class LanguageDetector
{
    private static readonly FrozenDictionary<string, string[]> Vocabulary = new Dictionary<string, string[]>
    {
        ["en"] = ["the", "and", "of", "to", "invoice", "total", "date", "quantity", "description", "amount", "price", "for", "with", "from", "unit", "payment", "due", "bill", "ship", "goods", "number", "terms"],
        ["de"] = ["und", "der", "die", "das", "rechnung", "datum", "menge", "gesamt", "betrag", "preis", "bezeichnung", "mit", "fur", "von", "zahlbar", "bitte", "steuer", "netto", "summe", "lieferung", "einzelpreis", "nr", "ust", "mwst"],
        ["fr"] = ["le", "la", "les", "de", "des", "du", "et", "facture", "date", "quantite", "montant", "prix", "total", "pour", "avec", "tva", "ht", "ttc", "paiement", "livraison", "designation", "unitaire"],
        ["es"] = ["el", "la", "los", "las", "de", "del", "y", "factura", "fecha", "cantidad", "importe", "precio", "total", "para", "con", "iva", "pago", "envio", "descripcion", "unitario"],
        ["it"] = ["il", "lo", "la", "di", "del", "della", "e", "fattura", "data", "quantita", "importo", "prezzo", "totale", "per", "con", "iva", "pagamento", "descrizione", "unitario", "spedizione"],
        ["nl"] = ["de", "het", "een", "en", "van", "factuur", "datum", "aantal", "bedrag", "prijs", "totaal", "voor", "met", "btw", "betaling", "omschrijving", "levering", "te", "betalen"],
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static string? Detect(IEnumerable<string> texts)
    {
        int kana = 0, han = 0, latin = 0;
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            foreach (var c in text)
            {
                if (c is >= '\u3040' and <= '\u30FF') kana++;
                else if (c is >= '\u4E00' and <= '\u9FFF') han++;
                else if (char.IsAsciiLetter(c) || c is >= '\u00C0' and <= '\u024F') latin++;
            }
            foreach (var token in TextNormalizer.Fold(text).Split([' ', ',', ':', '.', ';', '(', ')', '/'], StringSplitOptions.RemoveEmptyEntries))
            {
                foreach (var (lang, words) in Vocabulary)
                    if (Array.IndexOf(words, token) >= 0) scores[lang] = scores.GetValueOrDefault(lang) + 1.0 / (1 + CountLanguagesWith(token));
            }
        }
        if (kana >= 3 && kana * 20 >= han) return "ja";
        if (han >= 4) return kana > 0 && kana * 40 >= han ? "ja" : "zh";
        if (latin == 0 || scores.Count == 0) return null;
        return scores.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key == "en" ? 0 : 1).First().Key;
    }

    private static int CountLanguagesWith(string token)
    {
        var n = 0;
        foreach (var words in Vocabulary.Values) if (Array.IndexOf(words, token) >= 0) n++;
        return n - 1;
    }
}
