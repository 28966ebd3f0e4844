using System.Collections.Frozen;

namespace CustomsFn.Core.Screening;

/// <summary>
/// Script to Latin tables for screening (not for display): Cyrillic (Russian, Ukrainian, Belarusian, Serbian, Kazakh,
/// Mongolian letters), Greek, Georgian, Armenian, Arabic, Persian and Hebrew letters, and Japanese kana. Arabic and Hebrew are written
/// without short vowels, so their Latin form is a consonant skeleton, which the phonetic key compares with Latin spellings ("محمد" mhmd,
/// "Muhammad" mhmd). Han and Hangul are matched in script, and compared with Latin names through their readings
/// (<see cref="NameNormalizer.Romanized"/>, <see cref="HangulRomanization"/>); letters of other scripts go through AnyAscii.
/// </summary>
internal static class Transliteration
{
    private static readonly FrozenDictionary<char, string> Table = Build();

    /// <summary>The Latin form of one character, or null when the character has no table entry.</summary>
    public static string? Latin(char c) => Table.TryGetValue(c, out var s) ? s : null;

    /// <summary>True for the letters this class knows (Cyrillic, Greek, Georgian, Armenian, Arabic, Hebrew, kana).</summary>
    public static bool Knows(char c) => Table.ContainsKey(c);

    private static FrozenDictionary<char, string> Build()
    {
        var d = new Dictionary<char, string>();
        void Add(string pairs)
        {
            foreach (var p in pairs.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var eq = p.IndexOf('=', StringComparison.Ordinal);
                var value = p[(eq + 1)..];
                var key = p[..eq];
                foreach (var ch in key) { d[ch] = value; d[char.ToUpperInvariant(ch)] = value; }
            }
        }
        // Cyrillic (BGN/PCGN-like, lower case; upper case added by Add)
        Add("а=a б=b в=v г=g д=d е=e ё=e ж=zh з=z и=i й=y к=k л=l м=m н=n о=o п=p р=r с=s т=t у=u ф=f х=kh ц=ts ч=ch ш=sh щ=shch ъ= ы=y ь= э=e ю=yu я=ya");
        Add("і=i ї=yi є=ye ґ=g ў=u ђ=dj ј=j љ=lj њ=nj ћ=c џ=dz ѓ=g ќ=k ѕ=dz");
        Add("ә=a ғ=g қ=k ң=n ө=o ұ=u ү=u һ=h");
        // Greek
        Add("α=a β=v γ=g δ=d ε=e ζ=z η=i θ=th ι=i κ=k λ=l μ=m ν=n ξ=x ο=o π=p ρ=r σ=s ς=s τ=t υ=y φ=f χ=ch ψ=ps ω=o");
        Add("ά=a έ=e ή=i ί=i ό=o ύ=y ώ=o ϊ=i ϋ=y ΐ=i ΰ=y");
        // Arabic and Persian letters (no short vowels written); hamza carriers as vowels
        Add("ا=a أ=a إ=i آ=a ٱ=a ء= ئ=i ؤ=u ب=b ت=t ث=th ج=j ح=h خ=kh د=d ذ=dh ر=r ز=z س=s ش=sh ص=s ض=d ط=t ظ=z ع= غ=gh ف=f ق=q ك=k ل=l م=m ن=n ه=h ة=a و=w ي=y ى=a");
        Add("پ=p چ=ch ژ=zh گ=g ک=k ی=y");
        // Hebrew (no vowels written either, read like Arabic: alef and ayin silent carriers; final forms as their letters)
        Add("א=a ב=b ג=g ד=d ה=h ו=v ז=z ח=kh ט=t י=y כ=k ך=k ל=l מ=m ם=m נ=n ן=n ס=s ע= פ=p ף=f צ=ts ץ=ts ק=k ר=r ש=sh ת=t");
        // Georgian (national romanisation of 2002, which ISO 9984 approximates without diacritics; Mtavruli capitals added by Add)
        Add("ა=a ბ=b გ=g დ=d ე=e ვ=v ზ=z თ=t ი=i კ=k ლ=l მ=m ნ=n ო=o პ=p ჟ=zh რ=r ს=s ტ=t უ=u ფ=p ქ=k ღ=gh ყ=q შ=sh ჩ=ch ც=ts ძ=dz წ=ts ჭ=ch ხ=kh ჯ=j ჰ=h");
        // Armenian (BGN/PCGN 1981 for Eastern Armenian, ISO 9985 without diacritics; ու is read ou, as in Western spellings)
        Add("ա=a բ=b գ=g դ=d ե=e զ=z է=e ը=y թ=t ժ=zh ի=i լ=l խ=kh ծ=ts կ=k հ=h ձ=dz ղ=gh ճ=ch մ=m յ=y ն=n շ=sh ո=o չ=ch պ=p ջ=j ռ=r ս=s վ=v տ=t ր=r ց=ts ւ=u փ=p ք=k օ=o ֆ=f և=ev");
        // Katakana and hiragana (Hepburn); small kana and the long-vowel mark
        const string Kana =
            "ア=a イ=i ウ=u エ=e オ=o カ=ka キ=ki ク=ku ケ=ke コ=ko サ=sa シ=shi ス=su セ=se ソ=so タ=ta チ=chi ツ=tsu テ=te ト=to ナ=na ニ=ni ヌ=nu ネ=ne ノ=no " +
            "ハ=ha ヒ=hi フ=fu ヘ=he ホ=ho マ=ma ミ=mi ム=mu メ=me モ=mo ヤ=ya ユ=yu ヨ=yo ラ=ra リ=ri ル=ru レ=re ロ=ro ワ=wa ヲ=o ン=n " +
            "ガ=ga ギ=gi グ=gu ゲ=ge ゴ=go ザ=za ジ=ji ズ=zu ゼ=ze ゾ=zo ダ=da ヂ=ji ヅ=zu デ=de ド=do バ=ba ビ=bi ブ=bu ベ=be ボ=bo パ=pa ピ=pi プ=pu ペ=pe ポ=po " +
            "ヴ=v ァ=a ィ=i ゥ=u ェ=e ォ=o ャ=ya ュ=yu ョ=yo ッ= ー=";
        Add(Kana);
        foreach (var p in Kana.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var k = p[0];
            if (k is >= '\u30A1' and <= '\u30F6') d[(char)(k - 0x60)] = p[2..]; // hiragana sits 0x60 below katakana
        }
        return d.ToFrozenDictionary();
    }
}
