using System.Globalization;
using System.Text.RegularExpressions;
using CustomsFn.Core.Model;

namespace CustomsFn.Infrastructure.DocumentIntelligence;

/// <summary>HS codes in the free text the service returns (product codes, descriptions).</summary>
internal static partial class HsCodeText
{
    /// <summary>
    /// An HS code in a product code or description. A product code counts when it is written as a tariff code
    /// (dotted "8471.30" / "8471.30.01", or labelled "HS 847130"); plain digits do not, because article numbers and
    /// invoice numbers are digits too (the Invoice_1 recording's ProductCode is its invoice number, 34278587). A
    /// description counts only with a label ("HS code 8471.30", "HTS: 8471300100", "CN 84713000").
    /// </summary>
    public static HsCode? Find(string? text, bool labelRequired)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var m = LabelledHs().Match(text);
        if (m.Success && ValidHs(m.Groups["code"].Value) is { } labelled) return labelled;
        if (labelRequired) return null;
        var d = DottedHs().Match(text.Trim());
        return d.Success ? ValidHs(d.Value) : null;
    }

    internal static HsCode? ValidHs(string candidate) =>
        HsCode.TryParse(candidate, out var code) && int.Parse(code.Chapter, CultureInfo.InvariantCulture) is >= 1 and <= 97 ? code : null;

    [GeneratedRegex(@"(?i)(?<![A-Z])(?:H\.?S\.?|HTS(?:US)?|CN|TARIC|HS\s*/\s*CN|tariff|commodity)(?:[\s-]*(?:code|no\.?|number|heading|classification|#))?\s*[:#.]?\s*(?<code>\d{4}(?:[.\s]?\d{2}){1,3})(?!\d)")]
    private static partial Regex LabelledHs();

    [GeneratedRegex(@"^\d{4}\.\d{2}(?:\.\d{2}){0,2}$")]
    private static partial Regex DottedHs();
}
