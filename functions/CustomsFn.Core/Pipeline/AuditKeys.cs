using System.Text;

namespace CustomsFn.Core.Pipeline;

/// <summary>The search keys an audit record carries: a normalized seller key and the HS codes of the lines.</summary>
public static class AuditKeys
{
    public const int MaxSellerKeyLength = 200;

    /// <summary>
    /// Lower case, every run of characters other than letters and digits collapsed to one space, trimmed, at most 200
    /// characters: "ACME Hamburg GmbH." and "acme  hamburg gmbh" give the same key. Accents are kept: the product runs with
    /// invariant globalization, where Unicode decomposition is not available, and a key must not depend on the machine.
    /// Null for a name without letters or digits.
    /// </summary>
    public static string? SellerKey(string? sellerName)
    {
        if (string.IsNullOrWhiteSpace(sellerName)) return null;
        var sb = new StringBuilder(Math.Min(sellerName.Length, MaxSellerKeyLength));
        var pendingSpace = false;
        foreach (var c in sellerName)
        {
            if (char.IsLetterOrDigit(c))
            {
                if (pendingSpace && sb.Length > 0) sb.Append(' ');
                pendingSpace = false;
                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                pendingSpace = true;
            }
            if (sb.Length >= MaxSellerKeyLength) break;
        }
        var key = sb.ToString();
        if (key.Length > MaxSellerKeyLength) key = key[..MaxSellerKeyLength];
        return key.Length == 0 ? null : key;
    }

    /// <summary>HS codes of the result's lines: digits only, distinct, in line order.</summary>
    public static IReadOnlyList<string> HsCodes(CustomsResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var codes = new List<string>();
        foreach (var line in result.Lines)
        {
            var text = line.GetText(FieldNames.HsCode);
            if (text is null) continue;
            var digits = new string(text.Where(char.IsAsciiDigit).ToArray());
            if (digits.Length > 0 && !codes.Contains(digits, StringComparer.Ordinal)) codes.Add(digits);
        }
        return codes;
    }
}
