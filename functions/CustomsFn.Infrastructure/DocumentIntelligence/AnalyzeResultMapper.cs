using System.Reflection;
using System.Text.Json;
using CustomsFn.Core.Extraction;
using CustomsFn.Core.Model;

namespace CustomsFn.Infrastructure.DocumentIntelligence;

/// <summary>
/// Maps a Document Intelligence / Form Recognizer analysis result into canonical fields and goods lines. Reads every
/// shape the service has used: v2.1 (<c>analyzeResult.documentResults[].fields</c>, <c>text</c>, <c>page</c> +
/// <c>boundingBox</c>, pages in <c>readResults</c>), 2021-09-30-preview and 2022 previews (<c>documents[]</c>,
/// <c>boundingRegions[].boundingBox</c>), and 2022-08-31 up to 2024-11-30 (<c>boundingRegions[].polygon</c>,
/// <c>valueCurrency</c>, <c>valueAddress</c>). Values keep the service's confidence; sources are converted to the
/// result's units: PDF points with the origin at the bottom-left for PDFs (the service reports inches from the top-left),
/// pixels from the top-left for images.
/// </summary>
public static partial class AnalyzeResultMapper
{
    private const double PointsPerInch = 72.0;

    /// <summary>Maps the final operation body (<c>{ status, analyzeResult }</c>) or a bare <c>analyzeResult</c>.</summary>
    public static ExtractedDocument Map(JsonElement body, string format, ExtractorInfo extractor, string? documentTypeHint = null)
    {
        var ar = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("analyzeResult", out var inner) ? inner : body;
        if (ar.ValueKind != JsonValueKind.Object)
            throw new DocumentIntelligenceException("Document Intelligence sent a malformed result (analyzeResult is not an object).");

        var pages = ReadPages(ar);
        var document = FirstDocument(ar);
        var fields = new FieldSet();
        var lines = new List<FieldSet>();
        string? language = null;
        var documentType = documentTypeHint ?? DocumentType.CommercialInvoice;

        if (document is { } d)
        {
            var docFields = d.TryGetProperty("fields", out var f) && f.ValueKind == JsonValueKind.Object ? f : default;
            if (d.TryGetProperty("docType", out var dt) && dt.ValueKind == JsonValueKind.String)
                documentType = DocumentTypeOf(dt.GetString(), documentType);
            if (docFields.ValueKind == JsonValueKind.Object)
            {
                var ctx = new Context(pages);
                MapInvoice(docFields, fields, lines, ctx);
                MapCanonicalNamed(docFields, fields, lines, ctx);
                language = LanguageOf(Field(docFields, "Locale")?.Text);
            }
        }

        return new ExtractedDocument
        {
            Format = format,
            DocumentType = documentType,
            Language = language,
            Extractor = extractor,
            Fields = fields,
            Lines = lines,
        };
    }

    /// <summary>True when the mapping found anything an invoice has (number, total, lines).</summary>
    public static bool LooksLikeInvoice(ExtractedDocument doc) =>
        doc.Fields.ContainsKey(FieldNames.InvoiceNumber) || doc.Fields.ContainsKey(FieldNames.TotalAmount) || doc.Lines.Count > 0;

    private static void MapInvoice(JsonElement f, FieldSet fields, List<FieldSet> lines, Context ctx)
    {
        SetText(fields, FieldNames.InvoiceNumber, Field(f, "InvoiceId"), ctx);
        if (Field(f, "InvoiceDate") is { } date && date.Date is { } iso) fields.Set(FieldNames.IssueDate, iso, date.Confidence, ctx.SourceOf(date));

        SetText(fields, FieldNames.SellerName, Field(f, "VendorName") ?? Field(f, "VendorAddressRecipient"), ctx);
        SetAddress(fields, FieldNames.SellerAddress, FieldNames.SellerCountry, Field(f, "VendorAddress"), ctx);
        SetText(fields, FieldNames.SellerTaxId, Field(f, "VendorTaxId"), ctx);
        SetText(fields, FieldNames.BuyerName, Field(f, "CustomerName") ?? Field(f, "CustomerAddressRecipient"), ctx);
        SetAddress(fields, FieldNames.BuyerAddress, FieldNames.BuyerCountry, Field(f, "CustomerAddress"), ctx);
        SetText(fields, FieldNames.BuyerTaxId, Field(f, "CustomerTaxId"), ctx);
        // Where the goods are shipped: the destination country when the service parsed one.
        if (Field(f, "ShippingAddress") is { } ship && CountryOf(ship) is { } dest)
            fields.Set(FieldNames.DestinationCountry, dest.Value, ship.Confidence, ctx.SourceOf(ship));

        SetNumber(fields, FieldNames.LineTotal, Field(f, "SubTotal"), ctx);
        SetNumber(fields, FieldNames.AllowanceTotalAmount, Field(f, "TotalDiscount"), ctx);
        SetNumber(fields, FieldNames.TaxAmount, Field(f, "TotalTax"), ctx);
        SetNumber(fields, FieldNames.TotalAmount, Field(f, "InvoiceTotal"), ctx);

        // Currency: the ISO code the service attached to an amount (never guessed from a symbol such as "$").
        foreach (var name in (string[])["InvoiceTotal", "SubTotal", "TotalTax", "AmountDue", "TotalDiscount"])
        {
            if (Field(f, name) is { } amount && amount.CurrencyCode is { } cc)
            {
                fields.Set(FieldNames.Currency, cc, amount.Confidence, ctx.SourceOf(amount));
                break;
            }
        }

        if (Field(f, "Items") is { } items)
        {
            foreach (var item in items.ArrayItems())
            {
                var line = MapItem(item, ctx);
                if (line.Count > 0) lines.Add(line);
            }
        }
        if (!fields.ContainsKey(FieldNames.Currency))
        {
            foreach (var item in Field(f, "Items")?.ArrayItems() ?? [])
            {
                if (item.Object is { } o && (Field(o, "Amount") ?? Field(o, "UnitPrice")) is { CurrencyCode: { } code } a)
                {
                    fields.Set(FieldNames.Currency, code, a.Confidence, ctx.SourceOf(a));
                    break;
                }
            }
        }
    }

