using System.Collections.Frozen;
using System.Globalization;

namespace CustomsFn.Core.Model;

/// <summary>
/// A UN/ECE Recommendation 20 unit code (plus the Rec 21 package codes used on invoices such as "XBX"), with its
/// dimension and factor to the base unit of that dimension (kg, l, m, m2, kWh, piece), so that specific duties can be
/// converted from the declared quantity.
/// </summary>
public sealed record UnitCode
{
    private UnitCode(string code, string name, UnitDimension dimension, decimal toBase)
    {
        Code = code; Name = name; Dimension = dimension; FactorToBase = toBase;
    }

    public string Code { get; }
    public string Name { get; }
    public UnitDimension Dimension { get; }
    /// <summary>Multiply a quantity in this unit by this factor to get kg, l, m, m2, kWh, hours or pieces.</summary>
    public decimal FactorToBase { get; }

    // code;name;dimension;factor
    private const string Table =
        "C62;one;Count;1|H87;piece;Count;1|EA;each;Count;1|PCE;piece (legacy);Count;1|NAR;number of articles;Count;1|NPR;number of pairs;Count;2|PR;pair;Count;2|" +
        "DZN;dozen;Count;12|GRO;gross;Count;144|SET;set;Count;1|NMP;number of packs;Count;1|HUR;hour;Time;1|MIN;minute;Time;0.0166666666666666666666666667|DAY;day;Time;24|" +
        "MON;month;Time;730|ANN;year;Time;8760|WEE;week;Time;168|SEC;second;Time;0.000277777777777777777777777778|" +
        "KGM;kilogram;Mass;1|GRM;gram;Mass;0.001|MGM;milligram;Mass;0.000001|TNE;tonne;Mass;1000|DTN;decitonne;Mass;100|LBR;pound;Mass;0.45359237|ONZ;ounce;Mass;0.028349523125|" +
        "APZ;troy ounce;Mass;0.0311034768|CTM;metric carat;Mass;0.0002|KNI;kilogram of nitrogen;Mass;1|KPO;kilogram of potassium oxide;Mass;1|KPP;kilogram of phosphorus pentoxide;Mass;1|" +
        "KSD;kilogram of substance 90% dry;Mass;1|KNS;kilogram named substance;Mass;1|STN;short ton;Mass;907.18474|LTN;long ton;Mass;1016.0469088|" +
        "LTR;litre;Volume;1|MLT;millilitre;Volume;0.001|CLT;centilitre;Volume;0.01|DLT;decilitre;Volume;0.1|HLT;hectolitre;Volume;100|MTQ;cubic metre;Volume;1000|" +
        "CMQ;cubic centimetre;Volume;0.001|DMQ;cubic decimetre;Volume;1|GLL;US gallon;Volume;3.785411784|GLI;imperial gallon;Volume;4.54609|LPA;litre of pure alcohol;Volume;1|" +
        "HLA;hectolitre of pure alcohol;Volume;100|BLL;barrel (US);Volume;158.987294928|" +
        "MTR;metre;Length;1|CMT;centimetre;Length;0.01|MMT;millimetre;Length;0.001|KMT;kilometre;Length;1000|INH;inch;Length;0.0254|FOT;foot;Length;0.3048|YRD;yard;Length;0.9144|" +
        "MTK;square metre;Area;1|CMK;square centimetre;Area;0.0001|FTK;square foot;Area;0.09290304|YDK;square yard;Area;0.83612736|HAR;hectare;Area;10000|" +
        "KWH;kilowatt hour;Energy;1|MWH;megawatt hour;Energy;1000|GWH;gigawatt hour;Energy;1000000|" +
        "XBX;box;Other;1|XCT;carton;Other;1|XPK;package;Other;1|XPX;pallet;Other;1|XBG;bag;Other;1|XCR;crate;Other;1|XDR;drum;Other;1|XBA;barrel;Other;1|" +
        "XCS;case;Other;1|XRO;roll;Other;1|XPA;packet;Other;1|XBO;bottle;Other;1|XCN;container;Other;1|XSA;sack;Other;1|XTU;tube;Other;1|XBE;bundle;Other;1|" +
        "ZZ;mutually defined;Other;1|E48;service unit;Other;1|LS;lump sum;Other;1|KTM;kilometre (legacy);Length;1000|P1;percent;Other;0.01|" +
        "NIU;number of international units;Count;1|TEU;twenty-foot equivalent unit;Count;1|CEN;hundred;Count;100|MIL;thousand;Count;1000|" +
        "KWT;kilowatt;Other;1|KVA;kilovolt-ampere;Other;1|KVR;kilovar;Other;1|MAW;megawatt;Other;1";

    private static readonly FrozenDictionary<string, UnitCode> ByCode = Table.Split('|')
        .Select(e => e.Split(';'))
        .ToFrozenDictionary(
            p => p[0],
            p => new UnitCode(p[0], p[1], Enum.Parse<UnitDimension>(p[2]), decimal.Parse(p[3], CultureInfo.InvariantCulture)),
            StringComparer.Ordinal);

    public static IEnumerable<UnitCode> All => ByCode.Values;

    public static UnitCode Parse(string text) =>
        TryParse(text, out var u) ? u : throw new FormatException($"'{text}' is not a known UN/ECE Recommendation 20 unit code.");

    public static bool TryParse(string? text, out UnitCode unit)
    {
        unit = null!;
        if (text is null) return false;
        if (ByCode.TryGetValue(text.Trim().ToUpperInvariant(), out var u)) { unit = u; return true; }
        return false;
    }

    public static bool IsValid(string? text) => TryParse(text, out _);

    public override string ToString() => Code;
}
