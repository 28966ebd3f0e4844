using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace CustomsFn.Core.Tariffs;

/// <summary>
/// A duty rate string of a tariff (HTSUS, UK Global Tariff, EU CET) parsed into terms, or classified as not computable
/// with the reason. Parse never throws: text it does not understand is <see cref="DutyKind.NotComputable"/> with
/// <see cref="Understood"/> false, which the coverage test counts as unclassified.
/// </summary>
public sealed partial class DutyExpression
{
    private DutyExpression(string text, DutyKind kind)
    {
        Text = text; Kind = kind;
    }

    public string Text { get; }
    public DutyKind Kind { get; }
    public IReadOnlyList<DutyTerm> Terms { get; private init; } = [];
    public IReadOnlyList<DutyTerm>? Minimum { get; private init; }
    public IReadOnlyList<DutyTerm>? Maximum { get; private init; }
    public IReadOnlyList<DutySeason> Seasons { get; private init; } = [];
    /// <summary>Why the rate cannot be computed (NotComputable), or a condition attached to a computable rate ("under bond").</summary>
    public string? Reason { get; private init; }
    /// <summary>False only when the text matched none of the known shapes.</summary>
    public bool Understood { get; private init; } = true;

    public bool IsComputable => Kind != DutyKind.NotComputable;

    /// <summary>A rate that is zero whatever the goods (Free, 0%).</summary>
    public bool IsZero => Kind == DutyKind.Free || (Kind == DutyKind.AdValorem && Terms.All(t => t.Percent == 0));

    public override string ToString() => Text;

    // Reasons (stable texts: the coverage test groups by them).
    public const string ReasonReference = "refers to the rate of another provision";
    public const string ReasonNoChange = "chapter 99 line: the rate of the underlying heading applies unchanged";
    public const string ReasonPartialValue = "a duty on part of the value (U.S. content, repairs, processing) that a document does not give";
    public const string ReasonCostBased = "a percentage of a cost or retail value that a document does not give";
    public const string ReasonEntryPrice = "entry-price system or agricultural component (EA, ADSZ, ADFM): needs the entry price or Meursing code";
    public const string ReasonContent = "a specific duty on a content or quality measure that a document does not give";
    public const string ReasonPartRate = "different rates on parts of the article (case, strap, battery, movement)";
    public const string ReasonFormula = "a sliding formula (per degree, per jewel)";
    public const string ReasonMalformed = "not a rate in the source (stray punctuation)";

    public static DutyExpression Parse(string? raw)
    {
        var text = Normalize(raw ?? string.Empty);
        if (text.Length == 0) return NotComputable(text, ReasonMalformed, understood: false);
        try
        {
            return ParseCore(text);
        }
        catch (FormatException)
        {
            return NotComputable(text, "not understood", understood: false);
        }
        catch (OverflowException)
        {
            return NotComputable(text, "not understood", understood: false);
        }
    }