    private static FieldSet MapItem(DiField item, Context ctx)
    {
        var line = new FieldSet();
        if (item.Object is not { } o) return line;
        var description = Field(o, "Description");
        var productCode = Field(o, "ProductCode");
        SetText(line, FieldNames.Description, description, ctx);
        SetText(line, FieldNames.ProductCode, productCode, ctx);
        SetNumber(line, FieldNames.Quantity, Field(o, "Quantity"), ctx);
        if (Field(o, "Unit") is { Text: { } unitText } unit)
            line.Set(FieldNames.UnitCode, UnitWords.ToRec20(unitText) ?? unitText.Trim(), unit.Confidence, ctx.SourceOf(unit));
        SetNumber(line, FieldNames.UnitPrice, Field(o, "UnitPrice"), ctx);
        SetNumber(line, FieldNames.Amount, Field(o, "Amount"), ctx);

        if (HsCodeText.Find(productCode?.Text, labelRequired: false) is { } fromCode)
            line.Set(FieldNames.HsCode, fromCode.Digits, productCode!.Confidence, ctx.SourceOf(productCode));
        else if (HsCodeText.Find(description?.Text, labelRequired: true) is { } fromText)
            line.Set(FieldNames.HsCode, fromText.Digits, description!.Confidence, ctx.SourceOf(description));
        return line;
    }

    /// <summary>
    /// Custom models (declarations, packing lists) labelled with canonical field names ("declarationNumber",
    /// "GrossWeightKg", ...) map by name; an array named "lines" or "Items" of such objects becomes the goods lines.
    /// Fields already set by the invoice mapping win.
    /// </summary>
    private static void MapCanonicalNamed(JsonElement f, FieldSet fields, List<FieldSet> lines, Context ctx)
    {
        foreach (var p in f.EnumerateObject())
        {
            if (!Canonical.TryGetValue(p.Name, out var name) || fields.ContainsKey(name)) continue;
            var field = new DiField(p.Value);
            SetCanonical(fields, name, field, ctx);
        }
        if (lines.Count > 0) return;
        if ((Field(f, "lines") ?? Field(f, "Lines")) is { } arr)
        {
            foreach (var item in arr.ArrayItems())
            {
                if (item.Object is not { } o) continue;
                var line = new FieldSet();
                foreach (var p in o.EnumerateObject())
                {
                    if (Canonical.TryGetValue(p.Name, out var name)) SetCanonical(line, name, new DiField(p.Value), ctx);
                }
                if (line.Count > 0) lines.Add(line);
            }
        }
    }

    private static void SetCanonical(FieldSet set, string name, DiField field, Context ctx)
    {
        if (field.Number is { } n && field.Type is "number" or "currency" or "integer")
            set.Set(name, n, field.Confidence, ctx.SourceOf(field));
        else if (field.Date is { } date)
            set.Set(name, date, field.Confidence, ctx.SourceOf(field));
        else if (name is FieldNames.HsCode && field.Text is { } hsText && (HsCodeText.Find(hsText, labelRequired: false) ?? HsCodeText.ValidHs(hsText)) is { } hs)
            set.Set(name, hs.Digits, field.Confidence, ctx.SourceOf(field));
        else if (name.EndsWith("Country", StringComparison.Ordinal) && (field.CountryRegion ?? field.Text) is { } t && CountryNames.TryParse(t, out var cc))
            set.Set(name, cc.Value, field.Confidence, ctx.SourceOf(field));
        else
            set.SetIfPresent(name, Collapse(field.Text), field.Confidence, ctx.SourceOf(field));
    }

