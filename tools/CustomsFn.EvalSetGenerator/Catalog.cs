namespace CustomsFn.EvalSetGenerator;

/// <summary>Synthetic parties and products, and the fixed list of documents in the evaluation set.</summary>
internal static class Catalog
{
    private static Dictionary<string, string> N(string en, string de, string fr, string es, string it, string nl, string ja, string zh) =>
        new() { ["en"] = en, ["de"] = de, ["fr"] = fr, ["es"] = es, ["it"] = it, ["nl"] = nl, ["ja"] = ja, ["zh"] = zh };

    public static readonly Product[] Products =
    [
        new("848210", "H87", 4.85m, 0.21m, N("Deep groove ball bearing 6204-2RS", "Rillenkugellager 6204-2RS", "Roulement à billes 6204-2RS", "Rodamiento rígido de bolas 6204-2RS", "Cuscinetto a sfere 6204-2RS", "Groefkogellager 6204-2RS", "深溝玉軸受 6204-2RS", "深沟球轴承 6204-2RS")),
        new("848340", "H87", 126.00m, 3.40m, N("Planetary gearbox PG-60", "Planetengetriebe PG-60", "Réducteur planétaire PG-60", "Reductor planetario PG-60", "Riduttore epicicloidale PG-60", "Planetaire tandwielkast PG-60", "遊星歯車減速機 PG-60", "行星齿轮减速机 PG-60")),
        new("851762", "H87", 89.90m, 0.45m, N("Industrial Ethernet switch 8-port", "Industrie-Ethernet-Switch 8 Ports", "Commutateur Ethernet industriel 8 ports", "Conmutador Ethernet industrial 8 puertos", "Switch Ethernet industriale 8 porte", "Industriële ethernetswitch 8 poorten", "産業用イーサネットスイッチ 8ポート", "工业以太网交换机 8口")),
        new("854442", "MTR", 1.35m, 0.08m, N("Control cable 4x1.5 mm2", "Steuerleitung 4x1,5 mm2", "Câble de commande 4x1,5 mm2", "Cable de control 4x1,5 mm2", "Cavo di comando 4x1,5 mm2", "Stuurkabel 4x1,5 mm2", "制御ケーブル 4x1.5 mm2", "控制电缆 4x1.5 mm2")),
        new("940360", "H87", 214.00m, 28.50m, N("Oak dining table 180 cm", "Esstisch Eiche 180 cm", "Table à manger en chêne 180 cm", "Mesa de comedor de roble 180 cm", "Tavolo da pranzo in rovere 180 cm", "Eiken eettafel 180 cm", "オーク材ダイニングテーブル 180cm", "橡木餐桌 180厘米")),
        new("610910", "H87", 3.20m, 0.18m, N("Cotton T-shirt, crew neck", "Baumwoll-T-Shirt, Rundhals", "T-shirt en coton, col rond", "Camiseta de algodón, cuello redondo", "T-shirt in cotone, girocollo", "Katoenen T-shirt, ronde hals", "綿Tシャツ 丸首", "纯棉圆领T恤")),
        new("640399", "PR", 27.50m, 0.95m, N("Leather work boots", "Lederarbeitsstiefel", "Bottes de travail en cuir", "Botas de trabajo de cuero", "Stivali da lavoro in pelle", "Leren werkschoenen", "革製作業用ブーツ", "皮革工作靴")),
        new("691110", "SET", 38.00m, 6.20m, N("Porcelain dinner set, 18 pieces", "Porzellan-Tafelservice, 18-teilig", "Service de table en porcelaine, 18 pièces", "Vajilla de porcelana, 18 piezas", "Servizio di piatti in porcellana, 18 pezzi", "Porseleinen serviesset, 18-delig", "磁器製食器セット 18点", "瓷器餐具套装 18件")),
        new("090111", "KGM", 6.40m, 1.00m, N("Green coffee beans, Arabica", "Rohkaffee, Arabica", "Café vert en grains, Arabica", "Café verde en grano, Arabica", "Caffè verde in grani, Arabica", "Groene koffiebonen, Arabica", "生コーヒー豆 アラビカ", "阿拉比卡生咖啡豆")),
        new("392690", "H87", 0.42m, 0.02m, N("Plastic cable clip", "Kunststoff-Kabelclip", "Clip de câble en plastique", "Clip para cable de plástico", "Fermacavo in plastica", "Kunststof kabelclip", "プラスチック製ケーブルクリップ", "塑料电缆夹")),
        new("850440", "H87", 54.30m, 0.60m, N("DIN rail power supply 24 V", "Hutschienen-Netzteil 24 V", "Alimentation rail DIN 24 V", "Fuente de alimentación carril DIN 24 V", "Alimentatore guida DIN 24 V", "DIN-rail voeding 24 V", "DINレール電源 24V", "导轨式电源 24V")),
        new("950300", "H87", 12.75m, 0.70m, N("Wooden building blocks, 100 pieces", "Holzbausteine, 100 Teile", "Jeu de construction en bois, 100 pièces", "Bloques de construcción de madera, 100 piezas", "Costruzioni in legno, 100 pezzi", "Houten bouwblokken, 100 stuks", "木製積み木 100ピース", "木制积木 100块")),
        new("901890", "H87", 310.00m, 1.90m, N("Ultrasound probe cover set", "Schutzhüllen-Set für Ultraschallsonden", "Kit de protection de sonde échographique", "Juego de fundas para sonda de ultrasonido", "Kit copri-sonda per ecografo", "Set beschermhoezen voor echosonde", "超音波プローブカバーセット", "超声探头保护套组")),
        new("420221", "H87", 45.00m, 0.85m, N("Leather handbag", "Lederhandtasche", "Sac à main en cuir", "Bolso de cuero", "Borsa in pelle", "Leren handtas", "革製ハンドバッグ", "皮革手提包")),
        new("732690", "H87", 2.15m, 0.30m, N("Galvanised steel bracket", "Verzinkter Stahlwinkel", "Équerre en acier galvanisé", "Escuadra de acero galvanizado", "Staffa in acciaio zincato", "Verzinkte stalen hoeksteun", "亜鉛めっき鋼製ブラケット", "镀锌钢支架")),
        new("220421", "H87", 7.90m, 1.30m, N("Red wine, 0.75 l bottle", "Rotwein, 0,75-l-Flasche", "Vin rouge, bouteille de 0,75 l", "Vino tinto, botella de 0,75 l", "Vino rosso, bottiglia da 0,75 l", "Rode wijn, fles 0,75 l", "赤ワイン 0.75l瓶", "红葡萄酒 0.75升瓶装")),
    ];

