using CustomsFn.Core.Screening;
using Xunit.Abstractions;

namespace CustomsFn.Tests.Screening;

public sealed class NameMatchingTests(ITestOutputHelper output)
{
    private static string Key(string name) => NameNormalizer.Normalize(name).Key;

    private static float Score(string a, string b) => NameMatcher.Compare(NameNormalizer.Normalize(a), NameNormalizer.Normalize(b)).Score;

    [Theory]
    [InlineData("François Hollande", "francois hollande")]
    [InlineData("Łukasz Bogdański", "bogdanski lukasz")]
    [InlineData("Nguyễn Tấn Dũng", "dung nguyen tan")]
    [InlineData("Müller Straße GmbH", "muller strasse")]
    [InlineData("ACME Trading Co., Ltd.", "acme trading")]
    [InlineData("ООО \"Ромашка\"", "romashka")]
    [InlineData("Gazprom JSC", "gazprom")]
    [InlineData("OAO Gazprom", "gazprom")]
    [InlineData("Open Joint Stock Company Gazprom", "gazprom")]
    [InlineData("Volkswagen Bank G.m.b.H.", "bank volkswagen")]
    [InlineData("FABERLIC EUROPE Sp. z o.o.", "europe faberlic")]
    [InlineData("Standard & Poor's", "poors standard")]
    [InlineData("Владимир Путин", "putin vladimir")]
    [InlineData("Κυριάκος Μητσοτάκης", "kyriakos mitsotakis")]
    public void Normalize_FoldsCaseDiacriticsScriptsAndLegalForms(string name, string key) => Assert.Equal(key, Key(name));

    [Theory]
    [InlineData("华为技术有限公司", "华为技术")]
    [InlineData("トヨタ自動車株式会社", "toyota 自動車")]
    public void Normalize_HanStaysInScript_KanaIsRomanised_LegalFormsRemoved(string name, string key) => Assert.Equal(key, Key(name));

    [Fact]
    public void Normalize_ArabicArticleIsSplit_AndSkeletonMatchesTheLatinSpelling()
    {
        var arabic = NameNormalizer.Normalize("محمد الأسد");
        Assert.Equal(["mhmd", "al", "asd"], arabic.Tokens.Select(t => t.Text));
        Assert.Equal(NameNormalizer.Phonetic("muhammad"), arabic.Tokens[0].Phonetic);
        Assert.Equal(NameNormalizer.Phonetic("mohamed"), NameNormalizer.Phonetic("muhammad"));
    }

    [Fact]
    public void Normalize_NothingScreenable_IsEmpty() => Assert.True(NameNormalizer.Normalize(" -- ... ").IsEmpty);

    [Fact]
    public void Compare_WordOrderDoesNotMatter() => Assert.Equal(1f, Score("Ivanov Sergey", "Sergey Ivanov"));

    [Fact]
    public void Compare_InitialMatchesTheGivenName_ButNotAnotherLetter()
    {
        Assert.True(Score("J. Smithers", "John Smithers") > Score("K. Smithers", "John Smithers"));
        Assert.True(Score("J. Smithers", "John Smithers") >= MatcherOptions.Default.Threshold);
    }

    [Fact]
    public void Compare_SpellingVariantsPass_DifferentSurnamesDoNot()
    {
        var t = MatcherOptions.Default.Threshold;
        Assert.True(Score("Usama bin Ladin", "Osama bin Laden") >= t);
        Assert.True(Score("Mikhail Khordorovsky", "Mikhail Khodorkovsky") >= t);
        Assert.True(Score("Sergey Ivanov", "Sergey Viktorovich LAVROV") < t);
        Assert.True(Score("Golden Software GmbH", "GOLDEN STAR CO") < t); // JW alone rates "star" inside "software" highly
    }

    [Theory]
    [InlineData("JC Juncker", "Jean-Claude Juncker")]
    [InlineData("J.-C. Juncker", "Jean-Claude Juncker")]
    [InlineData("U.S. Department of State", "United States Department of State")]
    [InlineData("PLA", "People's Liberation Army")]
    public void Compare_InitialsRunTogether_StandForTheWordsTheySpell(string initials, string full)
    {
        var score = NameMatcher.Compare(NameNormalizer.Normalize(initials), NameNormalizer.Normalize(full));
        Assert.InRange(score.Score, MatcherOptions.Default.Threshold, MatcherOptions.Default.InitialsRunSimilarity);
        Assert.Contains(score.Pairs, p => p.Listed.Contains(' ', StringComparison.Ordinal) || p.Query.Contains(' ', StringComparison.Ordinal)); // the explanation names the words
    }

    [Theory]
    [InlineData("N.N.", "Nursultan Nazarbayev")] // two initials alone stand for too many names
    [InlineData("LI WEI", "LEE IVAN WEI")] // in a name written all in capitals a short word is not known to be initials
    [InlineData("Jc Juncker", "Jean-Claude Juncker")] // "Jc" is written as a word
    [InlineData("Sato Upholstery Trading Inc.", "SUT")] // a listed acronym alone is not expanded (its full name is listed too)
    public void Compare_ShortWords_NotWrittenAsInitials_DoNotExpand(string name, string listed) =>
        Assert.True(Score(name, listed) < MatcherOptions.Default.Threshold, $"{Score(name, listed)}");

