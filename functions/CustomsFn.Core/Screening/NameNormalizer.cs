using System.Collections.Frozen;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace CustomsFn.Core.Screening;

/// <summary>
/// Normalises a party name for screening: Unicode NFKD without diacritics, case folding, transliteration of Cyrillic,
/// Greek, Arabic and kana (<see cref="Transliteration"/>), Han and Hangul kept in script, apostrophes joined, "&amp;"
/// read as "and"; then legal forms (Ltd, GmbH, OOO, 有限公司 ...), titles and stop words removed, particles
/// (al, bin, de, van ...) and generic business words (trading, international ...) given low weight.
/// </summary>
public static class NameNormalizer
{
    public const float ParticleWeight = 0.3f;
    public const float GenericWeight = 0.5f;

    /// <summary>Legal forms, single tokens (after normalisation) and phrases; removed wherever they stand.</summary>
    private static readonly FrozenSet<string> LegalForms = FrozenSet.ToFrozenSet(
    [
        "ltd", "limited", "llc", "llp", "lp", "inc", "incorporated", "corp", "corporation", "co", "company", "cie", "gmbh", "mbh", "ag", "kg", "ohg", "gbr", "ug",
        "sa", "sas", "sarl", "sl", "slu", "srl", "spa", "sae", "sal", "sapi", "cv", "bv", "nv", "plc", "pty", "oy", "oyj", "ab", "as", "asa", "aps", "kft", "zrt", "sro",
        "doo", "dd", "ad", "ead", "eood", "ooo", "oao", "zao", "pao", "ao", "tov", "pat", "jsc", "ojsc", "cjsc", "pjsc", "tao", "ojs", "fze", "fzco", "fzc", "fzllc", "wll",
        "kk", "gk", "yk", "bhd", "sdn", "tbk", "pt", "cc", "sc", "scs", "pte", "lda", "ltda", "eirl", "eurl", "ik", "ltdco", "aktiengesellschaft", "kommanditgesellschaft",
        "aktsionernoe", "obshchestvo", "otvetstvennostyu", "ogranichennoy", "tovarystvo", "sirketi", "anonim", "limited", "societe", "anonyme", "sociedad", "anonima",
    ]);

    private static readonly string[][] LegalPhrases = SortedLongestFirst(
    [
        ["joint", "stock", "company"], ["open", "joint", "stock", "company"], ["closed", "joint", "stock", "company"], ["public", "joint", "stock", "company"],
        ["limited", "liability", "company"], ["limited", "liability", "partnership"], ["public", "limited", "company"], ["private", "limited"],
        ["gesellschaft", "mit", "beschrankter", "haftung"], ["societatea", "cu", "raspundere", "limitata"], ["s", "a"], ["s", "r", "l"], ["s", "p", "a"],
        ["s", "a", "s"], ["b", "v"], ["n", "v"], ["l", "l", "c"], ["p", "l", "c"], ["a", "g"], ["o", "o", "o"], ["de", "c", "v"], ["sa", "de", "cv"], ["s", "de", "rl"],
        ["sp", "zoo"], ["co", "ltd"], ["sdn", "bhd"], ["pte", "ltd"], ["pty", "ltd"], ["s", "c"], ["l", "p"], ["l", "l", "p"], ["k", "k"],
    ]);

    /// <summary>A word of a legal phrase as written, or with one typo in a word of five letters or more ("Joynt Stock Company").</summary>
    private static bool SameLegalWord(string word, string legal)
    {
        if (word == legal) return true;
        if (legal.Length < 5 || Math.Abs(word.Length - legal.Length) > 1 || word[0] != legal[0]) return false;
        var distance = (1f - NameMatcher.LevenshteinSimilarity(word, legal)) * Math.Max(word.Length, legal.Length);
        return distance < 1.5f;
    }

    /// <summary>Every word of a legal form, shortest first (the start of a cut-off word is read as the shortest it begins).</summary>
    private static readonly string[] LegalWords =
        [.. LegalForms.Concat(LegalPhrases.Select(p => p[^1])).Where(w => w.Length >= 5).Distinct().OrderBy(w => w.Length).ThenBy(w => w, StringComparer.Ordinal)];

    private static string[][] SortedLongestFirst(string[][] phrases) => [.. phrases.OrderByDescending(p => p.Length)];

