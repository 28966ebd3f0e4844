using System.Collections.Frozen;

namespace CustomsFn.Core.Tariffs;

/// <summary>The HTSUS special-programme codes (General Note 3(c)(i)) that depend on the country of origin.</summary>
public static class PreferenceProgrammes
{
    private static FrozenSet<string> S(string list) => list.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToFrozenSet(StringComparer.Ordinal);

    private const string Gsp = "AF AO BD BJ BT BF BI KH CF TD KM CD DJ GQ ER ET GM GN GW HT KI LA LS LR MG MW ML MR MZ NP NE RW ST SN SL SB SO SS TZ TL TG TV UG YE ZM " +
        "AL DZ AR AM AZ BZ BO BA BR CM CV CO CR CI DM EC EG FJ GE GH GD GY ID IQ JM JO KZ KE XK KG LB MK MU MD MN ME MA NA NG PK PG PY PE PH LC VC WS RS ZA LK SR TH TN TO TR UA UZ VU VE ZW";
    private const string Agoa = "AO BJ BW CV TD KM CG CI DJ GH GW KE LS LR MG MW MR MU MZ NA NG RW ST SN SL ZA TZ TG ZM";
    private const string Cbera = "AG AW BS BB BZ VG CW DM GD GY HT JM MS KN LC VC TT";

    public static readonly FrozenDictionary<string, PreferenceProgramme> ByCode = new PreferenceProgramme[]
    {
        new("A", "Generalized System of Preferences", S(Gsp), null, new DateOnly(2020, 12, 31), "19 U.S.C. 2461 (GSP authorization expired 31 Dec 2020)"),
        new("A+", "GSP (least-developed beneficiaries only)", S(Gsp), null, new DateOnly(2020, 12, 31), "19 U.S.C. 2461 (GSP authorization expired 31 Dec 2020)"),
        new("A*", "GSP (some beneficiaries excluded)", S(Gsp), null, new DateOnly(2020, 12, 31), "19 U.S.C. 2461 (GSP authorization expired 31 Dec 2020)"),
        new("AU", "United States-Australia FTA", S("AU"), new DateOnly(2005, 1, 1), null, "HTSUS General Note 28"),
        new("BH", "United States-Bahrain FTA", S("BH"), new DateOnly(2006, 8, 1), null, "HTSUS General Note 30"),
        new("CL", "United States-Chile FTA", S("CL"), new DateOnly(2004, 1, 1), null, "HTSUS General Note 26"),
        new("CO", "United States-Colombia TPA", S("CO"), new DateOnly(2012, 5, 15), null, "HTSUS General Note 34"),
        new("D", "African Growth and Opportunity Act", S(Agoa), new DateOnly(2000, 5, 18), new DateOnly(2025, 9, 30), "HTSUS General Note 16 (AGOA authorization to 30 Sep 2025)"),
        new("E", "Caribbean Basin Economic Recovery Act", S(Cbera), null, null, "HTSUS General Note 7"),
        new("E*", "CBERA (some beneficiaries excluded)", S(Cbera), null, null, "HTSUS General Note 7"),
        new("IL", "United States-Israel FTA", S("IL PS"), new DateOnly(1985, 9, 1), null, "HTSUS General Note 8"),
        new("JO", "United States-Jordan FTA", S("JO"), new DateOnly(2001, 12, 17), null, "HTSUS General Note 18"),
        new("JP", "United States-Japan Trade Agreement", S("JP"), new DateOnly(2020, 1, 1), null, "HTSUS General Note 36"),
        new("KR", "United States-Korea FTA", S("KR"), new DateOnly(2012, 3, 15), null, "HTSUS General Note 33"),
        new("MA", "United States-Morocco FTA", S("MA"), new DateOnly(2006, 1, 1), null, "HTSUS General Note 27"),
        new("OM", "United States-Oman FTA", S("OM"), new DateOnly(2009, 1, 1), null, "HTSUS General Note 31"),
        new("P", "CAFTA-DR", S("CR DO SV GT HN NI"), new DateOnly(2006, 3, 1), null, "HTSUS General Note 29"),
        new("P+", "CAFTA-DR (some parties only)", S("CR DO SV GT HN NI"), new DateOnly(2006, 3, 1), null, "HTSUS General Note 29"),
        new("PA", "United States-Panama TPA", S("PA"), new DateOnly(2012, 10, 31), null, "HTSUS General Note 35"),
        new("PE", "United States-Peru TPA", S("PE"), new DateOnly(2009, 2, 1), null, "HTSUS General Note 32"),
        new("R", "Caribbean Basin Trade Partnership Act", S("BB BZ CW GY HT JM LC TT"), new DateOnly(2000, 10, 1), new DateOnly(2030, 9, 30), "HTSUS General Note 17"),
        new("S", "USMCA", S("CA MX"), new DateOnly(2020, 7, 1), null, "HTSUS General Note 11"),
        new("S+", "USMCA (some goods)", S("CA MX"), new DateOnly(2020, 7, 1), null, "HTSUS General Note 11"),
        new("SG", "United States-Singapore FTA", S("SG"), new DateOnly(2004, 1, 1), null, "HTSUS General Note 25"),
    }.ToFrozenDictionary(p => p.Code, StringComparer.Ordinal);
}