    // Sellers, one or more per language; all names invented for this set.
    public static readonly Dictionary<string, Party[]> Sellers = new()
    {
        ["en"] =
        [
            new("Harbourline Components Ltd", ["Unit 7, Quayside Trading Estate", "Southampton SO14 3XX"], "GB", "GB 294 1186 07"),
            new("Bluefield Outdoor Supply Inc.", ["4410 Cedar Ridge Parkway", "Portland, OR 97201"], "US", null),
        ],
        ["de"] =
        [
            new("Kesselbach Feinmechanik GmbH", ["Industriestraße 14", "73430 Aalen"], "DE", "DE 318 472 905"),
            new("Nordlicht Textilhandel GmbH", ["Speicherweg 3", "20457 Hamburg"], "DE", "DE 207 331 814"),
        ],
        ["fr"] = [new("Ateliers Morvandeau SARL", ["12 rue des Tanneurs", "69007 Lyon"], "FR", "FR 41 512 873 004")],
        ["es"] = [new("Cerámicas del Turia S.L.", ["Calle Alfareros 22", "46120 Alboraya (Valencia)"], "ES", "ES B98765432")],
        ["it"] = [new("Tessitura Valbrenta S.p.A.", ["Via dei Filatori 9", "36061 Bassano del Grappa (VI)"], "IT", "IT 03928170246")],
        ["nl"] = [new("Van der Grift Handelsonderneming B.V.", ["Havenstraat 41", "3011 AB Rotterdam"], "NL", "NL 8527.41.093.B01")],
        ["ja"] =
        [
            new("株式会社ミナト精機", ["神奈川県横浜市中区海岸通3-12", "〒231-0002"], "JP", "T7020001098765"),
            new("有限会社さくら陶房", ["岐阜県多治見市本町5-8", "〒507-0041"], "JP", null),
        ],
        ["zh"] =
        [
            new("杭州云帆电子有限公司", ["浙江省杭州市滨江区江南大道1088号", "邮编 310051"], "CN", "91330108MA2B3C4D5E"),
            new("宁波海瑞五金制品有限公司", ["浙江省宁波市北仑区新碶街道港城路66号", "邮编 315800"], "CN", "91330206MA2H7K8L9M"),
        ],
    };

