using System.Collections.Frozen;

namespace CustomsFn.Core.Tariffs;

/// <summary>Reference data the customs rules use besides the tariff packs: every entry is dated or sourced.</summary>
public static class TradeReference
{
    /// <summary>De minimis thresholds as dated data. "EU" stands for every EU member state.</summary>
    public static readonly IReadOnlyList<DeMinimis> DeMinimisThresholds =
    [
        new("US", 200m, "USD", new DateOnly(1993, 12, 8), new DateOnly(2016, 3, 9), [], null, "19 U.S.C. 1321(a)(2)(C) before the Trade Facilitation and Trade Enforcement Act of 2015"),
        new("US", 800m, "USD", new DateOnly(2016, 3, 10), new DateOnly(2025, 8, 28), ["CN", "HK"], new DateOnly(2025, 5, 2),
            "19 U.S.C. 1321(a)(2)(C) as amended by TFTEA 2015 sec. 901; ended for CN/HK goods 2 May 2025 (Executive Order 14256)"),
        new("US", 0m, "USD", new DateOnly(2025, 8, 29), null, [], null, "Executive Order 14324 (30 Jul 2025): duty-free de minimis treatment suspended for all countries from 29 Aug 2025"),
        new("GB", 135m, "GBP", new DateOnly(2021, 1, 1), null, [], null, "UK customs duty relief for consignments of GBP 135 or less (not excise goods); Taxation (Cross-border Trade) Act 2018, HMRC guidance"),
        new("EU", 150m, "EUR", new DateOnly(2010, 1, 1), null, [], null, "Council Regulation (EC) No 1186/2009, art. 23 (negligible value, not alcohol, tobacco, perfumes)"),
        new("CA", 150m, "CAD", new DateOnly(2020, 7, 1), null, [], null, "Courier Low Value Shipment Program under CUSMA (duty; goods of US/MX origin)"),
        new("AU", 1000m, "AUD", new DateOnly(2005, 1, 1), null, [], null, "Customs Act 1901 (AU), s. 68 low value threshold"),
    ];

    /// <summary>The threshold that applies at a destination on a date (EU members share the EU entry), or null.</summary>
    public static DeMinimis? DeMinimisFor(string destination, DateOnly date)
    {
        var key = Model.IsoCountries.EuMembers.Contains(destination) ? "EU" : destination;
        foreach (var d in DeMinimisThresholds)
        {
            if (d.Destination == key && d.AppliesOn(date)) return d;
        }
        return null;
    }