    /// <summary>Legal forms written in Han or kana, stripped from script tokens.</summary>
    private static readonly string[] ScriptLegalForms = ["股份有限公司", "有限责任公司", "有限責任公司", "有限公司", "株式会社", "有限会社", "合同会社", "公司", "集团", "集團", "주식회사", "유한회사"];

    private static readonly FrozenSet<string> StopWords = FrozenSet.ToFrozenSet(["and", "the", "of", "und", "et", "for", "mr", "mrs", "ms", "dr", "a", "an", "y"]);

    private static readonly FrozenSet<string> Particles = FrozenSet.ToFrozenSet(
    [
        "al", "el", "bin", "ibn", "bint", "ben", "abu", "abd", "abdul", "abdel", "ul", "ud", "ad", "as", "ar", "at", "an", "ag",
        "de", "da", "di", "del", "della", "dos", "das", "do", "du", "la", "le", "lo", "van", "von", "der", "den", "ter", "haji", "hajji", "sheikh", "shaikh", "mullah", "mawlawi",
    ]);

    private static readonly FrozenSet<string> GenericWords = FrozenSet.ToFrozenSet(
    [
        "trading", "trade", "international", "intl", "group", "holding", "holdings", "industries", "industry", "industrial", "enterprise", "enterprises", "services", "service",
        "general", "global", "import", "export", "commercial", "development", "investment", "investments", "technology", "technologies", "engineering", "logistics", "shipping",
        "bank", "partners", "solutions", "systems", "products", "manufacturing", "national", "foundation", "organization", "organisation", "association", "center", "centre",
        "agency", "institute", "management", "consulting", "energy", "resources", "capital", "finance", "financial", "commerce", "factory", "plant", "works", "supply", "marine",
        "network", "world", "united", "new", "first", "royal", "china", "russia", "iran", "middle", "east", "west", "north", "south", "gulf", "asia", "europe", "africa",
    ]);

    /// <summary>Numbers written as words are numbers: "Three Percenters" is "3 Percenters".</summary>
    private static readonly FrozenDictionary<string, string> NumberWords = new Dictionary<string, string>
    {
        ["one"] = "1", ["two"] = "2", ["three"] = "3", ["four"] = "4", ["five"] = "5", ["six"] = "6", ["seven"] = "7", ["eight"] = "8", ["nine"] = "9",
        ["ten"] = "10", ["eleven"] = "11", ["twelve"] = "12",
    }.ToFrozenDictionary();

    /// <summary>
    /// Place and branch words that name a company's subsidiary or branch ("FABERLIC EUROPE", "Deutsche Bank Schweiz"): continents
    /// and regions, and the countries most often met as subsidiary suffixes, in English and their own languages.
    /// </summary>
    private static readonly FrozenSet<string> PlaceWords = FrozenSet.ToFrozenSet(
    [
        "europe", "european", "eurasia", "asia", "asian", "pacific", "africa", "african", "america", "americas", "latam", "mena", "emea", "apac", "cis", "baltic", "baltics",
        "middle", "east", "west", "north", "south", "gulf", "benelux", "iberia", "scandinavia", "usa", "us", "uk", "gb", "britain", "germany", "deutschland", "schweiz",
        "suisse", "svizzera", "switzerland", "austria", "osterreich", "france", "italia", "italy", "espana", "spain", "portugal", "polska", "poland", "ceska", "czech",
        "slovakia", "hungary", "magyarorszag", "romania", "bulgaria", "hellas", "greece", "turkey", "turkiye", "russia", "rus", "ukraine", "ukraina", "belarus",
        "kazakhstan", "uzbekistan", "georgia", "armenia", "azerbaijan", "china", "hongkong", "hk", "taiwan", "japan", "korea", "india", "pakistan", "iran", "iraq",
        "syria", "lebanon", "uae", "dubai", "emirates", "qatar", "oman", "saudi", "arabia", "egypt", "singapore", "malaysia", "indonesia", "vietnam", "thailand",
        "canada", "mexico", "brasil", "brazil", "argentina", "chile", "nederland", "netherlands", "holland", "belgium", "belgique", "luxembourg", "ireland",
        "denmark", "danmark", "sverige", "sweden", "norge", "norway", "suomi", "finland", "cyprus", "malta", "branch", "filiale", "subsidiary", "representative", "office",
    ]);