    private static DutyExpression ParseCore(string text)
    {
        if (text is ":" or "-" or ".") return NotComputable(text, ReasonMalformed);
        if (text.StartsWith("Free", StringComparison.Ordinal))
        {
            var rest = text[4..].TrimStart(',', ' ');
            if (rest.Length == 0) return new DutyExpression(text, DutyKind.Free);
            if (rest.StartsWith("(See", StringComparison.OrdinalIgnoreCase) || rest.StartsWith("under", StringComparison.Ordinal) || rest.StartsWith("for such", StringComparison.Ordinal))
                return new DutyExpression(text, DutyKind.Free) { Reason = "conditional: " + rest.Trim('(', ')') };
        }
        if (text.StartsWith("No additional duty", StringComparison.OrdinalIgnoreCase)) return new DutyExpression(text, DutyKind.Free);
        if (text.StartsWith("No change", StringComparison.OrdinalIgnoreCase)) return NotComputable(text, ReasonNoChange);
        if (text.StartsWith("The ", StringComparison.Ordinal) || text.StartsWith("See ", StringComparison.Ordinal)) return NotComputable(text, ReasonReference);
        if (text.StartsWith("A duty", StringComparison.Ordinal)) return NotComputable(text, ReasonPartialValue);
        if (PercentOfCost().IsMatch(text)) return NotComputable(text, ReasonCostBased);
        if (text == "Entry Price" || EntryPriceToken().IsMatch(text)) return NotComputable(text, ReasonEntryPrice);
        if (text.Contains("jewel", StringComparison.Ordinal) || text.Contains("for each degree", StringComparison.Ordinal)) return NotComputable(text, ReasonFormula);
        if (PartRate().IsMatch(text)) return NotComputable(text, ReasonPartRate);
        if (text.Contains("/line/", StringComparison.Ordinal)) return NotComputable(text, ReasonFormula);
        if (SeasonStart().IsMatch(text)) return ParseSeasonal(text);

        // main [MIN part] [MAX part]
        var parts = MinMax().Split(text);
        var markers = MinMax().Matches(text);
        var main = ParseSum(parts[0], out var why);
        if (main is null) return NotComputable(text, why!, understood: why != NotUnderstood);
        IReadOnlyList<DutyTerm>? min = null, max = null;
        for (var i = 0; i < markers.Count; i++)
        {
            var sum = ParseSum(parts[i + 1], out why);
            if (sum is null) return NotComputable(text, why!, understood: why != NotUnderstood);
            if (markers[i].Value.Trim() == "MIN") min = sum; else max = sum;
        }
        var kind = min is not null || max is not null || main.Count > 1 ? DutyKind.Compound
            : main[0].IsAdValorem ? DutyKind.AdValorem : DutyKind.Specific;
        return new DutyExpression(text, kind) { Terms = main, Minimum = min, Maximum = max };
    }

    private const string NotUnderstood = "not understood";

    private static DutyExpression ParseSeasonal(string text)
    {
        // "15.00% (01 JAN-14 FEB, 16 JUN-31 DEC), 0.00% (15 FEB-15 JUN)"; the last season may have no ranges (rest of the year).
        var seasons = new List<DutySeason>();
        var covered = new List<(int, int, int, int)>();
        var pos = 0;
        while (pos < text.Length)
        {
            var open = text.IndexOf('(', pos);
            if (open < 0)
            {
                var last = Parse(text[pos..].Trim(' ', ','));
                if (!last.IsComputable) return NotComputable(text, last.Reason ?? "not understood", last.Understood);
                seasons.Add(new DutySeason(last, Complement(covered)));
                break;
            }
            var close = text.IndexOf(')', open);
            if (close < 0) return NotComputable(text, "not understood", understood: false);
            var rate = Parse(text[pos..open].Trim(' ', ','));
            if (!rate.IsComputable) return NotComputable(text, rate.Reason ?? "not understood", rate.Understood);
            var ranges = ParseRanges(text[(open + 1)..close]);
            if (ranges is null) return NotComputable(text, "not understood", understood: false);
            covered.AddRange(ranges);
            seasons.Add(new DutySeason(rate, ranges));
            pos = close + 1;
        }
        return new DutyExpression(text, DutyKind.Seasonal) { Seasons = seasons };
    }

    private static List<(int, int, int, int)> Complement(List<(int FromMonth, int FromDay, int ToMonth, int ToDay)> covered)
    {
        // The rest of the year, day by day (a leap year, so 29 Feb is included).
        var result = new List<(int, int, int, int)>();
        var probe = new DateOnly(2024, 1, 1);
        (int M, int D)? start = null;
        (int M, int D) prev = (1, 1);
        for (var d = probe; d.Year == 2024; d = d.AddDays(1))
        {
            var inside = new DutySeason(null!, covered).Contains(d);
            if (!inside && start is null) start = (d.Month, d.Day);
            if (inside && start is { } s) { result.Add((s.M, s.D, prev.M, prev.D)); start = null; }
            prev = (d.Month, d.Day);
        }
        if (start is { } s2) result.Add((s2.M, s2.D, 12, 31));
        return result;
    }