    public static readonly Party[] Buyers =
    [
        new("Great Plains Industrial Supply LLC", ["880 Prairie View Road", "Omaha, NE 68102"], "US", null),
        new("Maple Coast Distribution Inc.", ["215 Harbourfront Drive", "Vancouver, BC V6B 1A1"], "CA", null),
        new("Southern Cross Trading Pty Ltd", ["18 Wharf Street", "Fremantle WA 6160"], "AU", null),
        new("Alpenblick Handels AG", ["Bahnhofstrasse 40", "8001 Zürich"], "CH", null),
        new("Harbourline Components Ltd", ["Unit 7, Quayside Trading Estate", "Southampton SO14 3XX"], "GB", null),
        new("Kesselbach Feinmechanik GmbH", ["Industriestraße 14", "73430 Aalen"], "DE", null),
        new("Ateliers Morvandeau SARL", ["12 rue des Tanneurs", "69007 Lyon"], "FR", null),
        new("Bluefield Outdoor Supply Inc.", ["4410 Cedar Ridge Parkway", "Portland, OR 97201"], "US", null),
    ];

    internal static readonly Dictionary<string, (string Incoterm, string Place)[]> Terms = new()
    {
        ["GB"] = [("FCA", "Southampton"), ("CIF", "Halifax")], ["US"] = [("FOB", "Portland"), ("EXW", "Portland")],
        ["DE"] = [("FOB", "Hamburg"), ("FCA", "Aalen"), ("DAP", "Chicago")], ["FR"] = [("FCA", "Lyon"), ("CIP", "Montreal")],
        ["ES"] = [("FOB", "Valencia")], ["IT"] = [("EXW", "Bassano del Grappa"), ("CPT", "New York")], ["NL"] = [("FOB", "Rotterdam")],
        ["JP"] = [("FOB", "Yokohama"), ("CIF", "Los Angeles")], ["CN"] = [("FOB", "Ningbo"), ("CFR", "Hamburg"), ("CIF", "Sydney")],
    };

    internal static readonly Dictionary<string, string> CurrencyOf = new()
    {
        ["en"] = "USD", ["de"] = "EUR", ["fr"] = "EUR", ["es"] = "EUR", ["it"] = "EUR", ["nl"] = "EUR", ["ja"] = "JPY", ["zh"] = "USD",
    };

