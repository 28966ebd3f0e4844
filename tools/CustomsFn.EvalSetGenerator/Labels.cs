using System.Globalization;

namespace CustomsFn.EvalSetGenerator;

/// <summary>The printed words of one language: titles, field labels, table headers, number and date formats.</summary>
internal sealed record Labels(
    string Code,
    string InvoiceTitle, string PackingListTitle,
    string InvoiceNo, string Date, string Seller, string Buyer, string Currency, string Terms, string Origin, string Destination,
    string ColNo, string ColDescription, string ColHs, string ColQty, string ColUnit, string ColUnitPrice, string ColAmount, string ColOrigin,
    string ColPackages, string ColNet, string ColGross,
    string Subtotal, string CarriedForward, string BroughtForward, string Freight, string Insurance, string Tax, string Total,
    string GrossWeight, string NetWeight, string PackageCount, string Page, string TaxId, string Signature,
    char Decimal, string Group, Func<DateOnly, string> FormatDate, Dictionary<string, string> Countries, Dictionary<string, string> Units)
{
    public string Money(decimal v, int decimals) => Number(v, decimals);

    public string Number(decimal v, int decimals)
    {
        var s = v.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        // Invariant "N" gives 1,234.56: swap in this language's separators.
        return s.Replace(",", "\u0001", StringComparison.Ordinal).Replace(".", Decimal.ToString(), StringComparison.Ordinal)
            .Replace("\u0001", Group, StringComparison.Ordinal);
    }

    /// <summary>Quantities and weights: no grouping below 10,000, decimals only when needed.</summary>
    public string Quantity(decimal v)
    {
        var decimals = v == decimal.Truncate(v) ? 0 : (v * 10 == decimal.Truncate(v * 10) ? 1 : 2);
        return Number(v, decimals);
    }

    public string Country(string iso) => Countries[iso];
    public string Unit(string code) => Units[code];

    private static readonly Dictionary<string, string> CountriesEn = new()
    {
        ["DE"] = "Germany", ["US"] = "United States", ["JP"] = "Japan", ["CN"] = "China", ["FR"] = "France", ["ES"] = "Spain",
        ["IT"] = "Italy", ["NL"] = "Netherlands", ["GB"] = "United Kingdom", ["CA"] = "Canada", ["AU"] = "Australia", ["CH"] = "Switzerland",
    };

    private static string[] EnMonths { get; } = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    public static Labels For(string language) => language switch
    {
        "en" => new Labels("en", "COMMERCIAL INVOICE", "PACKING LIST",
            "Invoice No.", "Date", "Seller / Exporter", "Buyer / Consignee", "Currency", "Incoterms 2020", "Country of origin", "Destination",
            "No.", "Description of goods", "HS code", "Qty", "Unit", "Unit price", "Amount", "Origin",
            "Packages", "Net kg", "Gross kg",
            "Subtotal", "Carried forward", "Brought forward", "Freight", "Insurance", "VAT", "Total",
            "Gross weight (kg)", "Net weight (kg)", "Number of packages", "Page", "VAT No.", "Authorised signature",
            '.', ",", d => $"{d.Day:00} {EnMonths[d.Month - 1]} {d.Year}", CountriesEn,
            new() { ["H87"] = "pcs", ["KGM"] = "kg", ["MTR"] = "m", ["SET"] = "set", ["PR"] = "pairs" }),
        "de" => new Labels("de", "HANDELSRECHNUNG", "PACKLISTE",
            "Rechnungsnummer", "Datum", "Verkäufer / Exporteur", "Käufer / Empfänger", "Währung", "Lieferbedingung (Incoterms 2020)", "Ursprungsland", "Bestimmungsland",
            "Pos.", "Warenbezeichnung", "Zolltarifnr.", "Menge", "Einheit", "Einzelpreis", "Betrag", "Ursprung",
            "Packstücke", "Netto kg", "Brutto kg",
            "Zwischensumme", "Übertrag", "Übertrag von Seite", "Fracht", "Versicherung", "MwSt.", "Gesamtbetrag",
            "Bruttogewicht (kg)", "Nettogewicht (kg)", "Anzahl Packstücke", "Seite", "USt-IdNr.", "Unterschrift",
            ',', ".", d => $"{d.Day:00}.{d.Month:00}.{d.Year}",
            new() { ["DE"] = "Deutschland", ["US"] = "USA", ["JP"] = "Japan", ["CN"] = "China", ["FR"] = "Frankreich", ["ES"] = "Spanien",
                ["IT"] = "Italien", ["NL"] = "Niederlande", ["GB"] = "Vereinigtes Königreich", ["CA"] = "Kanada", ["AU"] = "Australien", ["CH"] = "Schweiz" },
            new() { ["H87"] = "Stk", ["KGM"] = "kg", ["MTR"] = "m", ["SET"] = "Satz", ["PR"] = "Paar" }),
        "fr" => new Labels("fr", "FACTURE COMMERCIALE", "LISTE DE COLISAGE",
            "N° de facture", "Date", "Vendeur / Exportateur", "Acheteur / Destinataire", "Devise", "Incoterms 2020", "Pays d'origine", "Pays de destination",
            "N°", "Désignation des marchandises", "Code SH", "Qté", "Unité", "Prix unitaire", "Montant", "Origine",
            "Colis", "Net kg", "Brut kg",
            "Sous-total", "À reporter", "Report", "Fret", "Assurance", "TVA", "Total",
            "Poids brut (kg)", "Poids net (kg)", "Nombre de colis", "Page", "N° TVA", "Signature",
            ',', " ", d => $"{d.Day:00}/{d.Month:00}/{d.Year}",
            new() { ["DE"] = "Allemagne", ["US"] = "États-Unis", ["JP"] = "Japon", ["CN"] = "Chine", ["FR"] = "France", ["ES"] = "Espagne",
                ["IT"] = "Italie", ["NL"] = "Pays-Bas", ["GB"] = "Royaume-Uni", ["CA"] = "Canada", ["AU"] = "Australie", ["CH"] = "Suisse" },
            new() { ["H87"] = "pce", ["KGM"] = "kg", ["MTR"] = "m", ["SET"] = "jeu", ["PR"] = "paires" }),
        "es" => new Labels("es", "FACTURA COMERCIAL", "LISTA DE EMBALAJE",
            "Factura n.º", "Fecha", "Vendedor / Exportador", "Comprador / Destinatario", "Moneda", "Incoterms 2020", "País de origen", "País de destino",
            "N.º", "Descripción de la mercancía", "Código SA", "Cant.", "Unidad", "Precio unitario", "Importe", "Origen",
            "Bultos", "Neto kg", "Bruto kg",
            "Subtotal", "Suma y sigue", "Suma anterior", "Flete", "Seguro", "IVA", "Total",
            "Peso bruto (kg)", "Peso neto (kg)", "Número de bultos", "Página", "NIF", "Firma autorizada",
            ',', ".", d => $"{d.Day:00}/{d.Month:00}/{d.Year}",
            new() { ["DE"] = "Alemania", ["US"] = "Estados Unidos", ["JP"] = "Japón", ["CN"] = "China", ["FR"] = "Francia", ["ES"] = "España",
                ["IT"] = "Italia", ["NL"] = "Países Bajos", ["GB"] = "Reino Unido", ["CA"] = "Canadá", ["AU"] = "Australia", ["CH"] = "Suiza" },
            new() { ["H87"] = "uds", ["KGM"] = "kg", ["MTR"] = "m", ["SET"] = "juego", ["PR"] = "pares" }),
        "it" => new Labels("it", "FATTURA COMMERCIALE", "DISTINTA DI IMBALLAGGIO",
            "Fattura n.", "Data", "Venditore / Esportatore", "Acquirente / Destinatario", "Valuta", "Resa (Incoterms 2020)", "Paese di origine", "Paese di destinazione",
            "N.", "Descrizione della merce", "Codice SA", "Q.tà", "Unità", "Prezzo unitario", "Importo", "Origine",
            "Colli", "Netto kg", "Lordo kg",
            "Subtotale", "A riportare", "Riporto", "Nolo", "Assicurazione", "IVA", "Totale",
            "Peso lordo (kg)", "Peso netto (kg)", "Numero colli", "Pagina", "P. IVA", "Firma",
            ',', ".", d => $"{d.Day:00}/{d.Month:00}/{d.Year}",
            new() { ["DE"] = "Germania", ["US"] = "Stati Uniti", ["JP"] = "Giappone", ["CN"] = "Cina", ["FR"] = "Francia", ["ES"] = "Spagna",
                ["IT"] = "Italia", ["NL"] = "Paesi Bassi", ["GB"] = "Regno Unito", ["CA"] = "Canada", ["AU"] = "Australia", ["CH"] = "Svizzera" },
            new() { ["H87"] = "pz", ["KGM"] = "kg", ["MTR"] = "m", ["SET"] = "set", ["PR"] = "paia" }),
        "nl" => new Labels("nl", "HANDELSFACTUUR", "PAKLIJST",
            "Factuurnummer", "Datum", "Verkoper / Exporteur", "Koper / Geadresseerde", "Valuta", "Leveringsvoorwaarden (Incoterms 2020)", "Land van oorsprong", "Land van bestemming",
            "Nr.", "Omschrijving goederen", "GS-code", "Aantal", "Eenheid", "Prijs per eenheid", "Bedrag", "Oorsprong",
            "Colli", "Netto kg", "Bruto kg",
            "Subtotaal", "Transport", "Transport van vorige pagina", "Vracht", "Verzekering", "Btw", "Totaal",
            "Brutogewicht (kg)", "Nettogewicht (kg)", "Aantal colli", "Pagina", "Btw-nr.", "Handtekening",
            ',', ".", d => $"{d.Day:00}-{d.Month:00}-{d.Year}",
            new() { ["DE"] = "Duitsland", ["US"] = "Verenigde Staten", ["JP"] = "Japan", ["CN"] = "China", ["FR"] = "Frankrijk", ["ES"] = "Spanje",
                ["IT"] = "Italië", ["NL"] = "Nederland", ["GB"] = "Verenigd Koninkrijk", ["CA"] = "Canada", ["AU"] = "Australië", ["CH"] = "Zwitserland" },
            new() { ["H87"] = "st", ["KGM"] = "kg", ["MTR"] = "m", ["SET"] = "set", ["PR"] = "paar" }),
        "ja" => new Labels("ja", "商業送り状", "梱包明細書",
            "請求書番号", "日付", "売主／輸出者", "買主／荷受人", "通貨", "貿易条件（インコタームズ2020）", "原産国", "仕向国",
            "番号", "品名", "HSコード", "数量", "単位", "単価", "金額", "原産地",
            "梱包数", "正味重量kg", "総重量kg",
            "小計", "次頁へ繰越", "前頁より繰越", "運賃", "保険料", "消費税", "合計",
            "総重量（kg）", "正味重量（kg）", "梱包数合計", "頁", "登録番号", "署名",
            '.', ",", d => $"{d.Year}年{d.Month}月{d.Day}日",
            new() { ["DE"] = "ドイツ", ["US"] = "アメリカ合衆国", ["JP"] = "日本", ["CN"] = "中国", ["FR"] = "フランス", ["ES"] = "スペイン",
                ["IT"] = "イタリア", ["NL"] = "オランダ", ["GB"] = "イギリス", ["CA"] = "カナダ", ["AU"] = "オーストラリア", ["CH"] = "スイス" },
            new() { ["H87"] = "個", ["KGM"] = "kg", ["MTR"] = "m", ["SET"] = "セット", ["PR"] = "足" }),
        "zh" => new Labels("zh", "商业发票", "装箱单",
            "发票号码", "日期", "卖方／出口商", "买方／收货人", "币种", "贸易术语（国际贸易术语2020）", "原产国", "目的国",
            "序号", "货物名称", "HS编码", "数量", "单位", "单价", "金额", "原产地",
            "件数", "净重kg", "毛重kg",
            "小计", "转下页", "承上页", "运费", "保险费", "增值税", "合计",
            "毛重（公斤）", "净重（公斤）", "总件数", "第页", "税号", "授权签字",
            '.', ",", d => $"{d.Year}年{d.Month}月{d.Day}日",
            new() { ["DE"] = "德国", ["US"] = "美国", ["JP"] = "日本", ["CN"] = "中国", ["FR"] = "法国", ["ES"] = "西班牙",
                ["IT"] = "意大利", ["NL"] = "荷兰", ["GB"] = "英国", ["CA"] = "加拿大", ["AU"] = "澳大利亚", ["CH"] = "瑞士" },
            new() { ["H87"] = "个", ["KGM"] = "千克", ["MTR"] = "米", ["SET"] = "套", ["PR"] = "双" }),
        _ => throw new ArgumentOutOfRangeException(nameof(language), language, "No labels for this language."),
    };
}
