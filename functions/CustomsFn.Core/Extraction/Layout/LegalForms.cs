namespace CustomsFn.Core.Extraction.Layout;

/// <summary>
/// Company legal forms as written after a name (GmbH, AG, Ltd, S.A., 株式会社, ...). A text made only of them is the
/// tail of a company name, never a value of its own: "Lieferant GmbH" is a supplier's name, not the label "Lieferant"
/// (supplier) followed by the value "GmbH".
/// </summary>
public static class LegalForms
{
    private static readonly HashSet<string> Forms = new(StringComparer.Ordinal)
    {
        "gmbh", "ag", "kg", "ohg", "gbr", "ug", "ek", "ev", "se", "kgaa", "mbh", "co", "cokg",
        "ltd", "limited", "llc", "llp", "lp", "inc", "incorporated", "corp", "corporation", "plc", "pte", "pty", "company",
        "sa", "sas", "sarl", "sasu", "eurl", "sl", "slu", "srl", "spa", "snc", "sc", "scs",
        "bv", "nv", "vof", "cv", "oy", "oyj", "ab", "as", "asa", "aps", "kk", "sdn", "bhd", "berhad", "jsc", "pjsc", "ooo", "zao", "oao",
        "株式会社", "有限会社", "合同会社", "有限公司", "股份有限公司", "公司",
    };

    /// <summary>True when every word of <paramref name="text"/> is a legal form (or "&amp;"), and there is at least one.</summary>
    public static bool IsOnlyLegalForm(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = text.Split([' ', ',', '\t'], StringSplitOptions.RemoveEmptyEntries)
            .Select(w => new string(w.Where(c => char.IsLetterOrDigit(c)).ToArray()).ToLowerInvariant())
            .Where(w => w.Length > 0 && w != "&")
            .ToList();
        return words.Count > 0 && words.All(Forms.Contains);
    }
}