    /// <summary>
    /// The documents of the set: (layout, language, kind, delivery, lines). Layouts: classic, banner, sidebar, grid, minimal,
    /// ledger (long tables over several pages with carried-forward rows), packing (packing lists).
    /// </summary>
    private static readonly (string Layout, string Lang, DocKind Kind, Delivery Delivery, int Lines)[] Plan =
    [
        ("classic", "en", DocKind.Invoice, Delivery.TextPdf, 4),
        ("classic", "de", DocKind.Invoice, Delivery.TextPdf, 3),
        ("classic", "ja", DocKind.Invoice, Delivery.TextPdf, 3),
        ("classic", "zh", DocKind.Invoice, Delivery.TextPdf, 5),
        ("classic", "fr", DocKind.Invoice, Delivery.Png, 3),
        ("banner", "en", DocKind.Invoice, Delivery.TextPdf, 5),
        ("banner", "it", DocKind.Invoice, Delivery.TextPdf, 4),
        ("banner", "zh", DocKind.Invoice, Delivery.Jpeg, 3),
        ("banner", "de", DocKind.Invoice, Delivery.ScanPdf, 4),
        ("sidebar", "de", DocKind.Invoice, Delivery.TextPdf, 4),
        ("sidebar", "es", DocKind.Invoice, Delivery.TextPdf, 3),
        ("sidebar", "ja", DocKind.Invoice, Delivery.Png, 3),
        ("sidebar", "en", DocKind.Invoice, Delivery.Tiff, 4),
        ("grid", "nl", DocKind.Invoice, Delivery.TextPdf, 4),
        ("grid", "fr", DocKind.Invoice, Delivery.TextPdf, 5),
        ("grid", "zh", DocKind.Invoice, Delivery.TextPdf, 3),
        ("grid", "es", DocKind.Invoice, Delivery.Jpeg, 3),
        ("minimal", "en", DocKind.Invoice, Delivery.TextPdf, 2),
        ("minimal", "it", DocKind.Invoice, Delivery.TextPdf, 3),
        ("minimal", "ja", DocKind.Invoice, Delivery.TextPdf, 4),
        ("minimal", "de", DocKind.Invoice, Delivery.Png, 3),
        ("ledger", "en", DocKind.Invoice, Delivery.TextPdf, 46),
        ("ledger", "de", DocKind.Invoice, Delivery.TextPdf, 38),
        ("ledger", "zh", DocKind.Invoice, Delivery.TextPdf, 34),
        ("ledger", "nl", DocKind.Invoice, Delivery.ScanPdf, 30),
        ("packing", "en", DocKind.PackingList, Delivery.TextPdf, 4),
        ("packing", "de", DocKind.PackingList, Delivery.TextPdf, 5),
        ("packing", "ja", DocKind.PackingList, Delivery.TextPdf, 3),
        ("packing", "zh", DocKind.PackingList, Delivery.TextPdf, 4),
        ("packing", "fr", DocKind.PackingList, Delivery.TextPdf, 3),
        ("packing", "es", DocKind.PackingList, Delivery.Tiff, 3),
        ("packing", "en", DocKind.PackingList, Delivery.ScanPdf, 4),
        ("packing", "zh", DocKind.PackingList, Delivery.Jpeg, 3),
    ];

