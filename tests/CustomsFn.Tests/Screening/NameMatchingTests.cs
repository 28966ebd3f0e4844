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
