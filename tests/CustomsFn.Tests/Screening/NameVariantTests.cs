using CustomsFn.Core.Screening;

namespace CustomsFn.Tests.Screening;

public sealed class NameVariantTests
{
    private static string Key(string name) => NameNormalizer.Normalize(name).Key;

    private static float Score(string a, string b) => NameMatcher.Compare(NameNormalizer.Normalize(a), NameNormalizer.Normalize(b)).Score;

    [Theory]
    [InlineData("მიხეილ სააკაშვილი", "mikheil saakashvili")]
    [InlineData("ბიძინა ივანიშვილი", "bidzina ivanishvili")]
    [InlineData("Նիկոլ Փաշինյան", "nikol pashinyan")]
    [InlineData("Սերժ Սարգսյան", "sargsyan serzh")]
    public void Normalize_GeorgianAndArmenianAreRomanised(string name, string key) => Assert.Equal(key, Key(name));

    [Theory]
    [InlineData("Ig0r Sech1n", "igor sechin")]
    [InlineData("I9or Sechin", "igor sechin")]
    public void Normalize_DigitsBetweenLettersAreReadAsLetters(string name, string key) => Assert.Equal(key, Key(name));

    [Theory]
    [InlineData("Citigroup Mortgage Loan Trust 2007-AHL1", "2007 ahl1 citigroup loan mortgage trust")]
    [InlineData("3M Company", "3m")]
    [InlineData("B2B Logistics", "b2b logistics")]
    public void Normalize_DigitsAtTheEndsOfAWordStayADesignation(string name, string key) => Assert.Equal(key, Key(name));

    [Theory]
    [InlineData("Three Percenters", "3 percenters")]
    [InlineData("Seven Seas Shipping", "7 seas shipping")]
    public void Normalize_NumberWordsAreNumbers(string name, string key) => Assert.Equal(key, Key(name));

    [Fact]
    public void GivenNameVariants_AreOneNameInEitherOrder_AndUnrelatedNamesAreNot()
    {
        Assert.True(GivenNameVariants.AreVariants("bibi", "benjamin"));
        Assert.True(GivenNameVariants.AreVariants("sasha", "aleksandr"));
        Assert.True(GivenNameVariants.AreVariants("sasha", "alexandra"));
        Assert.True(GivenNameVariants.AreVariants("hussein", "husayn"));
        Assert.False(GivenNameVariants.AreVariants("benjamin", "alexander"));
        Assert.False(GivenNameVariants.AreVariants("netanyahu", "benjamin"));
    }

    [Fact]
    public void Compare_ADiminutiveOfTheGivenNameIsThePerson()
    {
        var t = MatcherOptions.Default.Threshold;
        Assert.True(Score("Bibi Netanyahu", "Benjamin Netanyahu") >= t);
        Assert.True(Score("Sasha Ivanov", "Aleksandr Ivanov") >= t);
        Assert.True(Score("Sasha Ivanov", "Aleksandr Petrov") < t);
    }

    [Fact]
    public void Compare_GivenNameVariantsDoNotApplyToCompanies()
    {
        Assert.Equal(0f, NameMatcher.TokenSimilarity(Token("bibi"), Token("benjamin"), MatcherOptions.Default, initials: false));
        Assert.True(Score("Bibi Textiles Ltd", "Benjamin Textiles Ltd") < MatcherOptions.Default.Threshold);
    }

    [Theory]
    [InlineData("Faberlic", "FABERLIC EUROPE Sp. z o.o.")]
    [InlineData("Deutsche Bank AG", "Deutsche Bank Schweiz AG")]
    [InlineData("Rosneft Trading", "Rosneft Trading Branch Dubai")]
    public void Compare_ACompanyWithOnlyPlaceOrBranchWordsAdded_IsAPossibleMatch(string a, string b) =>
        Assert.True(Score(a, b) >= MatcherOptions.Default.Threshold, $"{Score(a, b)}");

    [Theory]
    [InlineData("Atlas Logistics GmbH", "ATLAS")]
    [InlineData("Faberlic Cosmetics Europe", "FABERLIC")]
    [InlineData("Europe Ltd", "Asia Europe Ltd")]
    [InlineData("Faberlak Europe", "FABERLIC")]
    public void Compare_ContainmentNeedsEveryExtraWordToBeAPlace_AndADistinctiveCloseMatch(string a, string b) =>
        Assert.True(Score(a, b) < MatcherOptions.Default.Threshold, $"{Score(a, b)}");

    private static NameToken Token(string text) => NameNormalizer.Normalize(text).Tokens[0];
}
