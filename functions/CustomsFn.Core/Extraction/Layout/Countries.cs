using System.Collections.Frozen;

namespace CustomsFn.Core.Extraction.Layout;

/// <summary>Country names in many languages (and ISO codes written alone) to ISO 3166-1 alpha-2.</summary>
public static partial class Countries
{
    // Names in English, German, French, Spanish, Italian, Dutch, Japanese and Chinese for the main trading countries.
    private const string Extra =
        "DE:germany,deutschland,allemagne,alemania,germania,duitsland,ドイツ,德国,federal republic of germany,bundesrepublik deutschland|" +
        "US:usa,u.s.a.,united states,united states of america,us,u.s.,vereinigte staaten,etats-unis,estados unidos,stati uniti,verenigde staten,アメリカ,アメリカ合衆国,米国,美国|" +
        "GB:united kingdom,uk,u.k.,great britain,england,scotland,wales,grossbritannien,vereinigtes konigreich,royaume-uni,reino unido,regno unito,verenigd koninkrijk,イギリス,英国|" +
        "FR:france,frankreich,francia,frankrijk,フランス,法国|ES:spain,spanien,espagne,espana,spagna,spanje,スペイン,西班牙|" +
        "IT:italy,italien,italie,italia,italie,イタリア,意大利|NL:netherlands,the netherlands,holland,niederlande,pays-bas,paises bajos,paesi bassi,nederland,オランダ,荷兰|" +
        "BE:belgium,belgien,belgique,belgica,belgio,belgie,ベルギー,比利时|AT:austria,osterreich,autriche,oostenrijk,オーストリア,奥地利|" +
        "CH:switzerland,schweiz,suisse,suiza,svizzera,zwitserland,スイス,瑞士|PL:poland,polen,pologne,polonia,polska,ポーランド,波兰|" +
        "CZ:czech republic,czechia,tschechien,republique tcheque,chequia,cechia,tsjechie,チェコ,捷克|SE:sweden,schweden,suede,suecia,svezia,zweden,スウェーデン,瑞典|" +
        "DK:denmark,danemark,dinamarca,danimarca,denemarken,デンマーク,丹麦|IE:ireland,irland,irlande,irlanda,ierland,アイルランド,爱尔兰|" +
        "PT:portugal,portogallo,ポルトガル,葡萄牙|LU:luxembourg,luxemburg,luxemburgo,lussemburgo|FI:finland,finnland,finlande,finlandia,フィンランド,芬兰|" +
        "NO:norway,norwegen,norvege,noruega,norvegia,noorwegen,ノルウェー,挪威|GR:greece,griechenland,grece,grecia,griekenland,ギリシャ,希腊|" +
        "HU:hungary,ungarn,hongrie,hungria,ungheria,hongarije,ハンガリー,匈牙利|RO:romania,rumanien,roumanie,rumania,roemenie,ルーマニア,罗马尼亚|" +
        "TR:turkey,turkiye,turkei,turquie,turquia,turchia,turkije,トルコ,土耳其|RU:russia,russian federation,russland,russie,rusia,russia,rusland,ロシア,俄罗斯|" +
        "CN:china,people's republic of china,p.r. china,p.r.china,prc,volksrepublik china,chine,cina,中国,中華人民共和国,中华人民共和国|" +
        "JP:japan,japon,giappone,日本,日本国|KR:korea,south korea,republic of korea,sudkorea,coree du sud,corea del sur,corea del sud,zuid-korea,韓国,大韩民国,韩国|" +
        "TW:taiwan,台湾,臺灣|HK:hong kong,hongkong,香港|SG:singapore,singapur,singapour,シンガポール,新加坡|IN:india,indien,inde,インド,印度|" +
        "VN:vietnam,viet nam,ベトナム,越南|TH:thailand,thailande,tailandia,タイ,泰国|MY:malaysia,malaisie,malasia,マレーシア,马来西亚|" +
        "ID:indonesia,indonesien,indonesie,インドネシア,印度尼西亚|PH:philippines,philippinen,filipinas,filippine,フィリピン,菲律宾|" +
        "BD:bangladesh,バングラデシュ,孟加拉国|PK:pakistan,パキスタン,巴基斯坦|AU:australia,australien,australie,オーストラリア,澳大利亚|" +
        "NZ:new zealand,neuseeland,nouvelle-zelande,nueva zelanda,ニュージーランド,新西兰|CA:canada,kanada,カナダ,加拿大|" +
        "MX:mexico,mexiko,mexique,messico,メキシコ,墨西哥|BR:brazil,brasilien,bresil,brasil,brasile,ブラジル,巴西|AR:argentina,argentinien,argentine,アルゼンチン,阿根廷|" +
        "CL:chile,chili,チリ,智利|ZA:south africa,sudafrika,afrique du sud,sudafrica,zuid-afrika,南アフリカ,南非|AE:uae,united arab emirates,アラブ首長国連邦,阿联酋|" +
        "IL:israel,イスラエル,以色列|SA:saudi arabia,サウジアラビア,沙特阿拉伯|EG:egypt,agypten,egypte,egipto,egitto,エジプト,埃及|MA:morocco,marokko,maroc,marruecos,marocco,モロッコ,摩洛哥";

    private static readonly FrozenDictionary<string, string> Names = Build();