    public static readonly IReadOnlyList<RestrictedGoods> Restricted =
    [
        new("93", "arms and ammunition", "Wassenaar Arrangement Munitions List; UK Export Control Order 2008; US ITAR/EAR; firearms import licence"),
        new("3601", "explosives (propellent powders)", "UN Model Regulations class 1; national explosives licensing"),
        new("3602", "explosives", "UN Model Regulations class 1; national explosives licensing"),
        new("3603", "detonators and fuses", "UN Model Regulations class 1; national explosives licensing"),
        new("3604", "fireworks and pyrotechnics", "UN Model Regulations class 1; national explosives licensing"),
        new("2844", "radioactive elements and isotopes", "IAEA Code of Conduct on radioactive sources; Euratom Reg. 1493/93; US 10 CFR 110"),
        new("2845", "isotopes (heavy water, enriched)", "Nuclear Suppliers Group Trigger List; US 10 CFR 110"),
        new("8401", "nuclear reactors and fuel elements", "Nuclear Suppliers Group Trigger List; Reg. (EU) 2021/821 Annex I cat. 0"),
        new("121130", "coca leaf (narcotic)", "UN Single Convention on Narcotic Drugs 1961"),
        new("121140", "poppy straw (narcotic)", "UN Single Convention on Narcotic Drugs 1961"),
        new("130211", "opium (narcotic)", "UN Single Convention on Narcotic Drugs 1961"),
        new("293911", "opium alkaloids and derivatives (narcotic)", "UN Single Convention on Narcotic Drugs 1961"),
        new("293971", "cocaine and derivatives (narcotic, HS 2017)", "UN Single Convention on Narcotic Drugs 1961"),
        new("293972", "cocaine, ecgonine and derivatives (narcotic)", "UN Single Convention on Narcotic Drugs 1961"),
        new("293941", "ephedrine (drug precursor)", "UN Convention 1988 Table I; Reg. (EC) 111/2005"),
        new("293942", "pseudoephedrine (drug precursor)", "UN Convention 1988 Table I; Reg. (EC) 111/2005"),
        new("291431", "phenylacetone (drug precursor)", "UN Convention 1988 Table I; Reg. (EC) 111/2005"),
        new("293291", "isosafrole (drug precursor)", "UN Convention 1988 Table I; Reg. (EC) 111/2005"),
        new("293292", "PMK (drug precursor)", "UN Convention 1988 Table I; Reg. (EC) 111/2005"),
        new("293293", "piperonal (drug precursor)", "UN Convention 1988 Table I; Reg. (EC) 111/2005"),
        new("293294", "safrole (drug precursor)", "UN Convention 1988 Table I; Reg. (EC) 111/2005"),
        new("291524", "acetic anhydride (drug precursor)", "UN Convention 1988 Table I; Reg. (EC) 111/2005"),
        new("284161", "potassium permanganate (drug precursor)", "UN Convention 1988 Table I; Reg. (EC) 111/2005"),
        new("0106", "live animals that may be CITES-listed species", "CITES; Reg. (EC) 338/97; US 50 CFR 23"),
        new("0507", "ivory, tortoiseshell, horns (CITES)", "CITES; Reg. (EC) 338/97; US 50 CFR 23"),
        new("960110", "worked ivory (CITES)", "CITES; Reg. (EC) 338/97; US 50 CFR 23"),
        new("4301", "raw furskins that may be CITES-listed species", "CITES; Reg. (EC) 338/97"),
        new("8526", "radar and radio navigation apparatus (dual-use)", "Wassenaar Arrangement; Reg. (EU) 2021/821 Annex I cat. 5-7; US EAR CCL"),
        new("901320", "lasers (dual-use)", "Wassenaar Arrangement; Reg. (EU) 2021/821 Annex I cat. 6; US EAR CCL"),
        new("8806", "unmanned aircraft (dual-use)", "Wassenaar Arrangement; Reg. (EU) 2021/821 Annex I cat. 9; US EAR CCL"),
        new("852589", "thermal and night-vision cameras (dual-use)", "Wassenaar Arrangement; Reg. (EU) 2021/821 Annex I cat. 6; US EAR CCL"),
    ];

    public static RestrictedGoods? RestrictionFor(string digits)
    {
        foreach (var r in Restricted)
        {
            if (digits.StartsWith(r.Prefix, StringComparison.Ordinal)) return r;
        }
        return null;
    }

    /// <summary>Currencies used for international invoicing whatever the parties' countries.</summary>
    public static readonly FrozenSet<string> VehicleCurrencies = new[] { "USD", "EUR", "GBP", "JPY", "CHF", "CNY" }.ToFrozenSet(StringComparer.Ordinal);

    private const string EuroArea = "AT BE CY DE EE ES FI FR GR HR IE IT LT LU LV MT NL PT SI SK BG AD MC SM VA ME XK";

    /// <summary>The national currency of the main trading countries (ISO 4217); countries not listed are not checked.</summary>
    public static readonly FrozenDictionary<string, string> NationalCurrency = BuildCurrencies();

    private static FrozenDictionary<string, string> BuildCurrencies()
    {
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var c in EuroArea.Split(' ')) d[c] = "EUR";
        const string pairs = "US USD|GB GBP|JP JPY|CN CNY|CH CHF|LI CHF|CA CAD|AU AUD|NZ NZD|IN INR|KR KRW|SG SGD|HK HKD|TW TWD|MX MXN|BR BRL|ZA ZAR|SE SEK|DK DKK|NO NOK|" +
            "IS ISK|PL PLN|CZ CZK|HU HUF|RO RON|TR TRY|RU RUB|UA UAH|AE AED|SA SAR|IL ILS|TH THB|MY MYR|ID IDR|PH PHP|VN VND|BD BDT|PK PKR|LK LKR|EG EGP|NG NGN|KE KES|" +
            "MA MAD|TN TND|AR ARS|CL CLP|CO COP|PE PEN|UY UYU|QA QAR|KW KWD|BH BHD|OM OMR|JO JOD";
        foreach (var p in pairs.Split('|')) d[p[..2]] = p[3..];
        return d.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
