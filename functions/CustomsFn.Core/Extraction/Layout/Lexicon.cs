using System.Collections.Frozen;

namespace CustomsFn.Core.Extraction.Layout;

/// <summary>
/// The label dictionaries: header fields, party blocks and table columns in English, German, French, Spanish, Italian,
/// Dutch, Japanese and Simplified Chinese. Matching is on folded text (<see cref="TextNormalizer.Fold"/>), longest label first.
/// </summary>
public static class Lexicon
{
    public const string Seller = "seller";
    public const string Buyer = "buyer";

    // Column targets (goods table).
    public const string ColPosition = "position";
    public const string ColUnit = "unit";
    public const string ColItemCode = "itemCode";
    public const string ColTaxRate = "taxRate";
    public const string ColDiscount = "discount";
    public const string ColGtin = "gtin";
    public const string ColBuyerCode = "buyerCode";

    private static readonly (LabelKind Kind, string Target, string Lang, string Labels, bool Generic)[] Table =
    [
        // ---- document identity
        (LabelKind.Field, FieldNames.InvoiceNumber, "en", "invoice no|invoice no.|invoice number|invoice #|invoice nr|invoice num|inv no|inv. no|invoice id|invoice|commercial invoice no|credit note no|credit note number|document no|document number|bill no|bill number|receipt no|receipt number|booking id|booking no", false),
        (LabelKind.Field, FieldNames.InvoiceNumber, "de", "rechnungsnummer|rechnungs-nr|rechnung nr|rechnung-nr|rechnungsnr|rechnung|re-nr|beleg-nr|belegnummer|gutschrift nr|gutschriftsnummer", false),
        (LabelKind.Field, FieldNames.InvoiceNumber, "fr", "numero de facture|n° de facture|no de facture|facture n°|facture no|facture n|facture numero|n° facture|numero facture|facture|n° d'avoir|avoir n°", false),
        (LabelKind.Field, FieldNames.InvoiceNumber, "es", "numero de factura|n° de factura|no de factura|factura n°|factura no|factura nº|nº de factura|n.º de factura|factura", false),
        (LabelKind.Field, FieldNames.InvoiceNumber, "it", "numero fattura|numero della fattura|n. fattura|fattura n|fattura n.|fattura nr|fattura numero|fattura", false),
        (LabelKind.Field, FieldNames.InvoiceNumber, "nl", "factuurnummer|factuur nr|factuurnr|factuur nummer|factuur", false),
        (LabelKind.Field, FieldNames.InvoiceNumber, "ja", "請求書番号|請求番号|インボイス番号|送り状番号|伝票番号|請求書no|invoice no|請求書", false),
        (LabelKind.Field, FieldNames.InvoiceNumber, "zh", "发票号码|发票号|发票编号|单据号码|发票no|发票", false),

        (LabelKind.Field, FieldNames.IssueDate, "en", "invoice date|date of invoice|date of issue|issue date|issued|billing date|bill date|invoice date/tax point|date", false),
        (LabelKind.Field, FieldNames.IssueDate, "de", "rechnungsdatum|datum der rechnung|ausstellungsdatum|belegdatum|datum", false),
        (LabelKind.Field, FieldNames.IssueDate, "fr", "date de facture|date de facturation|date d'emission|date de la facture|date", false),
        (LabelKind.Field, FieldNames.IssueDate, "es", "fecha de factura|fecha de emision|fecha factura|fecha", false),
        (LabelKind.Field, FieldNames.IssueDate, "it", "data fattura|data della fattura|data di emissione|data documento|data", false),
        (LabelKind.Field, FieldNames.IssueDate, "nl", "factuurdatum|datum factuur|datum", false),
        (LabelKind.Field, FieldNames.IssueDate, "ja", "請求日|発行日|請求書発行日|日付|作成日", false),
        (LabelKind.Field, FieldNames.IssueDate, "zh", "开票日期|发票日期|日期", false),

        (LabelKind.Field, FieldNames.DueDate, "en", "due date|payment due|payment due date|date due|due by|pay by|payment date|payment deadline|due on", false),
        (LabelKind.Field, FieldNames.DueDate, "de", "falligkeitsdatum|fallig am|falligkeit|zahlbar bis|zahlbar bis zum|zahlungsziel|zahlungsdatum", false),
        (LabelKind.Field, FieldNames.DueDate, "fr", "date d'echeance|echeance|date limite de paiement|date limite de reglement|date limite|a payer avant le|date de paiement", false),
        (LabelKind.Field, FieldNames.DueDate, "es", "fecha de vencimiento|vencimiento|fecha limite de pago|fecha limite|fecha de pago", false),
        (LabelKind.Field, FieldNames.DueDate, "it", "data di scadenza|data scadenza|scadenza|pagamento entro|data di pagamento", false),
        (LabelKind.Field, FieldNames.DueDate, "nl", "vervaldatum|uiterste betaaldatum|betalen voor|betaaldatum", false),
        (LabelKind.Field, FieldNames.DueDate, "ja", "支払期限|お支払期限|支払期日|お支払期日|振込期限|お振込期限", false),
        (LabelKind.Field, FieldNames.DueDate, "zh", "付款期限|付款日期|到期日|到期日期", false),

        (LabelKind.Field, FieldNames.Currency, "en", "currency|invoice currency", false),
        (LabelKind.Field, FieldNames.Currency, "de", "wahrung|rechnungswahrung", false),
        (LabelKind.Field, FieldNames.Currency, "fr", "devise|monnaie", false),
        (LabelKind.Field, FieldNames.Currency, "es", "moneda|divisa", false),
        (LabelKind.Field, FieldNames.Currency, "it", "valuta|divisa", false),
        (LabelKind.Field, FieldNames.Currency, "nl", "valuta|munteenheid", false),
        (LabelKind.Field, FieldNames.Currency, "ja", "通貨", false),
        (LabelKind.Field, FieldNames.Currency, "zh", "币种|币别|货币", false),

        // ---- parties
        (LabelKind.Party, Seller, "en", "seller|exporter|shipper|consignor|vendor|supplier|sold by|from|exporter/seller|seller/exporter|shipper/exporter|manufacturer", false),
        (LabelKind.Party, Seller, "de", "verkaufer|exporteur|absender|lieferant|versender|ausfuhrer|rechnungssteller|rechnungsersteller", false),
        (LabelKind.Party, Seller, "fr", "vendeur|exportateur|expediteur|fournisseur", false),
        (LabelKind.Party, Seller, "es", "vendedor|exportador|remitente|proveedor|expedidor", false),
        (LabelKind.Party, Seller, "it", "venditore|esportatore|mittente|fornitore|cedente", false),
        (LabelKind.Party, Seller, "nl", "verkoper|exporteur|afzender|leverancier", false),
        (LabelKind.Party, Seller, "ja", "売主|輸出者|販売者|発行者|荷送人|出荷者|請求元", false),
        (LabelKind.Party, Seller, "zh", "卖方|出口商|发货人|销售方|出口方|卖家", false),
        (LabelKind.Party, Buyer, "en", "buyer|importer|consignee|sold to|bill to|billed to|invoice to|customer|ship to|importer/buyer|buyer/importer|consignee/importer", false),
        (LabelKind.Party, Buyer, "de", "kaufer|importeur|empfanger|kunde|rechnungsempfanger|warenempfanger|einfuhrer", false),
        (LabelKind.Party, Buyer, "fr", "acheteur|importateur|destinataire|client|facture a", false),
        (LabelKind.Party, Buyer, "es", "comprador|importador|destinatario|cliente|consignatario", false),
        (LabelKind.Party, Buyer, "it", "acquirente|importatore|destinatario|cliente|cessionario", false),
        (LabelKind.Party, Buyer, "nl", "koper|importeur|ontvanger|klant|geadresseerde", false),
        (LabelKind.Party, Buyer, "ja", "買主|輸入者|荷受人|購入者|請求先|お客様", false),
        (LabelKind.Party, Buyer, "zh", "买方|进口商|收货人|购买方|进口方|买家", false),

        (LabelKind.Field, FieldNames.SellerTaxId, "*", "seller vat|seller vat no|exporter vat|vat no|vat number|vat reg no|vat id|tax id|ust-idnr|ust-id|ust-id-nr|ust.-idnr|steuernummer|n° tva|numero de tva|tva intracommunautaire|nif|cif|partita iva|p.iva|p. iva|btw-nummer|btw nr|eori|eori no|法人番号|登録番号|纳税人识别号|税号", false),

        // ---- delivery
        (LabelKind.Field, FieldNames.Incoterm, "*", "incoterm|incoterms|incoterms 2020|terms of delivery|delivery terms|trade terms|lieferbedingungen|lieferbedingung|conditions de livraison|incoterm 2020|condiciones de entrega|condizioni di consegna|resa|leveringsvoorwaarden|貿易条件|建値|インコタームズ|价格条款|贸易条款|交货条件|贸易术语|国际贸易术语|成交方式", false),
        (LabelKind.Field, FieldNames.OriginCountry, "*", "country of origin|origin|made in|origin of goods|ursprungsland|ursprung|pays d'origine|origine|pais de origen|origen|paese di origine|land van oorsprong|oorsprong|原産国|原産地|原产国|原产地", false),
        (LabelKind.Field, FieldNames.DestinationCountry, "*", "country of destination|destination country|destination|final destination|bestimmungsland|pays de destination|pais de destino|paese di destinazione|land van bestemming|仕向国|仕向地|目的国|目的地", false),

        // ---- totals (most specific first by length)
        (LabelKind.Field, FieldNames.TotalAmount, "en", "total|grand total|total amount|invoice total|total due|amount due|balance due|total payable|total invoice value|total value|total incl. vat|total including vat|total incl vat|total (incl. vat)|total amount due|total to pay|amount payable|total invoice amount|total inc vat|total (usd)|total (eur)|totaal|net to pay", false),
        (LabelKind.Field, FieldNames.TotalAmount, "de", "gesamtbetrag|rechnungsbetrag|endbetrag|gesamtsumme|summe|gesamt|zu zahlen|zahlbetrag|bruttobetrag|gesamt brutto|rechnungssumme|gesamtbetrag brutto|total|rechnungssumme brutto|rechnungsbetrag brutto|gesamtsumme brutto|bruttosumme", false),
        (LabelKind.Field, FieldNames.TotalAmount, "fr", "total ttc|montant total|net a payer|total a payer|montant ttc|total general|total facture|montant a payer|total", false),
        (LabelKind.Field, FieldNames.TotalAmount, "es", "importe total|total factura|total a pagar|total general|total", false),
        (LabelKind.Field, FieldNames.TotalAmount, "it", "totale|totale fattura|totale documento|importo totale|totale da pagare|netto a pagare", false),
        (LabelKind.Field, FieldNames.TotalAmount, "nl", "totaal|totaalbedrag|te betalen|totaal incl. btw|totaal te betalen|factuurbedrag|totaal incl btw", false),
        (LabelKind.Field, FieldNames.TotalAmount, "ja", "合計|合計金額|総額|ご請求金額|請求金額|総合計|税込合計|請求額", false),
        (LabelKind.Field, FieldNames.TotalAmount, "zh", "总计|合计|总金额|价税合计|总额|金额合计|发票总额", false),

        (LabelKind.Field, FieldNames.LineTotal, "en", "subtotal|sub-total|sub total|net total|total net|net amount|goods value|total goods value|total excl. vat|total excluding vat|total excl vat|total (excl. vat)|total before tax|total ex vat|amount untaxed|untaxed amount|total goods", false),
        (LabelKind.Field, FieldNames.LineTotal, "de", "zwischensumme|nettobetrag|summe netto|gesamt netto|nettosumme|warenwert|gesamtbetrag netto|summe positionen|netto|rechnungssumme netto|rechnungsbetrag netto|gesamtsumme netto|summe der positionen|positionssumme|warenwert netto", false),
        (LabelKind.Field, FieldNames.LineTotal, "fr", "sous-total|sous total|total ht|montant ht|total hors taxes|valeur des marchandises", false),
        (LabelKind.Field, FieldNames.LineTotal, "es", "subtotal|base imponible|importe neto|total neto|valor mercancia", false),
        (LabelKind.Field, FieldNames.LineTotal, "it", "subtotale|imponibile|totale imponibile|totale merce|totale netto", false),
        (LabelKind.Field, FieldNames.LineTotal, "nl", "subtotaal|totaal excl. btw|totaal excl btw|netto bedrag|totaal exclusief btw", false),
        (LabelKind.Field, FieldNames.LineTotal, "ja", "小計|税抜合計|商品合計|税抜金額", false),
        (LabelKind.Field, FieldNames.LineTotal, "zh", "小计|货物总值|不含税金额|金额小计", false),

        (LabelKind.Field, FieldNames.TaxAmount, "*", "vat|tax|sales tax|vat amount|tax amount|total vat|total tax|gst|igst|mwst|mwst.|ust|umsatzsteuer|mehrwertsteuer|tva|montant tva|total tva|iva|importe iva|imposta|totale iva|btw|btw bedrag|消費税|消費税額|税額|税额|增值税|税金", false),
        (LabelKind.Field, FieldNames.FreightAmount, "*", "freight|nolo|porto|freight charges|shipping|shipping cost|shipping costs|shipping & handling|transport|transport costs|fracht|frachtkosten|versandkosten|versand|fret|frais de port|frais de transport|flete|gastos de envio|trasporto|spese di trasporto|vracht|verzendkosten|運賃|送料|运费", false),
        (LabelKind.Field, FieldNames.InsuranceAmount, "*", "insurance|insurance premium|versicherung|assurance|seguro|assicurazione|verzekering|保険料|保険|保险费|保险", false),

        // ---- measures
        (LabelKind.Field, FieldNames.GrossWeightKg, "*", "gross weight|total gross weight|g.w.|gw|gross wt|bruttogewicht|gesamtbruttogewicht|poids brut|peso bruto|peso lordo|brutogewicht|総重量|グロス重量|毛重|总毛重", false),
        (LabelKind.Field, FieldNames.NetWeightKg, "*", "net weight|total net weight|n.w.|nw|net wt|nettogewicht|gesamtnettogewicht|poids net|peso neto|peso netto|nettogewicht|正味重量|純重量|ネット重量|净重|总净重", false),
        (LabelKind.Field, FieldNames.PackageCount, "*", "packages|number of packages|no. of packages|total packages|cartons|total cartons|packstucke|anzahl packstucke|colis|nombre de colis|bultos|numero de bultos|colli|numero colli|colli totali|aantal colli|個数|梱包数|梱包数合計|総個数|件数|箱数|总件数", false),

        // ---- more of the labels invoices print, in the eight languages: each was missing when the lexicon was checked against
        // the synonyms the layout-family generator draws from (so the held-out families are not blind for label words).
        // Left out as too ambiguous alone: "Suma", "Taxe", "Impuesto", "Transporte", "Levering" ("客户" is a heading alone only).
        (LabelKind.Field, FieldNames.InvoiceNumber, "*", "inv. #|inv #|re.-nr.|re.-nr|ref. facture|factura n.º|nº factura|no factura|documento n.|documentnr.|单据号", false),
        (LabelKind.Field, FieldNames.InvoiceNumber, "*", "credit memo #|credit memo no|numéro d'avoir|n° d'avoir|nota de crédito n.º|nº rectificativa|número de abono|nota di credito n.|n. nota credito|numero documento|creditnota nr.|creditnotanummer|creditfactuurnr.|クレジットノート番号|貸方票番号|贷项通知单号|红字发票号", false),
        (LabelKind.Field, FieldNames.IssueDate, "*", "émise le|data emissione|documentdatum|签发日期", false),
        (LabelKind.Field, FieldNames.Currency, "*", "curr.|whg.|devise de facturation|moneda de factura|valuta fattura|factuurvaluta|決済通貨|通貨単位|结算币种", false),
        (LabelKind.Field, FieldNames.SellerTaxId, "*", "vat reg. no.|ustidnr.|umsatzsteuer-id|n° tva intracom.|nif-iva|btw-nr.|btw-id|適格請求書発行事業者登録番号|登録番号|统一社会信用代码", false),
        (LabelKind.Field, FieldNames.Incoterm, "*", "lieferkondition|resa merce|leveringsconditie", false),
        (LabelKind.Field, FieldNames.OriginCountry, "*", "warenursprung|ursprung der waren|origine des marchandises|origen de la mercancía|origine merce|oorsprong goederen|原産国名|货物原产国", false),
        (LabelKind.Field, FieldNames.DestinationCountry, "*", "zielland|empfangsland|destination finale|destino|destino final|destinazione|destinazione finale|bestemming|eindbestemming|最終仕向国|最终目的国", false),
        (LabelKind.Field, FieldNames.LineTotal, "*", "valeur marchandises|total marchandises|valore merce|totaal goederen|goederenwaarde|货物合计|货值合计", false),
        (LabelKind.Field, FieldNames.TaxAmount, "*", "t.v.a.|i.v.a.|omzetbelasting|消費税等|税费", false),
        (LabelKind.Field, FieldNames.FreightAmount, "*", "portes|vrachtkosten|transportkosten|輸送費|运输费|海运费", false),
        (LabelKind.Field, FieldNames.InsuranceAmount, "*", "transportversicherung|prime d'assurance|prima de seguro|premio assicurativo|verzekeringspremie|貨物保険料|货运保险费", false),
        (LabelKind.Field, FieldNames.TotalAmount, "*", "factuurtotaal", false),
        (LabelKind.Field, FieldNames.GrossWeightKg, "*", "g.w. (kg)|brutto gesamt (kg)|poids brut total kg|pb total (kg)|peso bruto total kg|p. bruto total (kg)|peso lordo totale kg|p. lordo tot. (kg)|totaal brutogewicht kg|bruto totaal (kg)|総重量合計kg|毛重合计（公斤）", false),
        (LabelKind.Field, FieldNames.NetWeightKg, "*", "n.w. (kg)|netto gesamt (kg)|poids net total kg|pn total (kg)|peso neto total kg|p. neto total (kg)|peso netto totale kg|p. netto tot. (kg)|totaal nettogewicht kg|netto totaal (kg)|正味重量合計kg|净重合计（公斤）", false),
        (LabelKind.Field, FieldNames.PackageCount, "*", "packstücke gesamt|kolli gesamt|total colis|total bultos|totale colli|totaal colli|総梱包数|総個口数|件数合计|总箱数", false),
        (LabelKind.Party, Buyer, "*", "rechnungsadresse|adresse de facturation|facturar a|intestatario|factuuradres|afnemer|宛先", false),
        (LabelKind.Party, Seller, "*", "発行元", false),
        // A heading alone only (see AloneOnly): "客户编号", "客户名称" start other lines.
        (LabelKind.Party, Buyer, "zh", "客户", false),

        // ---- declarations
        (LabelKind.Field, FieldNames.DeclarationNumber, "*", "declaration no|declaration number|mrn|registration number|anmeldenummer|numero de declaration|numero de declaracion|numero dichiarazione|aangiftenummer|申告番号|报关单号|报关单编号", false),
        (LabelKind.Field, FieldNames.CustomsProcedure, "*", "procedure|customs procedure|procedure code|cpc|verfahren|verfahrenscode|regime|regime douanier|regimen aduanero|regime doganale|通関手続|监管方式", false),
        (LabelKind.Field, FieldNames.DeclarationType, "*", "declaration type|type of declaration|anmeldungsart|type de declaration|tipo de declaracion|申告種別|报关类型", false),

        // ---- table columns
        (LabelKind.Column, FieldNames.Description, "*", "description|description of goods|goods description|item description|product|products|article|item|designation|details|beschreibung|bezeichnung|artikel|artikelbezeichnung|warenbezeichnung|leistung|produkt|description des marchandises|designation des marchandises|libelle|produit|descripcion|descripcion de la mercancia|articulo|producto|concepto|descrizione|descrizione merce|articolo|prodotto|omschrijving|artikel omschrijving|product omschrijving|品名|品目|商品名|内容|摘要|明細|货物名称|品名规格|商品名称|货物描述|名称|artikelbeschreibung|leistungsbeschreibung|produktbeschreibung|description of goods / services|item name|product name|product description", false),
        (LabelKind.Column, FieldNames.Quantity, "*", "qty|quantity|qty.|quantities|units|menge|anzahl|anz.|stk|stuck|quantite|qte|qte.|cantidad|cant.|quantita|q.ta|qta|aantal|数量|個数", false),
        (LabelKind.Column, FieldNames.UnitPrice, "*", "unit price|price|price/unit|unit cost|rate|price per unit|unit value|einzelpreis|preis|stuckpreis|e-preis|ep|prix unitaire|prix unit.|prix|p.u.|precio unitario|precio|precio unit.|prezzo unitario|prezzo|prezzo unit.|stuksprijs|prijs|eenheidsprijs|prijs per stuk|単価|单价|nettopreis|net price|preis/einheit|preis / einheit|price each|unit rate|rate/unit", false),
        (LabelKind.Column, FieldNames.Amount, "*", "amount|total|line total|value|total price|net amount|amount (usd)|amount (eur)|subtotal|betrag|gesamtpreis|gesamt|summe|wert|nettobetrag|montant|montant ht|total ht|prix total|valeur|importe|total linea|valor|importo|totale|valore|bedrag|totaal|waarde|金額|合計|小計|金额|总价|合计|总金额|价值|nettowert|entgelt|net value|line amount|extended price|ext. price|extension|gesamtbetrag|positionsbetrag", false),
        (LabelKind.Column, FieldNames.HsCode, "*", "hs code|hs|hs no|zolltarifnr|zolltarif-nr|tarifnr|tarif-nr|codice sa|codice nc|codigo sa|gs-code|gs code|code sh|hs-nr|hs nr|hs-code|hs code no|hscode|hts|hts code|tariff no|tariff no.|tariff code|tariff number|commodity code|customs tariff|customs tariff no|zolltarifnummer|warentarifnummer|zolltarif|tarifnummer|code sh|nomenclature|code douanier|codigo hs|codigo arancelario|partida arancelaria|codice doganale|voce doganale|codice hs|goederencode|gn-code|hs-code nr|税番|hsコード|統計番号|hs编码|海关编码|商品编码|税则号|htsus|htsus no|htsus no.|htsus code|hts no|hts no.|hts number|harmonized code|harmonised code|harmonized tariff code|hs tariff no|tariff code no|commodity code no|commodity no|cn code|kn-code|taric|taric code|code nc|nc code|統計品目番号|統計品目|hsコード番号|hs番号|hs编号|商品编号", false),
        (LabelKind.Column, ColUnit, "*", "unit|uom|u/m|einheit|me|unite|unidad|unita|u.m.|eenheid|単位|单位", false),
        (LabelKind.Column, FieldNames.OriginCountry, "*", "origin|country of origin|coo|made in|ursprung|ursprungsland|origine|pays d'origine|origen|pais de origen|paese di origine|oorsprong|land van oorsprong|原産国|原产国|原产地", false),
        (LabelKind.Column, FieldNames.NetWeightKg, "*", "net|netto|net kg|neto|poids net|正味|净重|正味重量kg|net weight|net weight (kg)|net wt|n.w.|nettogewicht|poids net|peso neto|peso netto|正味重量|净重", false),
        (LabelKind.Column, FieldNames.GrossWeightKg, "*", "gross|gross weight|brutto|bruttogewicht|brut|poids brut|bruto|peso bruto|lordo|peso lordo|総重量|毛重", false),
        (LabelKind.Column, FieldNames.PackageCount, "*", "packages|pkgs|cartons|ctns|packstucke|colli|colis|bultos|paquetes|個数|梱包数|件数|箱数", false),
        (LabelKind.Column, ColPosition, "*", "pos|pos.|no|no.|#|n|n.|n.o|n°|nº|item no|line|nr|nr.|n°|position|lfd. nr|番号|no|序号|項番", false),
        (LabelKind.Column, ColItemCode, "*", "code|item code|article no|art. no|art.-nr|artikelnummer|art.nr|sku|part no|part number|ref|reference|reference article|referencia|codice|codice articolo|artikelnr|品番|型番|货号|型号|art-nr-lieferant|art.-nr.|art.-nr|art-nr|artikel-nr|artikel-nr.|product code|product no|product id|item number|item id|article number|material no|material number|part #|sku no|ref.|code article|codigo|codigo articulo|artikelcode|productcode|商品コード|品目コード|产品编码|物料编码", false),
        // Columns read by nobody but named so that their numbers are never a quantity, price or amount.
        (LabelKind.Column, ColDiscount, "*", "discount|discount %|disc %|disc.|disc. %|rabatt|rabatt %|nachlass|remise|remise %|descuento|dto|dto.|dto %|sconto|sconto %|korting|korting %|割引|折扣|折扣率", false),
        (LabelKind.Column, ColGtin, "*", "gtin|ean|ean code|gtin/ean|ean/gtin|upc|barcode|jan|janコード", false),
        (LabelKind.Column, ColBuyerCode, "*", "art-nr-kunde|kunden-art-nr|ihre art.nr|ihre art.-nr|customer part no|customer item no|buyer item no|your ref|your item no", false),
        (LabelKind.Column, ColTaxRate, "*", "vat %|vat rate|tax %|tax rate|taxes|tax|mwst %|mwst.|mwst-%|mwst-satz|ust.-satz|steuersatz|ust %|tva %|taux tva|iva %|btw %|btw|税率", false),
        // Column labels checked against the layout-family generator's column pools like the field labels above (the held-out
        // families are not blind for them). Left out as ambiguous alone: "#", "Item", "Artikel", "Articolo", "Units", "数",
        // "単", "单", "入数", "件数量", "小计"; and words that also start header or totals lines ("Goods value", "País de origen"):
        // "Goods", "Pays", "País", "Paese", "Land", "原産地".
        (LabelKind.Column, ColPosition, "*", "ligne|línea|riga|regel|項|行号", false),
        (LabelKind.Column, FieldNames.Description, "*", "descrizione della merce|denominazione|omschrijving goederen|benaming", false),
        (LabelKind.Column, FieldNames.HsCode, "*", "warennummer|sh|cód. arancel|nomenclatura|関税番号", false),
        (LabelKind.Column, FieldNames.OriginCountry, "*", "ctry|urspr.|ul|orig.|oorspr.|原産|产地", false),
        (LabelKind.Column, FieldNames.Quantity, "*", "uds.|aant.|hoeveelheid", false),
        (LabelKind.Column, ColUnit, "*", "einh.|u.|un.|ud.|um|eenh.|ehd|単位名|计量单位", false),
        (LabelKind.Column, FieldNames.UnitPrice, "*", "p. unit.|pr. unit.|prijs per eenheid|stukprijs|価格|价格", false),
        (LabelKind.Column, ColDiscount, "*", "rab.|nachlass %|rem.|dto. %|sc.|kort.|値引%|割引率|値引|折扣%|折让%", false),
        (LabelKind.Column, FieldNames.Amount, "*", "importe neto|imponibile|regeltotaal|合計金額|価額|货值", false),
        (LabelKind.Column, FieldNames.PackageCount, "*", "kolli|anz. pakete|nb colis|cajas|nº bultos|n. colli|cartoni|dozen|aantal colli|個口|ケース数|包装件数", false),
        (LabelKind.Column, FieldNames.NetWeightKg, "*", "n.w. kg|nettogew. kg|pn kg|p. neto kg|p. netto kg|純重量kg|n.w.kg", false),
        (LabelKind.Column, FieldNames.GrossWeightKg, "*", "gross wt (kg)|g.w. kg|bruttogew. kg|pb kg|p. bruto kg|p. lordo kg|brutogew. kg|g.w.kg|グロス重量kg", false),
    ];

