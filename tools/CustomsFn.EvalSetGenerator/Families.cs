using System.Globalization;
using Newtonsoft.Json.Linq;

namespace CustomsFn.EvalSetGenerator;

internal enum SellerPlace { Left, Right, Banner }
internal enum MetaPlace { BesideSeller, Band, Sidebar, BelowParties }
internal enum LabelStyle { Inline, Above, Column, Boxed }
internal enum RowStyle { Grid, Rules, Zebra, Plain }

/// <summary>
/// A layout family: a seeded draw of structural choices, fixed for all its documents. Where the seller, the parties
/// and the key/value block sit, how labels are printed, which synonym each label uses, the date, number and invoice
/// number formats, the goods table's columns, order and style, font and size, footers, totals and the document type.
/// </summary>
internal sealed class FamilyStyle
{
    public required int Id { get; init; }
    public required string Language { get; init; }
    public required DocKind Kind { get; init; }
    public required bool CreditNote { get; init; }
    public required string Split { get; init; }
    public required bool MultiPage { get; init; }
    public required string Font { get; init; }
    public required double Size { get; init; }
    public required SellerPlace Seller { get; init; }
    public required MetaPlace Meta { get; init; }
    public required LabelStyle Labels { get; init; }
    public required bool PartiesSideBySide { get; init; }
    public required bool Consignee { get; init; }
    public required Dictionary<string, string> Words { get; init; }
    public required Func<DateOnly, string> FormatDate { get; init; }
    public required bool Grouping { get; init; }
    public required int NumberPattern { get; init; }
    public required int HsFormat { get; init; }
    public required List<string> Columns { get; init; }
    public required RowStyle Rows { get; init; }
    public required bool CarryRows { get; init; }
    public required bool PrintTaxId { get; init; }
    public required bool PrintWeights { get; init; }
    public required bool TaxRow { get; init; }
    public required bool AmountDue { get; init; }
    /// <summary>0: the currency only in the key/value block; 1: also in the total's label; 2: as a code before the total.</summary>
    public required int CurrencyInTotal { get; init; }
    public required bool RegistrationFooter { get; init; }
    public required bool BankFooter { get; init; }
    public required bool TitleBold { get; init; }

    public string Name => $"f{Id:00}";
    public string TypeName => CreditNote ? "credit-note" : Kind == DocKind.PackingList ? "packing-list" : "commercial-invoice";
    public string W(string key) => Words[key];

    public string HsPrinted(string hs) => HsFormat switch
    {
        0 => $"{hs[..4]}.{hs[4..]}",
        1 => hs,
        2 => $"{hs[..4]}.{hs[4..]}.00",
        _ => $"{hs[..4]} {hs[4..]}",
    };
}

/// <summary>One document of a family: the facts (as <see cref="DocSpec"/>) plus what only families print.</summary>
internal sealed class FamilyDoc
{
    public required FamilyStyle Style { get; init; }
    public required DocSpec Spec { get; init; }
    public required List<decimal> Discounts { get; init; }
    public required List<string> Codes { get; init; }
    public string? ReferenceInvoice { get; init; }
    public required Party Consignee { get; init; }
    public required string FileName { get; init; }
}

/// <summary>
/// Draws the layout families and their documents (issue #19): <see cref="Count"/> families, each with a language
/// (spread evenly over the eight), two or more documents per family, text PDFs only. The split is fixed by id before
/// anything is measured: every 4th family (id % 4 == 3) is held out.
/// </summary>
internal static class Families
{
    public const int DefaultSeed = 20261207;
    public const int Count = 48;
    public const int DocumentsPerFamily = 2;
    public static readonly string[] Languages = ["en", "de", "fr", "es", "it", "nl", "ja", "zh"];

    public static string SplitOf(int id) => id % 4 == 3 ? "held-out" : "train";

    /// <summary>id + id/8 spreads the languages so that the held-out families (id % 4 == 3) cover all eight.</summary>
    public static string LanguageOf(int id) => Languages[(id + id / 8) % 8];