    [Fact]
    public void Normalize_LegalFormCutOffByAFieldWidth_OrWithATypo_IsStillALegalForm()
    {
        Assert.Equal("missiles tactical", Key("TACTICAL MISSILES CORPORATION JOINT STOCK COMPAN"));
        Assert.Equal("missiles tactical", Key("TACTICAL MISSILES CORPORATION JOYNT STOCK COMPANY"));
        Assert.Equal("atlas com", Key("Atlas Com")); // three letters are too few to tell a cut-off legal form
        Assert.Equal("tours", Key("Tours Limite")); // a cut-off word is read at the end of a name, where a field's width cuts it...
        Assert.Equal("limite tours", Key("Limite Tours")); // ...not elsewhere
    }

    [Theory]
    [InlineData("FridrichBuchenberg", "Friedrich Buchenberg")] // joined, with a typo
    [InlineData("Andrang Heta", "'Ndrangheta")] // split, with a typo
    [InlineData("Kim Jong-uun", "Kim Jong-un")] // one typo over the whole name
    public void Compare_WordsJoinedOrSplit_OrATypoOverTheWholeName_Match(string a, string b) =>
        Assert.True(Score(a, b) >= MatcherOptions.Default.Threshold, $"{Score(a, b)}");

    [Theory]
    [InlineData("Igor Petrov", "Oleg Petrov")] // a different given name is not a typo
    [InlineData("Management Company 23", "Management Company 24")]
    [InlineData("Victory 3", "Victory")]
    public void Compare_WholeNameComparison_KeepsWordsAndNumbersApart(string a, string b) =>
        Assert.True(Score(a, b) < MatcherOptions.Default.Threshold, $"{Score(a, b)}");

    [Fact]
    public void BoundedEditDistance_AgreesWithTheFullTable_UpToItsBound()
    {
        var random = new Random(20261207);
        for (var n = 0; n < 2000; n++)
        {
            string Word() => new([.. Enumerable.Range(0, random.Next(0, 12)).Select(_ => (char)('a' + random.Next(4)))]);
            var (s, t) = (Word(), Word());
            var full = s.Length + t.Length == 0 ? 0 : (int)MathF.Round((1f - NameMatcher.LevenshteinSimilarity(s, t)) * Math.Max(s.Length, t.Length));
            var max = random.Next(0, 4);
            Assert.Equal(Math.Min(full, max + 1), NameMatcher.BoundedEditDistance(s, t, max));
        }
    }

    [Fact]
    public void Compare_NumbersMustBeEqual() => Assert.True(Score("Management Company 23", "Management Company 24") < MatcherOptions.Default.Threshold);

    [Fact]
    public void Compare_SpacingOnly_IsNearlyExact() => Assert.Equal(MatcherOptions.Default.JoinedSimilarity, Score("PricewaterhouseCoopers LLP", "Pricewaterhouse Coopers LLP"));

    [Fact]
    public void Compare_HanNamesMatchOnlyExactly()
    {
        Assert.Equal(1f, Score("习近平", "习近平"));
        Assert.Equal(0f, Score("习近朋", "习近平"));
    }

    [Fact]
    public void JaroWinkler_KnownValues()
    {
        Assert.Equal(0.961f, NameMatcher.JaroWinkler("martha", "marhta"), 0.001f);
        Assert.Equal(0.840f, NameMatcher.JaroWinkler("dwayne", "duane"), 0.001f);
        Assert.Equal(0f, NameMatcher.JaroWinkler("abc", "xyz"));
    }

    [SkippableFact]
    public void Benchmark_HeldOutHalfFirst_ThenAllPairs_WithTheCurve()
    {
        TestPaths.RequireCorpus(NameMatchEvaluation.CasesFile);
        var pairs = NameMatchEvaluation.Load(TestPaths.Corpus);
        Assert.Equal(826, pairs.Count);
        var dev = pairs.Where(p => p.IsDevelopment).ToList();
        var held = pairs.Where(p => !p.IsDevelopment).ToList();
        // The split is by reference name: no reference name is in both halves.
        Assert.Empty(dev.Select(p => p.Name2.Trim().ToLowerInvariant()).Intersect(held.Select(p => p.Name2.Trim().ToLowerInvariant())));
        output.WriteLine(NameMatchEvaluation.Report(pairs));

        var h = NameMatchEvaluation.At(held, NameMatchEvaluation.Scores(held), MatcherOptions.Default.Threshold);
        // Measured 2026-12-07: held-out precision 0.938, recall 0.769 at 0.76 (the recall target 0.95 is not reached; see docs/performance.md).
        Assert.True(h.Precision >= 0.90 && h.Recall >= 0.70, h.ToString());
    }

    [SkippableFact]
    public void Defaults_AreWhatTheTuningOnTheDevelopmentHalfChooses()
    {
        TestPaths.RequireCorpus(NameMatchEvaluation.CasesFile);
        var dev = NameMatchEvaluation.Load(TestPaths.Corpus).Where(p => p.IsDevelopment).ToList();
        var (options, point) = NameMatchEvaluation.Tune(dev);
        output.WriteLine($"tuned on {dev.Count} development pairs: {point}");
        Assert.Equal(MatcherOptions.Default, options);
    }
}