    private static readonly Dictionary<string, string> Canonical = typeof(FieldNames)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(fi => fi.IsLiteral && fi.FieldType == typeof(string))
        .Select(fi => (string)fi.GetRawConstantValue()!)
        .ToDictionary(n => n, n => n, StringComparer.OrdinalIgnoreCase);

    private static void SetText(FieldSet set, string name, DiField? field, Context ctx)
    {
        if (field is null) return;
        set.SetIfPresent(name, Collapse(field.Text), field.Confidence, ctx.SourceOf(field));
    }

    private static void SetNumber(FieldSet set, string name, DiField? field, Context ctx)
    {
        if (field?.Number is { } n) set.Set(name, n, field.Confidence, ctx.SourceOf(field));
    }

    private static void SetAddress(FieldSet set, string addressName, string countryName, DiField? field, Context ctx)
    {
        if (field is null) return;
        var source = ctx.SourceOf(field);
        set.SetIfPresent(addressName, Collapse(field.Text), field.Confidence, source);
        if (CountryOf(field) is { } country) set.Set(countryName, country.Value, field.Confidence, source);
    }

    /// <summary>The country of a parsed address (<c>valueAddress.countryRegion</c>: ISO alpha-3 in practice, alpha-2 or a name accepted).</summary>
    private static CountryCode? CountryOf(DiField address) =>
        address.Address is { } a && a.TryGetProperty("countryRegion", out var c) && c.ValueKind == JsonValueKind.String &&
        CountryNames.TryParse(c.GetString(), out var code) ? code : null;

    private static string DocumentTypeOf(string? docType, string fallback)
    {
        if (string.IsNullOrEmpty(docType)) return fallback;
        if (docType.Contains("declaration", StringComparison.OrdinalIgnoreCase)) return DocumentType.CustomsDeclaration;
        if (docType.Contains("packing", StringComparison.OrdinalIgnoreCase)) return DocumentType.PackingList;
        if (docType.Contains("invoice", StringComparison.OrdinalIgnoreCase)) return DocumentType.CommercialInvoice;
        return fallback;
    }

    private static string? LanguageOf(string? locale) =>
        locale is { Length: >= 2 } l && char.IsAsciiLetter(l[0]) && char.IsAsciiLetter(l[1]) && (l.Length == 2 || l[2] is '-' or '_')
            ? l[..2].ToLowerInvariant()
            : null;