    // More invented companies than the eval set's, so that a family's name is not the language's only seller.
    private static readonly Dictionary<string, Party[]> ExtraSellers = new()
    {
        ["en"] = [new("Redwater Marine Hardware Ltd", ["3 Dockside Road", "Bristol BS1 6XN"], "GB", "GB 418 2271 36"),
            new("Tallgrass Instruments Corp.", ["1200 Mesa Verde Blvd", "Austin, TX 78701"], "US", null)],
        ["de"] = [new("Brenntal Armaturen AG", ["Am Hafen 9", "28217 Bremen"], "DE", "DE 265 118 430"),
            new("Oberried Holzwerk GmbH & Co. KG", ["Sägestraße 2", "79254 Oberried"], "DE", "DE 142 907 655")],
        ["fr"] = [new("Verrerie de la Sarthe SAS", ["4 avenue du Maine", "72000 Le Mans"], "FR", "FR 63 402 118 559"),
            new("Provence Textiles Export SA", ["18 boulevard Longchamp", "13001 Marseille"], "FR", "FR 27 331 004 871")],
        ["es"] = [new("Aceros Cantábricos S.A.", ["Polígono Industrial Raos, Nave 14", "39011 Santander"], "ES", "ES A39112233"),
            new("Mueblería Sevillana S.L.", ["Avenida de la Innovación 7", "41020 Sevilla"], "ES", "ES B41556677")],
        ["it"] = [new("Meccanica Adriatica S.r.l.", ["Via del Porto 31", "60121 Ancona (AN)"], "IT", "IT 02177380423"),
            new("Cartiera del Brenta S.p.A.", ["Viale Europa 5", "35010 Limena (PD)"], "IT", "IT 01456230287")],
        ["nl"] = [new("Hollandse Kaas Export B.V.", ["Marktweg 12", "2801 AA Gouda"], "NL", "NL 8091.22.314.B01"),
            new("Deltatech Aandrijvingen B.V.", ["Industrieweg 88", "5651 GK Eindhoven"], "NL", "NL 8655.10.742.B01")],
        ["ja"] = [new("株式会社オオミ電機", ["大阪府大阪市西区靱本町1-4-8", "〒550-0004"], "JP", "T4120001076543"),
            new("北陸テキスタイル株式会社", ["福井県福井市大手2-7-15", "〒910-0005"], "JP", "T9210001012345")],
        ["zh"] = [new("深圳华创精密机械有限公司", ["广东省深圳市宝安区西乡街道航城大道168号", "邮编 518126"], "CN", "91440300MA5F1G2H3J"),
            new("青岛远洋纺织品进出口有限公司", ["山东省青岛市市南区香港中路40号", "邮编 266071"], "CN", "91370202MA3K4L5M6N")],
    };

    private static readonly Party[] ExtraBuyers =
    [
        new("Northgate Retail Group Ltd", ["Unit 4, Riverside Park", "Leeds LS10 1AB"], "GB", null),
        new("Rheinland Technik Vertrieb GmbH", ["Kölner Straße 77", "40211 Düsseldorf"], "DE", null),
        new("Pacific Rim Imports Inc.", ["2500 Harbor Way", "Seattle, WA 98134"], "US", null),
        new("Lac Léman Distribution SA", ["Rue du Rhône 12", "1204 Genève"], "CH", null),
        new("Kiwi Bay Wholesale Pty Ltd", ["44 Collins Street", "Melbourne VIC 3000"], "AU", null),
        new("Tokai Trading Co., Ltd.", ["2-1 Marunouchi, Chiyoda-ku", "Tokyo 100-0005"], "JP", null),
    ];

    private static readonly Dictionary<string, decimal> TaxRates = new()
    {
        ["en"] = 0.20m, ["de"] = 0.19m, ["fr"] = 0.20m, ["es"] = 0.21m, ["it"] = 0.22m, ["nl"] = 0.21m, ["ja"] = 0.10m, ["zh"] = 0.13m,
    };

    private static readonly Dictionary<string, string[]> InvoicePrefixes = new()
    {
        ["en"] = ["INV", "CI"], ["de"] = ["RE", "AR"], ["fr"] = ["FA", "FC"], ["es"] = ["FV", "FE"], ["it"] = ["FT", "FE"], ["nl"] = ["F", "VF"],
        ["ja"] = ["INV", "EX"], ["zh"] = ["INV", "CI"],
    };

    private static readonly Dictionary<string, string> CreditPrefixes = new()
    {
        ["en"] = "CN", ["de"] = "GS", ["fr"] = "AV", ["es"] = "R", ["it"] = "NC", ["nl"] = "CR", ["ja"] = "CN", ["zh"] = "CN",
    };