    private static FrozenDictionary<string, string> Build()
    {
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (code, name) in IsoCountries.Names)
        {
            d.TryAdd(TextNormalizer.Fold(name), code);
            var comma = name.IndexOf(',', StringComparison.Ordinal);
            if (comma > 0) d.TryAdd(TextNormalizer.Fold(name[..comma]), code);
            var paren = name.IndexOf('(', StringComparison.Ordinal);
            if (paren > 0) d.TryAdd(TextNormalizer.Fold(name[..paren]), code);
        }
        foreach (var entry in Extra.Split('|'))
        {
            var code = entry[..2];
            foreach (var n in entry[3..].Split(',')) d[TextNormalizer.Fold(n)] = code;
        }
        return d.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The ISO code for a country name (any listed language) or a code written alone; null when unknown.</summary>
    public static string? FromName(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var folded = TextNormalizer.Fold(text).Trim('(', ')', ',', ' ', '-');
        if (Names.TryGetValue(folded, out var code)) return code;
        var compat = TextNormalizer.Compatibility(text).Trim();
        if (compat.Length == 2 && compat.All(char.IsAsciiLetterUpper) && CountryCode.IsValid(compat)) return compat;
        return null;
    }

    /// <summary>
    /// The country an address names: tries its last line, then each comma/space-separated tail of the text, then any
    /// CJK country name contained in it. Null when none is found.
    /// </summary>
    public static string? FromAddress(IReadOnlyList<string> lines)
    {
        for (var i = lines.Count - 1; i >= 0; i--)
        {
            var line = lines[i];
            if (FromName(line) is { } whole) return whole;
            var parts = line.Split([',', ';', '/', '·'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            for (var p = parts.Length - 1; p >= 0; p--)
            {
                if (FromName(parts[p]) is { } c) return c;
                // "75008 Paris France", "D-80331 München": try trailing words.
                var words = parts[p].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                for (var take = Math.Min(3, words.Length); take >= 1; take--)
                {
                    var tail = string.Join(' ', words[^take..]);
                    if (tail.Length == 2 && take == 1 && !(p == parts.Length - 1 && words.Length == 1 && parts.Length > 1)) continue;
                    if (FromName(tail) is { } t) return t;
                }
            }
            foreach (var (name, code) in CjkNames)
                if (line.Contains(name, StringComparison.Ordinal)) return code;
        }
        // No country named (or the line with it not read): a postal code written only one country's way.
        for (var i = lines.Count - 1; i >= 0; i--)
            if (FromPostalCode(lines[i]) is { } postal) return postal;
        return null;
    }

    private static readonly FrozenSet<string> UsStates = FrozenSet.ToFrozenSet(
        "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC".Split(' '),
        StringComparer.Ordinal);

    /// <summary>
    /// The country whose postal format an address line uses, for formats no other country shares: 〒 and NNN-NNNN
    /// (Japan), "City, ST 12345" with a US state (United States), "A1A 1A1" (Canada), "SO14 3XX" (United Kingdom).
    /// </summary>
    public static string? FromPostalCode(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var text = TextNormalizer.Compatibility(line);
        if (JapanPostal().IsMatch(text)) return "JP";
        var us = UsZip().Match(text);
        if (us.Success && UsStates.Contains(us.Groups["st"].Value)) return "US";
        if (CanadaPostal().IsMatch(text)) return "CA";
        if (UkPostcode().IsMatch(text)) return "GB";
        return null;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"〒\s?\d{3}-?\d{4}")]
    private static partial System.Text.RegularExpressions.Regex JapanPostal();

    [System.Text.RegularExpressions.GeneratedRegex(@"[A-Za-z.],?\s+(?<st>[A-Z]{2})\s+\d{5}(?:-\d{4})?\b")]
    private static partial System.Text.RegularExpressions.Regex UsZip();

    [System.Text.RegularExpressions.GeneratedRegex(@"\b[ABCEGHJ-NPRSTVXY]\d[A-Z]\s\d[A-Z]\d\b")]
    private static partial System.Text.RegularExpressions.Regex CanadaPostal();

    [System.Text.RegularExpressions.GeneratedRegex(@"\b[A-Z]{1,2}\d[A-Z\d]?\s\d[ABD-HJLNP-UW-Z]{2}\b")]
    private static partial System.Text.RegularExpressions.Regex UkPostcode();

    /// <summary>
    /// The country a company's legal form belongs to, for forms used in one country only (株式会社 Japan, S.L. Spain,
    /// S.p.A./S.r.l. Italy, B.V. the Netherlands); null for shared forms (GmbH, Ltd, Inc., 有限公司).
    /// </summary>
    public static string? FromLegalForm(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var text = TextNormalizer.Compatibility(name);
        if (text.Contains("株式会社", StringComparison.Ordinal) || text.Contains("有限会社", StringComparison.Ordinal) || text.Contains("合同会社", StringComparison.Ordinal)) return "JP";
        if (LegalFormEs().IsMatch(text)) return "ES";
        if (LegalFormIt().IsMatch(text)) return "IT";
        if (LegalFormNl().IsMatch(text)) return "NL";
        return null;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\bS\.\s?L\.(?:U\.)?(?=\s|,|$)")]
    private static partial System.Text.RegularExpressions.Regex LegalFormEs();

    [System.Text.RegularExpressions.GeneratedRegex(@"\bS\.\s?(?:p\.\s?A|r\.\s?l)\.(?=\s|,|$)", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex LegalFormIt();

    [System.Text.RegularExpressions.GeneratedRegex(@"\bB\.\s?V\.(?=\s|,|$)")]
    private static partial System.Text.RegularExpressions.Regex LegalFormNl();

    private static readonly (string Name, string Code)[] CjkNames = Names
        .Where(kv => kv.Key.Length > 0 && TextNormalizer.IsCjk(kv.Key[0]) && kv.Key.Length >= 2)
        .OrderByDescending(kv => kv.Key.Length).Select(kv => (kv.Key, kv.Value)).ToArray();
}