    /// <summary>One line of text: the service keeps an address's line breaks; results use single spaces (as v2.1's valueString did).</summary>
    internal static string? Collapse(string? text) =>
        text is null ? null : string.Join(' ', text.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));

    private static JsonElement? FirstDocument(JsonElement ar)
    {
        foreach (var name in (string[])["documents", "documentResults"])
        {
            if (ar.TryGetProperty(name, out var docs) && docs.ValueKind == JsonValueKind.Array && docs.GetArrayLength() > 0 &&
                docs[0].ValueKind == JsonValueKind.Object)
                return docs[0];
        }
        return null;
    }

    private static Dictionary<int, PageInfo> ReadPages(JsonElement ar)
    {
        var pages = new Dictionary<int, PageInfo>();
        // v3+: pages[{pageNumber, width, height, unit}]; v2.1: readResults[{page, width, height, unit}].
        foreach (var (list, number) in (ReadOnlySpan<(string, string)>)[("pages", "pageNumber"), ("readResults", "page")])
        {
            if (!ar.TryGetProperty(list, out var arr) || arr.ValueKind != JsonValueKind.Array) continue;
            foreach (var p in arr.EnumerateArray())
            {
                if (p.ValueKind != JsonValueKind.Object || !TryInt(p, number, out var n)) continue;
                var unit = p.TryGetProperty("unit", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString() : null;
                pages[n] = new PageInfo(TryDouble(p, "width"), TryDouble(p, "height"), unit);
            }
        }
        return pages;
    }

    private static bool TryInt(JsonElement e, string name, out int value)
    {
        value = 0;
        return e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out value);
    }

    private static double? TryDouble(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    private static DiField? Field(JsonElement fields, string name) =>
        fields.ValueKind == JsonValueKind.Object && fields.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Object ? new DiField(v) : null;

    private sealed record PageInfo(double? Width, double? Height, string? Unit);

    private sealed class Context(Dictionary<int, PageInfo> pages)
    {
        /// <summary>The field's location: the union of its regions on the first page it appears on.</summary>
        public FieldSource? SourceOf(DiField field)
        {
            int? page = null;
            double x0 = double.MaxValue, y0 = double.MaxValue, x1 = double.MinValue, y1 = double.MinValue;
            foreach (var (p, coords) in field.Regions())
            {
                page ??= p;
                if (p != page) continue;
                for (var i = 0; i + 1 < coords.Count; i += 2)
                {
                    x0 = Math.Min(x0, coords[i]); x1 = Math.Max(x1, coords[i]);
                    y0 = Math.Min(y0, coords[i + 1]); y1 = Math.Max(y1, coords[i + 1]);
                }
            }
            if (page is not { } pg || x0 == double.MaxValue || !pages.TryGetValue(pg, out var info)) return null;
            switch (info.Unit?.ToLowerInvariant())
            {
                case "inch" when info.Height is { } h:
                    return FieldSource.PdfBox(pg, x0 * PointsPerInch, (h - y1) * PointsPerInch, x1 * PointsPerInch, (h - y0) * PointsPerInch);
                case "pixel":
                    return FieldSource.ImageBox(pg, x0, y0, x1, y1);
                default:
                    return null;
            }
        }
    }

    /// <summary>One field of any API version, with the value accessors normalised.</summary>
    private sealed class DiField(JsonElement e)
    {
        public string? Type => Str("type");

        /// <summary>valueString, else the text as read (v3 <c>content</c>, v2 <c>text</c>).</summary>
        public string? Text => Str("valueString") ?? Str("content") ?? Str("text");

        public decimal? Number
        {
            get
            {
                foreach (var name in (string[])["valueNumber", "valueInteger"])
                {
                    if (e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetDecimal(out var d)) return d;
                }
                if (e.TryGetProperty("valueCurrency", out var c) && c.ValueKind == JsonValueKind.Object &&
                    c.TryGetProperty("amount", out var a) && a.ValueKind == JsonValueKind.Number && a.TryGetDecimal(out var amount))
                    return amount;
                return null;
            }
        }

        public string? CurrencyCode =>
            e.TryGetProperty("valueCurrency", out var c) && c.ValueKind == JsonValueKind.Object &&
            c.TryGetProperty("currencyCode", out var code) && code.ValueKind == JsonValueKind.String &&
            Core.Model.CurrencyCode.TryParse(code.GetString(), out var parsed) ? parsed.ToString() : null;

        public string? Date => Numbers.ParseIsoDate(Str("valueDate"));

        /// <summary>A field of type countryRegion (2023-07-31+): ISO 3166-1 alpha-3.</summary>
        public string? CountryRegion => Str("valueCountryRegion");

        public JsonElement? Address => e.TryGetProperty("valueAddress", out var a) && a.ValueKind == JsonValueKind.Object ? a : null;

        public JsonElement? Object => e.TryGetProperty("valueObject", out var o) && o.ValueKind == JsonValueKind.Object ? o : null;

        public double? Confidence =>
            e.TryGetProperty("confidence", out var c) && c.ValueKind == JsonValueKind.Number && c.GetDouble() is var d && d is >= 0 and <= 1 ? d : null;

        public IEnumerable<DiField> ArrayItems()
        {
            if (!e.TryGetProperty("valueArray", out var arr) || arr.ValueKind != JsonValueKind.Array) yield break;
            foreach (var item in arr.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Object) yield return new DiField(item);
            }
        }

        /// <summary>(page, [x1, y1, x2, y2, ...]) per region: v3 boundingRegions (polygon or boundingBox); v2 page + boundingBox.</summary>
        public IEnumerable<(int Page, List<double> Coords)> Regions()
        {
            if (e.TryGetProperty("boundingRegions", out var regions) && regions.ValueKind == JsonValueKind.Array)
            {
                foreach (var r in regions.EnumerateArray())
                {
                    if (r.ValueKind != JsonValueKind.Object || !TryInt(r, "pageNumber", out var page)) continue;
                    var coords = Coords(r, "polygon") ?? Coords(r, "boundingBox");
                    if (coords is not null) yield return (page, coords);
                }
            }
            else if (TryInt(e, "page", out var v2Page) && Coords(e, "boundingBox") is { } v2Coords)
            {
                yield return (v2Page, v2Coords);
            }
        }

        private static List<double>? Coords(JsonElement owner, string name)
        {
            if (!owner.TryGetProperty(name, out var arr) || arr.ValueKind != JsonValueKind.Array) return null;
            var list = new List<double>(8);
            foreach (var v in arr.EnumerateArray())
            {
                if (v.ValueKind != JsonValueKind.Number) return null;
                list.Add(v.GetDouble());
            }
            return list.Count >= 4 && list.Count % 2 == 0 ? list : null;
        }

        private string? Str(string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
    }
}