    /// <summary>
    /// Column labels too ambiguous alone ("数", "Land", "Goods" also start header, totals or address lines): they name a
    /// column only in a line that other labels already make a goods-table header.
    /// </summary>
    private static readonly FrozenDictionary<string, string> WeakColumns = new (string Target, string Labels)[]
    {
        (FieldNames.Quantity, "数|入数|件数量|units"),
        (ColUnit, "単|单"),
        (FieldNames.Description, "goods|waren|marchandises|mercancia|merce|goederen|货物|貨物"),
        (FieldNames.OriginCountry, "country|pays|pais|paese|land|原産地"),
    }.SelectMany(x => x.Labels.Split('|').Select(l => (Folded: TextNormalizer.Fold(l), x.Target)))
     .ToFrozenDictionary(x => x.Folded, x => x.Target, StringComparer.Ordinal);

    /// <summary>
    /// Labels that are labels only standing alone (or before a colon), never as the start of a longer text: "客户" heads the
    /// buyer's block, "客户编号" is the customer number.
    /// </summary>
    private static readonly FrozenSet<string> AloneOnly = new[] { "客户" }.Select(TextNormalizer.Fold).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The column a weak label names (<see cref="WeakColumns"/>), or null.</summary>
    public static string? WeakColumn(string folded) => WeakColumns.GetValueOrDefault(TextNormalizer.JoinCjk(folded.TrimEnd(':', '.', ' ')));

