namespace CustomsFn.Core.Extraction.Layout.Candidates;

/// <summary>
/// Keyword groups the candidate features look for on a line (folded tokens, eight languages where the words exist):
/// hand-written knowledge kept as features, the model weighs them.
/// </summary>
public static class Keywords
{
    private static HashSet<string> Of(string words) => new(words.Split(' ', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);

    /// <summary>Payment and change lines of a receipt: the amount tendered is not the total.</summary>
    public static readonly IReadOnlySet<string> Payment = Of("cash tendered tender paid payment card visa master mastercard credit debit change bar gegeben ruckgeld rendu especes efectivo cambio contanti resto contant wisselgeld pin お釣り 現金 找零 现金");

    public static readonly IReadOnlySet<string> Change = Of("change ruckgeld rendu cambio resto wisselgeld お釣り 找零");

    public static readonly IReadOnlySet<string> Rounding = Of("rounding round adj adjustment rundung arrondi redondeo arrotondamento afronding");

    /// <summary>Counts, never amounts: "Total Pcs.: 2", "Total Qty 5".</summary>
    public static readonly IReadOnlySet<string> Quantity = Of("qty quantity pcs pc items item units count menge anzahl stk stuck quantite qte cantidad uds quantita qta aantal 数量 件数 個数 箱数");

    public static readonly IReadOnlySet<string> Discount = Of("discount disc rabatt nachlass remise descuento sconto korting 割引 值引 折扣");

    /// <summary>Words of the amount to pay: "grand total", "amount due", "net to pay".</summary>
    public static readonly IReadOnlySet<string> Payable = Of("grand due payable balance nett incl inclusive including zahlen zahlbetrag brutto payer ttc pagar pagare betalen 請求 合計 总计 价税合计");

    public static readonly IReadOnlySet<string> TotalWord = Of("total totals amount sum totale totaal gesamt summe gesamtbetrag montant importe importo bedrag 合計 总计 合计");

    public static readonly IReadOnlySet<string> Currency = Of("rm usd eur gbp chf jpy cny sgd myr aud cad inr");

    /// <summary>
    /// Other dates than the issue date: due, payment deadline ("date limite de paiement", "zahlbar bis"), direct debit
    /// ("prélèvement à partir du", "Lastschrift am"), delivery, order, validity.
    /// </summary>
    public static readonly IReadOnlySet<string> OtherDate = Of("due delivery ship shipment shipping order expiry expires valid until period from to faellig fallig lieferdatum lieferung bestelldatum echeance livraison commande vencimiento entrega pedido scadenza consegna ordine vervaldatum levering bestelling 納期 期限 到期 交货 " +
        "payment limite paiement zahlbar zahlungsziel pago pagamento betaling uiterlijk prelevement lastschrift abbuchung einzug addebito incasso cargo debit");

    /// <summary>A line that is a contact, a registration or a tax number: the end of a letterhead address.</summary>
    public static readonly IReadOnlySet<string> Contact = Of("tel phone fax email mail web www http telefon telephone telefono mob hp gst gstin reg registration vat tax id ust tva iva btw nif cif company co no sst 電話 电话");

    public static readonly IReadOnlySet<string> Street = Of("jalan jln street st road rd avenue ave lane lorong taman lot no blok block floor level suite unit strasse str platz weg rue avenue boulevard calle avenida via viale piazza straat laan plein building bldg plaza park industrial");

    /// <summary>Legal forms and business words that end or mark a company name.</summary>
    public static readonly IReadOnlySet<string> LegalForm = Of("sdn bhd berhad ltd limited llc inc incorporated corp corporation co company gmbh ag kg sa sl srl spa sarl bv nv plc pte enterprise enterprises trading store stores restaurant mart supermarket hardware bakery cafe 株式会社 有限公司 公司");

    /// <summary>Titles that head a document or a block but name nobody.</summary>
    public static readonly IReadOnlySet<string> Title = Of("invoice receipt tax cash bill simplified official customer information copy rechnung facture factura fattura factuur quittung recu recibo ricevuta bon 請求書 领收 发票 收据 領収書");

    /// <summary>
    /// Words of document and block headings ("PAYMENT RECEIPT", "CUSTOMER INFORMATION", "COMMERCIAL INVOICE - ORIGINAL"):
    /// a line made of these alone names nobody, however prominent it is.
    /// </summary>
    public static readonly IReadOnlySet<string> Heading = new HashSet<string>(Title.Concat(Of(
        "client info duplicate triplicate original payment statement details detail summary account commercial proforma pro forma delivery note order purchase sales credit debit packing list advice remittance document page of no number date vat gst the and for to from sold ship billing shipping " +
        "handelsrechnung beleg kunde kunden kundeninformation lieferschein gutschrift zahlung seite commerciale paiement comercial cliente pago commerciale pagamento handelsfactuur klant betaling")), StringComparer.Ordinal);

    /// <summary>Legal forms alone, without the business words of <see cref="LegalForm"/>: what is left of a name wrapped before its legal form.</summary>
    private static readonly IReadOnlySet<string> LegalFormWord = Of("sdn bhd berhad ltd limited llc inc incorporated corp corporation co company gmbh mbh ag kg ohg ug sa sas sl slu srl spa sarl bv nv plc pte pty lda ltda ab oy as aps kk 株式会社 有限公司 公司");

    /// <summary>
    /// True when <paramref name="text"/> is a legal form alone ("SDN BHD", "GmbH & Co. KG"): the end of a name wrapped onto its own
    /// line, which names nobody by itself.
    /// </summary>
    public static bool IsLegalFormOnly(string text)
    {
        var tokens = CandidateContext.Tokens(text);
        return tokens.Count > 0 && tokens.All(t => LegalFormWord.Contains(t) || t is "and" || t.Length == 1);
    }

    /// <summary>A heading (<see cref="IsHeadingOnly"/>) or a legal form alone (<see cref="IsLegalFormOnly"/>): not a party's name.</summary>
    public static bool NamesNobody(string text) => IsHeadingOnly(text) || IsLegalFormOnly(text);

    /// <summary>True when every word of <paramref name="text"/> is a heading word: a title or block heading, not a name.</summary>
    public static bool IsHeadingOnly(string text)
    {
        var tokens = CandidateContext.Tokens(text);
        return tokens.Count > 0 && tokens.Any(t => t.Any(char.IsLetter)) && tokens.All(t => Heading.Contains(t) || t.All(char.IsDigit));
    }
}