    private static List<(int, int, int, int)>? ParseRanges(string s)
    {
        var list = new List<(int, int, int, int)>();
        foreach (var part in s.Split(','))
        {
            var m = DayRange().Match(part.Trim());
            if (!m.Success) return null;
            var fd = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            var fmText = m.Groups[2].Success ? m.Groups[2].Value : m.Groups[4].Value;
            var fm = Month(fmText);
            var td = int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture);
            var tm = Month(m.Groups[4].Value);
            if (fm == 0 || tm == 0) return null;
            list.Add((fm, Math.Min(fd, 31), tm, Math.Min(td, DateTime.DaysInMonth(2024, tm))));
        }
        return list;
    }

    private static int Month(string m) => m.Length < 3 ? 0 : Array.IndexOf(MonthNames, m[..3].ToUpperInvariant()) + 1;

    private static readonly string[] MonthNames = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];

    /// <summary>Terms joined by '+'; null (with the reason) when a term is not computable or not understood.</summary>
    private static List<DutyTerm>? ParseSum(string s, out string? reason)
    {
        reason = null;
        var terms = new List<DutyTerm>();
        foreach (var raw in s.Split('+'))
        {
            var t = raw.Trim();
            if (t.Length == 0) { reason = "not understood"; return null; }
            var term = ParseTerm(t, out reason);
            if (term is null) return null;
            terms.Add(term);
        }
        return terms;
    }

    private static DutyTerm? ParseTerm(string t, out string? reason)
    {
        reason = null;
        var pm = PercentTerm().Match(t);
        if (pm.Success)
        {
            var p = decimal.Parse(pm.Groups["n"].Value, CultureInfo.InvariantCulture);
            if (pm.Groups["fn"].Success)
                p += decimal.Parse(pm.Groups["fn"].Value, CultureInfo.InvariantCulture) / decimal.Parse(pm.Groups["fd"].Value, CultureInfo.InvariantCulture);
            var q = pm.Groups["q"].Value.Trim();
            if (q.Length > 0 && q is not ("on the entire set" or "on the full value of the imported article"))
            {
                reason = q.StartsWith("on the value of", StringComparison.Ordinal) ? ReasonPartialValue : ReasonPartRate;
                return null;
            }
            return new DutyTerm(p, 0, null, 1, null, UnitDimension.Other, 1);
        }
        var sm = SpecificTerm().Match(t);
        if (!sm.Success) { reason = "not understood"; return null; }
        var amount = decimal.Parse(sm.Groups["amt"].Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
        var cur1 = sm.Groups["c1"].Value;
        var cur2 = sm.Groups["c2"].Value;
        string currency;
        if (cur2 == "¢") { currency = "USD"; amount /= 100; }
        else if (cur1 == "$" || cur2 == "USD") currency = "USD";
        else if (cur1 == "€" || cur2 is "€" or "EUR") currency = "EUR";
        else if (cur1 == "£" || cur2 == "GBP") currency = "GBP";
        else { reason = "not understood"; return null; }

        string unitText;
        decimal per = 1;
        if (sm.Groups["each"].Success) unitText = "each";
        else
        {
            var rest = sm.Groups["rest"].Value.Trim();
            var um = UnitPart().Match(rest);
            if (!um.Success) { reason = "not understood"; return null; }
            if (um.Groups["per"].Success)
                per = decimal.Parse(um.Groups["per"].Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
            unitText = um.Groups["unit"].Success ? um.Groups["unit"].Value : "";
            var rawQualifier = um.Groups["q"].Value;
            var qualifier = rawQualifier.Trim(' ', '/', ',');
            if (unitText.Length == 0 && qualifier.StartsWith('%')) { reason = ReasonContent; return null; }
            if (unitText.Length == 0 && per != 1 && qualifier is "" or "pins") { unitText = "pieces"; qualifier = ""; rawQualifier = ""; }
            if (unitText.Length == 0) { reason = NotUnderstood; return null; }
            if (rawQualifier.Length > 0 && char.IsLetterOrDigit(rawQualifier[0]) && unitText is not ("each")) { reason = NotUnderstood; return null; }
            if (qualifier.Length > 0 && qualifier is not ("net" or "gross" or "br"))
            {
                reason = ReasonContent;
                return null;
            }
        }
        var (dimension, factor, known) = UnitOf(unitText);
        if (!known) { reason = "not understood"; return null; }
        if (dimension == UnitDimension.Other) { reason = ReasonContent; return null; }
        return new DutyTerm(null, amount, currency, per, unitText, dimension, factor);
    }

    /// <summary>Tariff unit words to a dimension and the factor to its base unit (kg, l, piece, m, m2).</summary>
    private static (UnitDimension Dimension, decimal Factor, bool Known) UnitOf(string unit) => unit.ToLowerInvariant().TrimEnd('.') switch
    {
        "kg" => (UnitDimension.Mass, 1m, true),
        "g" => (UnitDimension.Mass, 0.001m, true),
        "t" or "tonne" => (UnitDimension.Mass, 1000m, true),
        "liter" or "liters" or "litre" or "litres" or "l" => (UnitDimension.Volume, 1m, true),
        "hl" => (UnitDimension.Volume, 100m, true),
        "bbl" => (UnitDimension.Volume, 158.987294928m, true),
        "m3" or "m³" => (UnitDimension.Volume, 1000m, true),
        "m" or "lin. m" or "lin m" => (UnitDimension.Length, 1m, true),
        "m2" or "m²" => (UnitDimension.Area, 1m, true),
        "head" or "each" or "item" or "items" or "no" or "article" or "pcs" or "pieces" or "pack" or "thousand" => (UnitDimension.Count, unit.StartsWith("thousand", StringComparison.Ordinal) ? 1000m : 1m, true),
        "doz" => (UnitDimension.Count, 12m, true),
        "gross" => (UnitDimension.Count, 144m, true),
        "pr" => (UnitDimension.Count, 2m, true),
        "pf. liter" or "pf.liter" or "pf liter" or "clean kg" => (UnitDimension.Other, 1m, true),
        _ => (UnitDimension.Other, 1m, false),
    };

    private static DutyExpression NotComputable(string text, string reason, bool understood = true) =>
        new(text, DutyKind.NotComputable) { Reason = reason, Understood = understood };

    // ---- evaluation ----

    /// <summary>The duty on the goods, in the basis currency; not computable when a specific term needs a quantity or currency the basis lacks.</summary>
    public DutyComputation Compute(DutyBasis basis)
    {
        switch (Kind)
        {
            case DutyKind.Free: return DutyComputation.Of(0);
            case DutyKind.NotComputable: return DutyComputation.NotComputable(Reason ?? "not computable");
            case DutyKind.Seasonal:
                foreach (var s in Seasons)
                {
                    if (s.Contains(basis.Date)) return s.Rate.Compute(basis);
                }
                return DutyComputation.NotComputable("no season of the rate covers the date");
        }
        var main = Sum(Terms, basis, out var why);
        if (main is null) return DutyComputation.NotComputable(why!);
        var d = main.Value;
        if (Minimum is not null)
        {
            var min = Sum(Minimum, basis, out why);
            if (min is null) return DutyComputation.NotComputable(why!);
            d = Math.Max(d, min.Value);
        }
        if (Maximum is not null)
        {
            var max = Sum(Maximum, basis, out why);
            if (max is null) return DutyComputation.NotComputable(why!);
            d = Math.Min(d, max.Value);
        }
        return DutyComputation.Of(d);
    }

    private static decimal? Sum(IReadOnlyList<DutyTerm> terms, DutyBasis basis, out string? reason)
    {
        reason = null;
        decimal sum = 0;
        for (var i = 0; i < terms.Count; i++) // indexed: no boxed enumerator per goods line
        {
            var t = terms[i];
            if (t.Percent is { } p) { sum += basis.Value * p / 100m; continue; }
            if (!string.Equals(t.Currency, basis.Currency, StringComparison.Ordinal))
            {
                reason = $"the specific rate is in {t.Currency} and the value in {basis.Currency}: an exchange rate is needed";
                return null;
            }
            if (!basis.TryGetQuantity(t.Dimension, out var q))
            {
                reason = $"the specific rate is per {t.Unit}: the {Describe(t.Dimension)} of the goods is needed";
                return null;
            }
            sum += t.Amount * q / (t.Per * t.UnitFactor);
        }
        return sum;
    }

    private static string Describe(UnitDimension d) => d switch
    {
        UnitDimension.Mass => "net mass in kg",
        UnitDimension.Volume => "volume",
        UnitDimension.Count => "number of pieces",
        UnitDimension.Length => "length",
        UnitDimension.Area => "area",
        _ => "quantity",
    };

    // ---- text normalisation ----

    internal static string Normalize(string s)
    {
        var sb = new StringBuilder(s.Length);
        var space = false;
        foreach (var ch in s)
        {
            var c = char.IsWhiteSpace(ch) ? ' ' : ch;
            if (c == ' ') { if (!space && sb.Length > 0) sb.Append(' '); space = true; }
            else { sb.Append(c); space = false; }
        }
        var t = sb.ToString().Trim();
        t = t.Replace("thou- sand", "thousand", StringComparison.Ordinal).Replace("¢ /", "¢/", StringComparison.Ordinal)
            .Replace("m2of ", "m2 of ", StringComparison.Ordinal);
        if (t.EndsWith('.') && !t.EndsWith("doz.", StringComparison.Ordinal) && !t.EndsWith("pr.", StringComparison.Ordinal) && !t.EndsWith("sacchar.", StringComparison.Ordinal))
            t = t[..^1];
        return t;
    }

    [GeneratedRegex(@"\b\d+ percent of the (cost|fair retail value)")]
    private static partial Regex PercentOfCost();

    [GeneratedRegex(@"(\+\s*EA\b|\bADSZ\b|\bADFM\b)")]
    private static partial Regex EntryPriceToken();

    [GeneratedRegex(@"% on (the )?(case|movement|battery|apparatus|strap)|on the (battery|case)\b")]
    private static partial Regex PartRate();

    [GeneratedRegex(@"\(\s*\d{1,2}\s*(-\s*\d{1,2}\s*)?[A-Z]{3}")]
    private static partial Regex SeasonStart();

    [GeneratedRegex(@"\s*\b(?:MIN|MAX)\b\s*")]
    private static partial Regex MinMax();

    [GeneratedRegex(@"^(?<n>\d+(?:\.\d+)?)(?:\s+(?<fn>\d)/(?<fd>\d))?\s*(?:%|$)(?<q>.*)$")]
    private static partial Regex PercentTerm();

    [GeneratedRegex(@"^(?<c1>[$€£])?\s*(?<amt>\d[\d,]*(?:\.\d+)?)\s*(?<c2>¢|€|EUR|GBP|USD)?\s*(?:(?:/|per\b)\s*(?<rest>.+)|\s*(?<each>each))$")]
    private static partial Regex SpecificTerm();

    [GeneratedRegex(@"^(?<per>\d[\d,]*)?\s*(?<unit>thousand|tonne|gross|liters?|litres?|lin\. m|pf\. ?liter|clean kg|kg|g|t|hl|l|bbl|m3|m³|m2|m²|m|head|each|items?|No\.|article|pcs|pack|doz\.|pr\.)?(?<q>.*)$")]
    private static partial Regex UnitPart();

    [GeneratedRegex(@"^(\d{1,2})\s*([A-Za-z]{3,5})?\s*-\s*(\d{1,2})\s*([A-Za-z]{3,5})$")]
    private static partial Regex DayRange();
}