    /// <summary>
    /// A well-mixed seed per (seed, family, stream): System.Random's seeded generator gives correlated first draws for
    /// neighbouring seeds, which would make neighbouring families alike.
    /// </summary>
    private static int Mix(int seed, int id, int stream)
    {
        var z = (ulong)(uint)seed * 0x9E3779B97F4A7C15UL + (ulong)id * 0xBF58476D1CE4E5B9UL + (ulong)stream * 0x94D049BB133111EBUL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (int)(z & 0x7FFFFFFF);
    }

    private static T Pick<T>(Random r, IReadOnlyList<T> items) => items[r.Next(items.Count)];

    public static FamilyStyle Style(int id, int seed)
    {
        var r = new Random(Mix(seed, id, 1));
        var lang = LanguageOf(id);
        var credit = id % 12 is 5 or 11;
        var kind = id % 12 is 2 or 7 ? DocKind.PackingList : DocKind.Invoice;
        var packing = kind == DocKind.PackingList;
        var multiPage = id % 5 == 1 || id % 10 == 3;

        var words = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, alternatives) in FamilyWords.Words[lang]) words[key] = Pick(r, alternatives.Split('|'));

        var seller = (SellerPlace)r.Next(3);
        var meta = seller == SellerPlace.Banner ? Pick(r, [MetaPlace.Band, MetaPlace.BelowParties]) : (MetaPlace)r.Next(4);
        var labels = (LabelStyle)r.Next(4);
        if (meta == MetaPlace.Sidebar && labels is LabelStyle.Column or LabelStyle.Inline) labels = LabelStyle.Above;

        // Goods table: a column set and order.
        var cols = new List<string>();
        var no = r.Next(4) != 0;
        var code = r.Next(3) == 0;
        if (code && r.Next(2) == 0) { cols.Add("code"); if (no) cols.Add("no"); }
        else { if (no) cols.Add("no"); if (code) cols.Add("code"); }
        cols.Add("desc");
        var hs = packing || r.Next(6) != 0;
        var origin = !packing && r.Next(2) == 0;
        var originLast = origin && r.Next(2) == 0;
        if (hs && origin && !originLast && r.Next(2) == 0) { cols.Add("origin"); cols.Add("hs"); }
        else { if (hs) cols.Add("hs"); if (origin && !originLast) cols.Add("origin"); }
        var unit = r.Next(5) != 0;
        if (unit && r.Next(4) == 0) { cols.Add("unit"); cols.Add("qty"); }
        else { cols.Add("qty"); if (unit) cols.Add("unit"); }
        if (packing)
        {
            cols.Add("pkg");
            cols.Add("net");
            if (r.Next(3) != 0) cols.Add("gross");
        }
        else
        {
            cols.Add("price");
            if (!credit && r.Next(4) == 0) cols.Add("disc");
            cols.Add("amount");
            if (originLast) cols.Add("origin");
        }

        var font = Pick(r, ["Latin", "Latin", "Serif", "Mono"]);
        var size = Pick(r, [7.5, 8, 8.5, 9, 9.5, 10, 10.5, 11]);
        if (font == "Mono" && size > 9) size = 9;
        if (meta == MetaPlace.Sidebar && size > 9.5) size = 9.5;
        return new FamilyStyle
        {
            Id = id, Language = lang, Kind = kind, CreditNote = credit, Split = SplitOf(id), MultiPage = multiPage, Font = font, Size = size,
            Seller = seller, Meta = meta, Labels = labels, PartiesSideBySide = r.Next(2) == 0, Consignee = r.Next(3) == 0, Words = words,
            FormatDate = Pick(r, FamilyWords.DateFormats(lang)), Grouping = r.Next(4) != 0, NumberPattern = r.Next(6), HsFormat = r.Next(4),
            Columns = cols, Rows = (RowStyle)r.Next(4), CarryRows = r.Next(2) == 0, PrintTaxId = r.Next(2) == 0,
            PrintWeights = packing || r.Next(3) == 0, TaxRow = !packing && r.Next(3) == 0, AmountDue = !packing && r.Next(3) == 0,
            CurrencyInTotal = r.Next(3), RegistrationFooter = r.Next(2) == 0, BankFooter = !packing && r.Next(2) == 0, TitleBold = r.Next(4) != 0,
        };
    }

    public static List<FamilyDoc> Build(int seed, int? only = null)
    {
        var docs = new List<FamilyDoc>();
        for (var id = 0; id < Count; id++)
        {
            var style = Style(id, seed);
            var r = new Random(Mix(seed, id, 2));
            for (var k = 0; k < DocumentsPerFamily; k++)
            {
                var doc = Document(style, k, r);
                if (only is null || only == id) docs.Add(doc);
            }
        }
        return docs;
    }

    private static FamilyDoc Document(FamilyStyle s, int index, Random rnd)
    {
        var lang = s.Language;
        var sellers = Catalog.Sellers[lang].Concat(ExtraSellers[lang]).ToArray();
        var seller = sellers[rnd.Next(sellers.Length)];
        var buyers = Catalog.Buyers.Concat(ExtraBuyers).Where(b => b.Country != seller.Country && b.Name != seller.Name).ToArray();
        var buyer = buyers[rnd.Next(buyers.Length)];
        var terms = Catalog.Terms[seller.Country];
        var (incoterm, place) = terms[rnd.Next(terms.Length)];
        var currency = Catalog.CurrencyOf[lang];
        if (lang == "zh" && rnd.Next(3) == 0) currency = "CNY";
        if (lang == "en" && seller.Country == "GB" && rnd.Next(2) == 0) currency = "GBP";
        var date = new DateOnly(2026, 1, 1).AddDays(rnd.Next(0, 330));
        var decimals = currency == "JPY" ? 0 : 2;
        var fx = currency switch { "JPY" => 150m, "CNY" => 7.2m, "GBP" => 0.8m, _ => 1m };
        var invoice = s.Kind == DocKind.Invoice;

        var lineCount = s.MultiPage ? rnd.Next(26, 44) : s.CreditNote ? rnd.Next(1, 4) : rnd.Next(2, 9);
        var products = Catalog.Products.OrderBy(_ => rnd.Next()).ToArray();
        var lines = new List<GoodsLine>();
        var discounts = new List<decimal>();
        var codes = new List<string>();
        for (var i = 0; i < lineCount; i++)
        {
            var p = products[i % products.Length];
            var variant = i >= products.Length ? $" ({(char)('A' + i / products.Length - 1)})" : "";
            var (qty, price) = Catalog.QuantityAndPrice(p, rnd, fx, decimals);
            var discount = s.Columns.Contains("disc") ? Pick(rnd, [0m, 0m, 5m, 10m, 2.5m]) : 0m;
            var amount = Math.Round(qty * price * (1 - discount / 100m), decimals, MidpointRounding.AwayFromZero);
            var net = Math.Round(qty * p.NetKgPerUnit, 1, MidpointRounding.AwayFromZero);
            if (net < 0.5m) net = 0.5m;
            var gross = Math.Round(net * 1.12m + 0.4m, 1, MidpointRounding.AwayFromZero);
            var packages = Math.Max(1, (int)Math.Ceiling(gross / 25m));
            var origin = rnd.Next(6) == 0 ? (seller.Country == "CN" ? "VN" : "CN") : seller.Country;
            lines.Add(new GoodsLine(i + 1, p, p.Names[lang] + variant, qty, p.Unit, price, amount, origin, net, gross, packages));
            discounts.Add(discount);
            var pi = Array.IndexOf(Catalog.Products, p);
            codes.Add($"{(char)('A' + pi)}{p.Hs[2..4]}-{100 + pi * 7 + i / products.Length}");
        }

        var letters = seller.Name.Where(char.IsAsciiLetterUpper).Take(3).Aggregate("", (a, c) => a + c);
        if (letters.Length < 2) letters = seller.Country + "X";
        var n = 100 + rnd.Next(0, 9000);
        var yy = date.Year % 100;
        var prefix = s.CreditNote ? CreditPrefixes[lang] : Pick(rnd, InvoicePrefixes[lang]);
        string Number(int pattern, int m) => pattern switch
        {
            0 => $"{letters}-{date.Year}-{m:00000}",
            1 => $"{letters}{yy}{m:0000}",
            2 => $"{prefix}-{m:000000}",
            3 => $"{date.Year}/{m:00000}",
            4 => $"{prefix}{date.Year}{m:00000}",
            _ => $"{letters}/{yy}/{m}",
        };
        var number = Number(s.NumberPattern, n);
        var reference = s.CreditNote ? Number((s.NumberPattern + 2) % 6, n - 1 - rnd.Next(0, 50)) : null;

        var freight = invoice && !s.CreditNote && incoterm is "CIF" or "CFR" or "CPT" or "CIP" or "DAP"
            ? Math.Round((rnd.Next(80, 900) + rnd.Next(0, 100) / 100m) * fx, decimals, MidpointRounding.AwayFromZero) : 0m;
        var insurance = invoice && !s.CreditNote && incoterm is "CIF" or "CIP" ? Math.Round(freight * 0.1m, decimals, MidpointRounding.AwayFromZero) : 0m;
        var taxRate = s.TaxRow ? TaxRates[lang] : 0m;
        var consignee = buyer with { AddressLines = [ConsigneeStreet(buyer.Country), buyer.AddressLines[^1]] };
        var fileName = $"{s.Name}-{index + 1}-{lang}-{s.TypeName}.pdf";

        var spec = new DocSpec
        {
            Name = Path.GetFileNameWithoutExtension(fileName), Kind = s.Kind, Layout = s.Name, Language = lang, Delivery = Delivery.TextPdf,
            Number = number, Date = date, Currency = currency, Seller = seller, Buyer = buyer, Incoterm = incoterm, IncotermPlace = place,
            OriginCountry = seller.Country, DestinationCountry = buyer.Country, Lines = lines, Freight = freight, Insurance = insurance,
            TaxRate = taxRate,
        };
        return new FamilyDoc { Style = s, Spec = spec, Discounts = discounts, Codes = codes, ReferenceInvoice = reference, Consignee = consignee, FileName = fileName };
    }

    private static string ConsigneeStreet(string country) => country switch
    {
        "DE" or "CH" => "Lagerhalle 3, Logistikpark Nord",
        "FR" => "Entrepôt B, Zone logistique Est",
        "JP" => "Bay Warehouse 5, 3-2 Shinonome",
        _ => "Warehouse 2, Logistics Park East",
    };

    /// <summary>The expected result, in the format of samples/eval: only what the family prints is expected.</summary>
    public static JObject Expected(FamilyDoc fd)
    {
        var d = fd.Spec;
        var s = fd.Style;
        var invoice = d.Kind == DocKind.Invoice;
        var f = EvalSetGenerator.Expected.HeaderFields(d, s.PrintTaxId, s.PrintWeights);
        var lines = new JArray();
        foreach (var g in d.Lines)
        {
            var l = new JObject { ["description"] = g.Description };
            if (s.Columns.Contains("hs")) l["hsCode"] = new string(s.HsPrinted(g.Product.Hs).Where(char.IsAsciiDigit).ToArray());
            l["quantity"] = EvalSetGenerator.Expected.Num(g.Quantity);
            if (s.Columns.Contains("unit")) l["unitCode"] = g.Unit;
            if (invoice)
            {
                l["unitPrice"] = EvalSetGenerator.Expected.Num(g.UnitPrice);
                l["amount"] = EvalSetGenerator.Expected.Num(g.Amount);
                if (s.Columns.Contains("origin")) l["originCountry"] = g.Origin;
            }
            else if (s.Columns.Contains("net")) l["netWeightKg"] = EvalSetGenerator.Expected.Num(g.NetKg);
            lines.Add(l);
        }
        return new JObject
        {
            ["format"] = "pdf-text",
            ["documentType"] = s.TypeName,
            ["language"] = d.Language,
            ["fields"] = f,
            ["lines"] = lines,
        };
    }

    /// <summary>The family's structural choices, for the manifest.</summary>
    public static JObject Describe(FamilyStyle s) => new()
    {
        ["id"] = s.Name, ["split"] = s.Split, ["language"] = s.Language, ["documentType"] = s.TypeName, ["multiPage"] = s.MultiPage,
        ["font"] = s.Font, ["size"] = s.Size, ["seller"] = s.Seller.ToString(), ["keyValues"] = s.Meta.ToString(), ["labels"] = s.Labels.ToString(),
        ["partiesSideBySide"] = s.PartiesSideBySide, ["consignee"] = s.Consignee, ["columns"] = new JArray(s.Columns), ["rows"] = s.Rows.ToString(),
        ["numberLabel"] = s.W(s.CreditNote ? "no_cn" : s.Kind == DocKind.PackingList ? "no_pl" : "no_inv"), ["dateLabel"] = s.W("date"),
        ["taxIdPrinted"] = s.PrintTaxId, ["weightsPrinted"] = s.PrintWeights, ["footer"] = new JArray(
            new[] { s.RegistrationFooter ? "registration" : null, s.BankFooter ? "bank" : null, "page" }.Where(x => x is not null)),
    };
}
