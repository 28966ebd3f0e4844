using CustomsFn.Core.Screening;

namespace CustomsFn.Tests.Screening;

/// <summary>Names in Han, Hangul and scripts without a table of ours, compared with the Latin spellings the lists use.</summary>
public sealed class CrossScriptTests
{
    private static readonly float Threshold = MatcherOptions.Default.Threshold;

    [Theory]
    [InlineData("김정은", "kim jong un")]
    [InlineData("최룡해", "choe ryong hae")]
    [InlineData("장성택", "jang song thaek")]
    [InlineData("리병철", "ri pyong chol")]
    [InlineData("이재명", "lee jae myong")]
    [InlineData("조선련봉총회사", "josonryonpongchonghoesa")]
    public void Hangul_IsReadAsTheListsSpellKoreanNames(string hangul, string latin) => Assert.Equal(latin, HangulRomanization.Latin(hangul));

    [Theory]
    [InlineData("习近平", "xi jinping")]
    [InlineData("金铁三", "jin tiesan")]
    [InlineData("北京某某贸易有限公司", "beijing moumou maoyi")]
    [InlineData("沈忠國際海運", "shenzhong guoji haiyun")]
    [InlineData("주식회사 삼성전자", "sam song jon ja")]
    public void Romanized_ReadsHanAsPinyinAndHangulAsTheLists_LegalFormsRemoved(string name, string reading) =>
        Assert.Equal(reading, string.Join(' ', NameNormalizer.Romanized(name)!.Split(' ', StringSplitOptions.RemoveEmptyEntries)));

    [Fact]
    public void Romanized_IsNullForANameWithoutHanOrHangul() => Assert.Null(NameNormalizer.Romanized("Сергей Лавров"));

    [Theory]
    [InlineData("习近平", "Xi Jinping")]
    [InlineData("毛泽东", "Mao Zedong")]
    [InlineData("김정은", "KIM Jong Un")]
    [InlineData("김정은", "Kim Jong-un")]
    [InlineData("이재명", "Lee Jae-myung")]
    [InlineData("नरेन्द्र मोदी", "Narendra Modi")]
    [InlineData("ዐቢይ አሕመድ", "Abiy Ahmed")]
    [InlineData("בנימין נתניהו", "Benjamin Netanyahu")]
    public void ANameInScript_MatchesItsLatinSpelling(string script, string latin) =>
        Assert.True(NameMatcher.CompareNames(script, latin) >= Threshold, $"{script} / {latin}: {NameMatcher.CompareNames(script, latin)}");

    [Theory]
    [InlineData("김정은", "Kim Jong Il")]
    [InlineData("王伟", "Li Wei")]
    [InlineData("习近平", "Hu Jintao")]
    public void ANameInScript_DoesNotMatchAnotherPersonsLatinSpelling(string script, string latin) =>
        Assert.True(NameMatcher.CompareNames(script, latin) < Threshold, $"{script} / {latin}: {NameMatcher.CompareNames(script, latin)}");

    [Theory]
    [InlineData("习近朋", "习近平")] // one character apart: a different name, however alike the pinyin
    [InlineData("김종은", "김정은")] // 종 and 정 are both "jong" in the lists' spelling, but not the same syllable
    public void InScript_HanAndHangulStillMatchOnlyExactly(string a, string b)
    {
        Assert.Equal(0f, NameMatcher.CompareNames(a, b));
        Assert.Equal(1f, NameMatcher.CompareNames(b, b));
    }

    [Fact]
    public void Screen_FindsALatinListedNameFromTheNameInScript_AsAPossibleMatchOnly()
    {
        var pack = new ScreeningPack(
            [new ListEdition("test", "Test list", "2026-12-07", "test", "none", "0")],
            [
                new ScreeningEntry("KP-1", "test", "DPRK", PartyType.Person, [new ListedName("KIM Jong Un", NameKind.Primary)], ["KP"], [], []),
                new ScreeningEntry("CN-1", "test", "DPRK", PartyType.Person, [new ListedName("Jin Tiesan", NameKind.StrongAlias)], ["CN"], [], []),
                new ScreeningEntry("CN-2", "test", "DPRK", PartyType.Organisation, [new ListedName("沈忠國際海運有限公司", NameKind.OriginalScript)], ["CN"], [], []),
            ]);
        var index = new ScreeningIndex(pack);

        var kim = Assert.Single(index.Screen(new PartyQuery("김정은", Country: "KP")));
        Assert.Equal("KP-1", kim.Entry.Id);
        // A reading is not the name as written: the same Latin letters stand for other names in script, so never a strong match.
        Assert.False(kim.IsStrong);
        Assert.Contains(kim.Reasons, r => r.Contains("Latin reading \"kim jong un\"", StringComparison.Ordinal));

        Assert.Equal("CN-1", Assert.Single(index.Screen(new PartyQuery("金铁三"))).Entry.Id);
        // A listed name in Han is found from its pinyin written in Latin, and from itself in script (exact, and strong with the country).
        Assert.Equal("CN-2", Assert.Single(index.Screen(new PartyQuery("Shenzhong Guoji Haiyun"))).Entry.Id);
        var exact = Assert.Single(index.Screen(new PartyQuery("沈忠國際海運有限公司", Country: "CN")));
        Assert.True(exact.IsStrong);
        // Two readings are never compared: a different Han name with the same pinyin does not match the listed one.
        Assert.Empty(index.Screen(new PartyQuery("审中国际海运有限公司")));
    }
}