    public static IReadOnlyList<Label> All { get; } = Build();

    /// <summary>Folded label text -> labels, for exact lookups.</summary>
    private static readonly FrozenDictionary<string, Label[]> ByText = All.GroupBy(l => l.Text).ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);

    private static List<Label> Build()
    {
        var list = new List<Label>();
        foreach (var (kind, target, lang, labels, generic) in Table)
        {
            foreach (var raw in labels.Split('|'))
            {
                var folded = TextNormalizer.Fold(raw);
                if (folded.Length == 0) continue;
                list.Add(new Label(kind, target, lang, folded) { Generic = generic });
            }
        }
        return list;
    }

    /// <summary>
    /// Labels for a folded label text, trying its variants: as written; without parentheses ("total (eur)",
    /// "net weight (kg)", "resa (incoterms 2020)"); and each part of a bilingual or double label ("seller / exporter",
    /// "売主/輸出者"). Quality is 1 for the text as written, a little less for a variant.
    /// </summary>
    public static IEnumerable<(Label Label, double Quality)> Lookup(string folded, LabelKind kind)
    {
        var seen = new HashSet<Label>();
        foreach (var (variant, q) in Variants(folded))
            foreach (var l in Exact(variant))
                if (l.Kind == kind && seen.Add(l)) yield return (l, q);
        // "Seller / Exporter", "売主/輸出者": every part must itself be a label of this kind.
        var noParen = StripParentheses(folded);
        if (!noParen.Contains('/', StringComparison.Ordinal)) yield break;
        var parts = noParen.Split('/', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length < 2 || !parts.All(p => Exact(p).Any(l => l.Kind == kind))) yield break;
        foreach (var part in parts)
            foreach (var l in Exact(part))
                if (l.Kind == kind && seen.Add(l)) yield return (l, 0.97);
    }

    private static string? Parenthesised(string folded)
    {
        var open = folded.IndexOf('(', StringComparison.Ordinal);
        var close = folded.IndexOf(')', open + 1);
        // The parenthesis must end the label: "Lieferbedingung (Incoterms 2020): FOB Hamburg" is a label and its value.
        if (open < 0 || close < 0 || folded[(close + 1)..].Trim().Length > 0) return null;
        var inner = new string(folded[(open + 1)..close].Where(c => !char.IsAsciiDigit(c)).ToArray()).Trim();
        return TextNormalizer.JoinCjk(inner);
    }

    private static string StripParentheses(string folded)
    {
        if (!folded.Contains('(', StringComparison.Ordinal)) return folded.TrimEnd(':', ' ');
        var noParen = System.Text.RegularExpressions.Regex.Replace(folded, @"\([^)]*\)", " ").Trim();
        return string.Join(' ', noParen.Split(' ', StringSplitOptions.RemoveEmptyEntries)).TrimEnd(':', ' ');
    }

    private static IEnumerable<(string, double)> Variants(string folded)
    {
        yield return (folded, 1.0);
        var noParen = StripParentheses(folded);
        if (noParen.Length > 0 && noParen != folded) yield return (noParen, 0.98);
        // "Lieferbedingung (Incoterms 2020)", "貿易条件（インコタームズ2020）" with the part before the parenthesis misread:
        // the parenthesis names the field too. Tried only when what stands before it is no label.
        if (noParen != folded && Exact(noParen).Count == 0 && Parenthesised(folded) is { Length: >= 3 } inner) yield return (inner, 0.9);
        // Units glued to a column header: "net kg", "净重kg", "amount eur".
        foreach (var unit in new[] { " kg", "kg", " eur", " usd", " (kg)" })
            if (noParen.EndsWith(unit, StringComparison.Ordinal) && noParen.Length > unit.Length) yield return (noParen[..^unit.Length].Trim(), 0.95);
    }

    /// <summary>The labels whose folded text is exactly <paramref name="folded"/>.</summary>
    public static IReadOnlyList<Label> Exact(string folded) => ByText.TryGetValue(folded, out var l) ? l : [];

    private static readonly FrozenDictionary<char, Label[]> ByFirstChar = All.GroupBy(l => l.Text[0]).ToFrozenDictionary(g => g.Key, g => g.ToArray());

    /// <summary>
    /// The labels of the given kind that start <paramref name="folded"/> at a word boundary, longest first. A text that starts
    /// with a due-date label ("Date limite de paiement le 05 Juillet", "Due date 01.04.") is not also the issue date's
    /// generic "Date".
    /// </summary>
    public static IEnumerable<Label> Prefixes(string folded, LabelKind kind)
    {
        var found = (folded.Length > 0 && ByFirstChar.TryGetValue(folded[0], out var candidates) ? candidates : [])
            .Where(l => l.Kind == kind && !AloneOnly.Contains(l.Text) && folded.StartsWith(l.Text, StringComparison.Ordinal) &&
                        (folded.Length == l.Text.Length || !char.IsLetterOrDigit(folded[l.Text.Length]) || TextNormalizer.IsCjk(l.Text[^1])))
            .OrderByDescending(l => l.Text.Length)
            .ToList();
        if (found.Count > 1 && found[0].Target == FieldNames.DueDate) found.RemoveAll(l => l.Target == FieldNames.IssueDate);
        return found;
    }
}