    private static readonly FrozenDictionary<string, string> Abbreviations = new Dictionary<string, string>
    {
        ["intl"] = "international", ["int'l"] = "international", ["bros"] = "brothers", ["mfg"] = "manufacturing", ["natl"] = "national", ["assn"] = "association",
        ["ind"] = "industries", ["inds"] = "industries", ["tech"] = "technology", ["svcs"] = "services", ["mgmt"] = "management", ["grp"] = "group", ["st"] = "saint",
    }.ToFrozenDictionary();

    /// <summary>Normalises <paramref name="name"/>; an empty result means nothing screenable was left (punctuation, legal form alone).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // runs 44,000 times while the index loads
    public static NormalizedName Normalize(string name) => Normalize(name, romanized: false);

    /// <summary>Normalises <paramref name="name"/>, marking the result as a romanised reading (<see cref="Romanized"/>) when <paramref name="romanized"/> is set.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static NormalizedName Normalize(string name, bool romanized)
    {
        var raw = JoinInitials(Tokenize(name), out var initials);
        initials = CapitalInitials(name, initials);
        var words = new List<(string Text, TokenKind Kind, bool Abjad)>(raw.Count);
        foreach (var t in raw)
        {
            if (t.Kind == TokenKind.Script)
            {
                var s = t.Text;
                foreach (var form in ScriptLegalForms) s = s.Replace(form, "", StringComparison.Ordinal);
                if (s.Length > 0) words.Add((s, TokenKind.Script, false));
                continue;
            }
            var text = Abbreviations.TryGetValue(t.Text, out var full) ? full : t.Text;
            if (NumberWords.TryGetValue(text, out var digits)) { words.Add((digits, TokenKind.Number, false)); continue; }
            words.Add((text, t.Kind, t.Abjad));
        }

        // A name cut off by a field's width ends in the start of a legal form ("... JOINT STOCK COMPAN"): read it whole.
        if (words.Count > 1 && words[^1] is { Kind: TokenKind.Word } last && last.Text.Length >= 4 && !LegalForms.Contains(last.Text)
            && LegalWords.FirstOrDefault(w => w.Length > last.Text.Length && w.StartsWith(last.Text, StringComparison.Ordinal)) is { } whole)
            words[^1] = (whole, TokenKind.Word, false);

        // Legal forms: phrases first (longest), then single tokens; kept when removing them would leave nothing.
        var keep = new bool[words.Count];
        Array.Fill(keep, true);
        var legal = false;
        foreach (var phrase in LegalPhrases)
        {
            if (phrase.Length > words.Count) continue;
            for (var i = 0; i + phrase.Length <= words.Count; i++)
            {
                var all = true;
                for (var j = 0; j < phrase.Length && all; j++) all = keep[i + j] && SameLegalWord(words[i + j].Text, phrase[j]);
                if (!all) continue;
                for (var j = 0; j < phrase.Length; j++) keep[i + j] = false;
                legal = true;
            }
        }
        for (var i = 0; i < words.Count; i++)
        {
            if (keep[i] && LegalForms.Contains(words[i].Text)) { keep[i] = false; legal = true; }
        }
        if (!keep.Any(k => k)) Array.Fill(keep, true);

        var tokens = new List<NameToken>(words.Count);
        for (var i = 0; i < words.Count; i++)
        {
            if (!keep[i]) continue;
            var (text, kind, abjad) = words[i];
            if (kind == TokenKind.Word && StopWords.Contains(text)) continue;
            var weight = kind != TokenKind.Word ? 1f : Particles.Contains(text) ? ParticleWeight : GenericWords.Contains(text) ? GenericWeight : 1f;
            tokens.Add(new NameToken(text, kind == TokenKind.Word ? Phonetic(text) : text, kind, weight)
            {
                Abjad = abjad,
                Place = kind == TokenKind.Word && PlaceWords.Contains(text),
                Initials = kind == TokenKind.Word && text.Length is >= 2 and <= MaxInitials && initials?.Contains(text) == true,
            });
        }
        if (tokens.Count == 0)
        {
            // Only stop words: keep them rather than screen nothing.
            foreach (var (text, kind, abjad) in words) tokens.Add(new NameToken(text, Phonetic(text), kind, 1f) { Abjad = abjad });
        }
        return new NormalizedName([.. tokens], legal, romanized);
    }