    public static List<DocSpec> Build(int seed)
    {
        var rnd = new Random(seed);
        var docs = new List<DocSpec>();
        var counters = new Dictionary<string, int>();
        foreach (var (layout, lang, kind, delivery, lineCount) in Plan)
        {
            var sellers = Sellers[lang];
            var seller = sellers[rnd.Next(sellers.Length)];
            var buyers = Buyers.Where(b => b.Country != seller.Country).ToArray();
            var buyer = buyers[rnd.Next(buyers.Length)];
            var terms = Terms[seller.Country];
            var (incoterm, place) = terms[rnd.Next(terms.Length)];
            var currency = CurrencyOf[lang];
            if (lang == "zh" && rnd.Next(3) == 0) currency = "CNY";
            var date = new DateOnly(2026, 1, 1).AddDays(rnd.Next(0, 320));
            var decimals = currency == "JPY" ? 0 : 2;
            var fx = currency switch { "JPY" => 150m, "CNY" => 7.2m, _ => 1m };

            var products = Products.OrderBy(_ => rnd.Next()).ToArray();
            var lines = new List<GoodsLine>();
            for (var i = 0; i < lineCount; i++)
            {
                var p = products[i % products.Length];
                var variant = i >= products.Length ? $" ({(char)('A' + i / products.Length - 1)})" : "";
                var (qty, price) = QuantityAndPrice(p, rnd, fx, decimals);
                var amount = Math.Round(qty * price, decimals, MidpointRounding.AwayFromZero);
                var net = Math.Round(qty * p.NetKgPerUnit, 1, MidpointRounding.AwayFromZero);
                if (net < 0.5m) net = 0.5m;
                var gross = Math.Round(net * 1.12m + 0.4m, 1, MidpointRounding.AwayFromZero);
                var packages = Math.Max(1, (int)Math.Ceiling(gross / 25m));
                var origin = rnd.Next(6) == 0 ? (seller.Country == "CN" ? "VN" : "CN") : seller.Country;
                lines.Add(new GoodsLine(i + 1, p, p.Names[lang] + variant, qty, p.Unit, price, amount, origin, net, gross, packages));
            }

            var prefix = seller.Name.Where(char.IsAsciiLetterUpper).Take(3).Aggregate("", (s, c) => s + c);
            if (prefix.Length < 2) prefix = seller.Country + "X";
            counters[prefix] = counters.GetValueOrDefault(prefix, 100 + rnd.Next(0, 400)) + 1 + rnd.Next(0, 7);
            var number = kind == DocKind.Invoice
                ? $"{prefix}-{date.Year}-{counters[prefix]:00000}"
                : $"{prefix}-{date.Year}-{counters[prefix]:00000}";
            var isInvoice = kind == DocKind.Invoice;
            var freight = isInvoice && incoterm is "CIF" or "CFR" or "CPT" or "CIP" or "DAP"
                ? Math.Round((rnd.Next(80, 900) + rnd.Next(0, 100) / 100m) * fx, decimals, MidpointRounding.AwayFromZero) : 0m;
            var insurance = isInvoice && incoterm is "CIF" or "CIP" ? Math.Round(freight * 0.1m, decimals, MidpointRounding.AwayFromZero) : 0m;
            // Export invoices are zero-rated; a few domestic-style layouts print a tax row anyway.
            var taxRate = isInvoice && layout is "grid" or "minimal" && rnd.Next(2) == 0 ? (lang == "ja" ? 0.10m : 0.19m) : 0m;

            var (dpi, skew) = delivery == Delivery.TextPdf ? (0, 0.0)
                : (new[] { 200, 240, 300 }[rnd.Next(3)], (rnd.Next(2) == 0 ? -1 : 1) * Math.Round(1.0 + rnd.NextDouble() * 3.0, 1));
            var name = $"{docs.Count + 1:00}-{layout}-{lang}-{(isInvoice ? "invoice" : "packing-list")}";
            docs.Add(new DocSpec
            {
                Name = name, Kind = kind, Layout = layout, Language = lang, Delivery = delivery, Number = number, Date = date,
                Currency = currency, Seller = seller, Buyer = buyer, Incoterm = incoterm, IncotermPlace = place,
                OriginCountry = seller.Country, DestinationCountry = buyer.Country, Lines = lines, Freight = freight,
                Insurance = insurance, TaxRate = taxRate, Dpi = dpi, SkewDegrees = skew, NoiseSeed = rnd.Next(),
            });
        }
        return docs;
    }

    /// <summary>A goods line's quantity (by unit: kilograms with halves, metres by 50, pieces) and unit price (the product's, in the currency, +/- 10%).</summary>
    public static (decimal Quantity, decimal Price) QuantityAndPrice(Product p, Random rnd, decimal fx, int decimals)
    {
        decimal qty = p.Unit switch
        {
            "KGM" => rnd.Next(40, 600) + (rnd.Next(2) == 0 ? 0.5m : 0m),
            "MTR" => rnd.Next(2, 30) * 50,
            _ => rnd.Next(1, 60) * (p.UnitPrice < 5 ? 25 : 1),
        };
        var price = Math.Round(p.UnitPrice * fx * (0.9m + rnd.Next(0, 21) / 100m), decimals, MidpointRounding.AwayFromZero);
        return (qty, price);
    }
}
