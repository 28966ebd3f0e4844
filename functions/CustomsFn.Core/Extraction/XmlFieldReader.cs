using System.Xml.Linq;
using CustomsFn.Core.Xml;

namespace CustomsFn.Core.Extraction;

/// <summary>Small helpers shared by the XML extractors: set a canonical field from an element, with its <c>{path, line}</c> source.</summary>
internal static class XmlFieldReader
{
    public static void Text(FieldSet f, string field, XElement? e)
    {
        if (e is not null && !string.IsNullOrWhiteSpace(e.Value)) f.Set(field, e.Value.Trim(), null, XmlPaths.SourceOf(e));
    }

    public static void Text(FieldSet f, string field, XAttribute? a)
    {
        if (a is not null && !string.IsNullOrWhiteSpace(a.Value)) f.Set(field, a.Value.Trim(), null, XmlPaths.SourceOf(a));
    }

    /// <summary>An ISO date (yyyy-MM-dd or yyyyMMdd); an unparseable date is kept as written so the rules can say what is wrong.</summary>
    public static void Date(FieldSet f, string field, XElement? e)
    {
        if (e is null || string.IsNullOrWhiteSpace(e.Value)) return;
        f.Set(field, Numbers.ParseIsoDate(e.Value) ?? e.Value.Trim(), null, XmlPaths.SourceOf(e));
    }

    /// <summary>A number; text that is not a number is kept as text (CODE-006 reports it).</summary>
    public static void Amount(FieldSet f, string field, XElement? e)
    {
        if (e is null || string.IsNullOrWhiteSpace(e.Value)) return;
        var number = Numbers.ParseInvariant(e.Value);
        f.Set(field, number is { } n ? n : e.Value.Trim(), null, XmlPaths.SourceOf(e));
    }

    /// <summary>A weight converted to kilograms from its Rec 20 <c>unitCode</c> (kilograms when the unit is omitted).</summary>
    public static void Weight(FieldSet f, string field, XElement? e, string? unitCode = null)
    {
        if (e is null) return;
        var value = Numbers.ParseInvariant(e.Value);
        if (value is null) return;
        var kg = Numbers.ToKilograms(value.Value, unitCode ?? (string?)e.Attribute("unitCode"));
        if (kg is not null) f.Set(field, kg.Value, null, XmlPaths.SourceOf(e));
    }

    /// <summary>The <c>listID</c> values under which documents give a line's customs commodity code (HS and national tariffs).</summary>
    private static readonly HashSet<string> HsListIds = new(StringComparer.OrdinalIgnoreCase) { "HS", "CN", "HTS", "TARIC", "HSN" };

    /// <summary>The first of a line's classification codes that is a customs commodity code, by its <c>listID</c>.</summary>
    public static XElement? HsClassification(IEnumerable<XElement> classificationCodes) =>
        classificationCodes.FirstOrDefault(c => HsListIds.Contains(((string?)c.Attribute("listID"))?.Trim() ?? string.Empty));

    /// <summary>Sets the line's <c>hsCode</c> from a classification code, normalised (<see cref="NormalizeCommodityCode"/>).</summary>
    public static void HsCode(FieldSet f, XElement? code)
    {
        ArgumentNullException.ThrowIfNull(f);
        if (code is not null) f.Set(FieldNames.HsCode, NormalizeCommodityCode(code.Value), null, XmlPaths.SourceOf(code));
    }

    /// <summary>Codes are written with dots or spaces ("8483.40"); the contract keeps digits only when they are digits.</summary>
    public static string NormalizeCommodityCode(string raw)
    {
        var t = raw.Trim();
        var digits = new string(t.Where(char.IsAsciiDigit).ToArray());
        return t.All(c => char.IsAsciiDigit(c) || c is '.' or ' ') && digits.Length > 0 ? digits : t;
    }

    /// <summary>Joins the non-blank parts with ", ".</summary>
    public static string JoinParts(IEnumerable<string?> parts) =>
        string.Join(", ", parts.Select(p => p?.Trim()).Where(p => !string.IsNullOrEmpty(p)));

    /// <summary>Copies a document with every source path prefixed (e.g. the embedded file a Factur-X PDF carries).</summary>
    public static ExtractedDocument WithPathPrefix(ExtractedDocument doc, string prefix, string format, ExtractorInfo extractor)
    {
        static FieldSet Prefix(FieldSet set, string p)
        {
            var copy = new FieldSet();
            foreach (var (name, field) in set)
            {
                copy[name] = field.Source?.Path is { } path
                    ? field with { Source = field.Source with { Path = p + path } }
                    : field;
            }
            return copy;
        }
        return new ExtractedDocument
        {
            Format = format,
            DocumentType = doc.DocumentType,
            Language = doc.Language,
            Specification = doc.Specification,
            Extractor = extractor,
            Fields = Prefix(doc.Fields, prefix),
            Lines = doc.Lines.Select(l => Prefix(l, prefix)).ToList(),
        };
    }
}