    /// <summary>
    /// The normalised forms a name is screened under: the name itself, and for a name with Han or Hangul in it its Latin reading
    /// (<see cref="Romanized"/>) so that 金铁三 meets "Jin Tiesan" and 김정은 "KIM Jong Un". Empty when nothing screenable is left.
    /// A reading is compared with Latin names only (<see cref="NameMatcher.CompareNames"/>).
    /// </summary>
    public static List<(NormalizedName Name, bool Romanized)> Forms(string text)
    {
        var result = new List<(NormalizedName, bool)>(1);
        var norm = Normalize(text);
        if (!norm.IsEmpty) result.Add((norm, false));
        if (Romanized(text) is { } reading && Normalize(reading, romanized: true) is { IsEmpty: false } rn && rn.Key != norm.Key)
            result.Add((rn, true));
        return result;
    }

    /// <summary>
    /// The Latin reading of a name with Han or Hangul in it, or null when it has neither; legal forms written in script (有限公司,
    /// 株式会社, 주식회사...) are removed first. Han is read syllable by syllable (AnyAscii's Mandarin readings, tones dropped): a run
    /// of two or three characters is a person's name, written as the lists write Chinese names, surname apart and the given name
    /// joined (习近平 "xi jinping", 金铁三 "jin tiesan"); a longer run is read in words of two characters, as the pinyin names of
    /// companies are written (沈忠國際海運 "shenzhong guoji haiyun"). Hangul is read as the lists spell Korean names
    /// (<see cref="HangulRomanization"/>: 김정은 "kim jong un"). Used to compare such a name with Latin names only: in script,
    /// Han and Hangul are compared as written.
    /// </summary>
    public static string? Romanized(string name)
    {
        if (!name.Any(IsHanOrHangul)) return null;
        foreach (var form in ScriptLegalForms) name = name.Replace(form, " ", StringComparison.Ordinal);
        var sb = new StringBuilder(name.Length * 4);
        var syllables = new List<string>();
        void FlushRun()
        {
            if (syllables.Count == 0) return;
            sb.Append(' ');
            if (syllables.Count is 2 or 3) sb.Append(syllables[0]).Append(' ').Append(string.Concat(syllables.Skip(1)));
            else
            {
                // Words of two characters, as pinyin names of companies are written ("Huawei Jishu", "Zhongxing Tongxun").
                for (var k = 0; k < syllables.Count; k += 2) sb.Append(syllables[k]).Append(k + 1 < syllables.Count ? syllables[k + 1] : "").Append(' ');
            }
            sb.Append(' ');
            syllables.Clear();
        }
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (HangulRomanization.IsSyllable(c))
            {
                FlushRun();
                var j = i;
                while (j < name.Length && HangulRomanization.IsSyllable(name[j])) j++;
                sb.Append(' ').Append(HangulRomanization.Latin(name[i..j])).Append(' ');
                i = j - 1;
                continue;
            }
            if (IsHan(c))
            {
                var reading = AnyAscii.Transliteration.Transliterate(c.ToString());
                var letters = new string([.. reading.Where(char.IsAsciiLetter).Select(char.ToLowerInvariant)]);
                if (letters.Length > 0) syllables.Add(letters);
                continue;
            }
            FlushRun();
            sb.Append(c);
        }
        FlushRun();
        return sb.ToString();
    }

    /// <summary>Splits into lower-case Latin words, numbers and in-script runs (Han, Hangul, scripts without a table).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static List<(string Text, TokenKind Kind, bool Abjad)> Tokenize(string name)
    {
        var result = new List<(string Text, TokenKind Kind, bool Abjad)>();
        var sb = new StringBuilder(name.Length + 8);
        var kind = TokenKind.Word;
        var arabic = false;
        void Flush()
        {
            if (sb.Length == 0) return;
            var s = sb.ToString();
            if (kind != TokenKind.Script) s = LettersForDigits(s);
            var k = kind == TokenKind.Script ? TokenKind.Script : s.Any(char.IsAsciiDigit) ? TokenKind.Number : TokenKind.Word;
            // Arabic writes the article joined: الأسد is al + asad.
            if (k == TokenKind.Word && s.Length > 3 && s.StartsWith("al", StringComparison.Ordinal) && arabic) { result.Add(("al", TokenKind.Word, false)); s = s[2..]; }
            result.Add((s, k, arabic));
            sb.Clear();
            kind = TokenKind.Word;
            arabic = false;
        }
        foreach (var c0 in name)
        {
            var c = c0;
            if (c is '\'' or '’' or '‘' or '`' or 'ʼ' or 'ʻ' or '´') continue; // O'Brien, CHO'NG, Bank's: joined
            if (c == '&') { Flush(); result.Add(("and", TokenKind.Word, false)); continue; }
            if (IsHanOrHangul(c))
            {
                if (kind != TokenKind.Script) Flush();
                kind = TokenKind.Script;
                sb.Append(c);
                continue;
            }
            if (kind == TokenKind.Script) Flush();
            if (Transliteration.Latin(c) is { } latin)
            {
                if (c is >= '\u0590' and <= '\u06FF') // Hebrew and Arabic: consonant skeletons
                {
                    arabic |= sb.Length == 0;
                    if (c is 'و' or 'ו' && sb.Length > 0) latin = "u"; // waw (vav) inside a word is mostly the vowel u/o
                    if (c is 'ي' or 'י' && sb.Length > 0) latin = "i";
                }
                sb.Append(latin);
                continue;
            }
            if (c > '\u036F' && c is < '\u1E00' or > '\u1EFF'
                && (char.IsLetter(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark))
            {
                // A script without a table of ours (Devanagari, Thai, Ethiopic, Khmer ...): AnyAscii's romanisation.
                foreach (var a in AnyAscii.Transliteration.Transliterate(c.ToString()))
                {
                    if (char.IsAsciiLetterOrDigit(a)) sb.Append(char.ToLowerInvariant(a));
                }
                continue;
            }
            if (c is >= '\u064B' and <= '\u065F' or '\u0670' or '\u0640') continue; // Arabic short vowels, tatweel
            if (c is '\u200C' or '\u200D') continue; // zero-width (non-)joiners inside Persian words
            if (c < 0x80)
            {
                if (char.IsAsciiLetterOrDigit(c)) sb.Append(char.ToLowerInvariant(c));
                else Flush();
                continue;
            }
            var special = c switch
            {
                'ß' => "ss", 'æ' or 'Æ' => "ae", 'œ' or 'Œ' => "oe", 'ø' or 'Ø' => "o", 'ł' or 'Ł' => "l", 'đ' or 'Đ' => "d", 'þ' or 'Þ' => "th", 'ı' => "i", 'ð' or 'Ð' => "d",
                _ => null,
            };
            if (special is not null) { sb.Append(special); continue; }
            if (LatinFolding.Fold(c) is { } folded) { sb.Append(folded); continue; }
            var decomposed = c.ToString().Normalize(NormalizationForm.FormKD);
            var any = false;
            foreach (var d in decomposed)
            {
                var cat = CharUnicodeInfo.GetUnicodeCategory(d);
                if (cat == UnicodeCategory.NonSpacingMark && d is >= '\u0300' and <= '\u036F') continue; // Latin diacritics
                if (char.IsLetterOrDigit(d) || cat is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark)
                {
                    sb.Append(char.ToLowerInvariant(d));
                    any = true;
                }
            }
            if (!any && !decomposed.Any(d => d is >= '\u0300' and <= '\u036F')) Flush();
        }
        Flush();
        return result;
    }

    /// <summary>
    /// Digits written for look-alike letters inside a word ("Ig0r Sech1n", "I9or"): a digit with a letter on both sides is read
    /// as that letter. Digits at either end stay numbers ("AHL1", "AR16", "3M" are designations, not disguised words).
    /// </summary>
    internal static string LettersForDigits(string s)
    {
        if (s.Length < 3) return s;
        char[]? buf = null;
        for (var i = 1; i < s.Length - 1; i++)
        {
            if (!char.IsAsciiDigit(s[i]) || !char.IsAsciiLetter(s[i - 1]) || !char.IsAsciiLetter(s[i + 1])) continue;
            var letter = s[i] switch { '0' => 'o', '1' => 'i', '3' => 'e', '4' => 'a', '5' => 's', '7' => 't', '9' => 'g', _ => '\0' };
            if (letter == '\0') continue;
            buf ??= s.ToCharArray();
            buf[i] = letter;
        }
        return buf is null ? s : new string(buf);
    }

    /// <summary>The longest word read as initials run together ("JC", "U.S.", "PLA").</summary>
    public const int MaxInitials = 4;

    /// <summary>
    /// Runs of single letters are one word: "A.B.C." is "abc", "G.m.b.H." is "gmbh", "Sp. z o.o." is "sp zoo". The joined
    /// words are returned in <paramref name="joined"/>: they were written as initials.
    /// </summary>
    private static List<(string Text, TokenKind Kind, bool Abjad)> JoinInitials(List<(string Text, TokenKind Kind, bool Abjad)> tokens, out HashSet<string>? joined)
    {
        var result = new List<(string Text, TokenKind Kind, bool Abjad)>(tokens.Count);
        joined = null;
        for (var i = 0; i < tokens.Count; i++)
        {
            var j = i;
            while (j < tokens.Count && tokens[j].Kind == TokenKind.Word && tokens[j].Text.Length == 1) j++;
            if (j - i >= 2)
            {
                var text = string.Concat(tokens.Skip(i).Take(j - i).Select(t => t.Text));
                result.Add((text, TokenKind.Word, false));
                (joined ??= []).Add(text);
                i = j - 1;
            }
            else result.Add(tokens[i]);
        }
        return result;
    }

    /// <summary>
    /// Adds the short words written in capitals inside a name that has lower-case letters ("JC Juncker", "PLA China"): they
    /// are initials. In a name written all in capitals nothing can be told ("KO TAE BIN").
    /// </summary>
    private static HashSet<string>? CapitalInitials(string name, HashSet<string>? set)
    {
        var lower = false;
        foreach (var c in name) if (char.IsAsciiLetterLower(c)) { lower = true; break; }
        if (!lower)
        {
            // A whole name of three or four capitals is an acronym ("PLA"); two ("NN", "US") say too little alone.
            var trimmed = name.Trim();
            if (trimmed.Length is >= 3 and <= MaxInitials && trimmed.All(char.IsAsciiLetterUpper)) (set ??= []).Add(trimmed.ToLowerInvariant());
            return set;
        }
        for (var i = 0; i < name.Length;)
        {
            if (!char.IsAsciiLetter(name[i])) { i++; continue; }
            var j = i;
            while (j < name.Length && char.IsAsciiLetterUpper(name[j])) j++;
            var end = j;
            while (end < name.Length && char.IsAsciiLetter(name[end])) end++;
            if (end == j && j - i is >= 2 and <= MaxInitials && (j >= name.Length || !char.IsLetter(name[j])))
                (set ??= []).Add(name[i..j].ToLowerInvariant());
            i = end;
        }
        return set;
    }

    private static bool IsHan(char c) =>
        c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF' or >= '\uF900' and <= '\uFAFF' or '\u3005';

    private static bool IsHanOrHangul(char c) => IsHan(c) || HangulRomanization.IsSyllable(c);

    /// <summary>
    /// A consonant skeleton: vowels dropped after the first letter, sound-alike consonants merged (s z x sh ch zh; f v w ph;
    /// d t th dh; k c q ck; h dropped inside words), doubled letters collapsed. "Muhammad", "Mohamed" and "محمد" share one key.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static string Phonetic(string token)
    {
        if (token.Length == 0) return token;
        Span<char> buf = stackalloc char[token.Length + 1];
        var n = 0;
        var t = token.AsSpan();
        for (var i = 0; i < t.Length; i++)
        {
            var c = t[i];
            var next = i + 1 < t.Length ? t[i + 1] : '\0';
            char code;
            switch (c)
            {
                case 'a' or 'e' or 'i' or 'o' or 'u' or 'y':
                    code = i == 0 ? 'a' : '\0';
                    break;
                case 's' when next == 'c' && i + 2 < t.Length && t[i + 2] == 'h': code = 's'; i += 2; break;
                case 's' or 'z' or 'x': code = 's'; if (next == 'h') i++; break;
                case 'c':
                    if (next == 'h') { code = 's'; i++; }
                    else if (next == 'k') { code = 'k'; i++; }
                    else code = next is 'e' or 'i' or 'y' ? 's' : 'k';
                    break;
                case 'k': code = 'k'; if (next == 'h') { code = i == 0 ? 'h' : '\0'; i++; } break;
                case 'q' or 'g': code = c == 'q' ? 'k' : 'g'; if (next == 'h') i++; break;
                case 'p': code = 'f'; if (next != 'h') code = 'p'; else i++; break;
                case 'b': code = 'p'; break;
                case 'f' or 'v' or 'w': code = 'f'; break;
                case 't' or 'd': code = 't'; if (next == 'h') i++; break;
                case 'j': code = 'j'; break;
                case 'h': code = i == 0 ? 'h' : '\0'; break;
                default: code = char.IsLetter(c) ? c : '\0'; break;
            }
            if (code == '\0') continue;
            if (n > 0 && buf[n - 1] == code) continue;
            buf[n++] = code;
        }
        return n == 0 ? "a" : new string(buf[..n]);
    }
}
