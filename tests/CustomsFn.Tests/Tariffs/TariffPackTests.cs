using CustomsFn.Core.Tariffs;

namespace CustomsFn.Tests.Tariffs;

public sealed class TariffPackTests
{
    private static string PacksDir => Path.Combine(TestPaths.RepoRoot, "functions", "CustomsFn.Core", "Tariffs", "Packs");

    [SkippableFact]
    public void Rebuild_FromTheCorpus_ReproducesTheShippedBytes()
    {
        var corpus = TestPaths.RequireCorpus("tariffs");
        var temp = Path.Combine(Path.GetTempPath(), "customsfn-packs-" + Guid.NewGuid().ToString("N"));
        try
        {
            var files = TariffImporter.ImportAll(Path.GetDirectoryName(corpus)!, temp);
            Assert.Equal(TariffImporter.PackIds.Count + TariffImporter.SidePackIds.Count, files.Count);
            foreach (var f in files)
            {
                var shipped = Path.Combine(PacksDir, Path.GetFileName(f));
                Assert.True(File.Exists(shipped), $"{shipped} is not in the repository");
                Assert.True(File.ReadAllBytes(f).AsSpan().SequenceEqual(File.ReadAllBytes(shipped)),
                    $"{Path.GetFileName(f)} rebuilt from the corpus differs from the shipped pack: run `customs tariff import --source ../shared/corpus --out {PacksDir}`");
            }
        }
        finally
        {
            if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
        }
    }

    [Fact]
    public void EmbeddedPacks_LoadWithProvenance()
    {
        var catalog = TariffCatalog.Default;
        Assert.Equal(TariffImporter.PackIds, catalog.Packs.Select(p => p.Id));
        foreach (var p in catalog.Packs)
        {
            Assert.False(string.IsNullOrWhiteSpace(p.Provenance.Source));
            Assert.False(string.IsNullOrWhiteSpace(p.Provenance.Revision));
            Assert.Matches("^[0-9a-f]{64}$", p.Provenance.SourceSha256);
        }
        Assert.Equal(new DateOnly(2021, 1, 1), catalog.Get("uk-global-tariff-2021").Provenance.EffectiveFrom);
        Assert.Equal(["US"], catalog.Get("us-htsus-2025").Provenance.Countries);
        // Sizes that say the whole source was imported (HS 2022: 5,613 subheadings; UK file: 11,830 rows).
        Assert.Equal(5613, catalog.Hs2022.Entries.Count(e => e.Level == 6));
        Assert.Equal(11830, catalog.Get("uk-global-tariff-2021").Lines.Count);
        Assert.True(catalog.Get("us-htsus-2025").Lines.Count > 35_000);
    }

    [Fact]
    public void Packs_AreSmall()
    {
        // Nine packs (two HS editions, four national tariffs, the EU CET, UK preferences, US additional duties): each under 1 MB, 3 MB in all.
        var files = Directory.EnumerateFiles(PacksDir, "*.tsv.gz").ToList();
        Assert.All(files, f => Assert.True(new FileInfo(f).Length < 1_000_000, $"{Path.GetFileName(f)} should stay under 1 MB"));
        Assert.True(files.Sum(f => new FileInfo(f).Length) < 3_000_000, "the shipped packs should stay under 3 MB in all");
    }

    [Fact]
    public void Lookups_UseRealLines()
    {
        var c = TariffCatalog.Default;
        var us = c.Get("us-htsus-2025");
        var line = us.FindLine("0101210010")!;
        Assert.Equal("Males", line.Description);
        // The 10-digit statistical line inherits the rate of its 8-digit line.
        Assert.Equal("01012100", us.RatedLine(line)!.Code);
        Assert.Equal("Free", us.RatedLine(line)!.General);
        Assert.Contains("Purebred breeding animals", us.FullDescription(line), StringComparison.Ordinal);
        Assert.Equal("2.0%", c.Get("uk-global-tariff-2021").FindLine("85109000")!.General);
        Assert.Same(c.Get("uk-global-tariff-2021"), c.NationalFor("GB", new DateOnly(2021, 5, 1)));
        Assert.Same(c.Get("uk-tariff-2022"), c.NationalFor("GB", new DateOnly(2022, 5, 1)));
        Assert.Same(c.Get("uk-tariff-2022"), c.NationalFor("XI", new DateOnly(2026, 3, 1)));
        Assert.Same(c.Get("eu-cet-2020"), c.NationalFor("GB", new DateOnly(2020, 5, 1)));
        Assert.Same(c.Get("eu-cet-2020"), c.NationalFor("DE", new DateOnly(2024, 5, 1)));
        Assert.Null(c.NationalFor("JP", new DateOnly(2024, 5, 1)));
    }

    [Fact]
    public void Hs2017OnlyCodes_HaveSameHeadingSuccessors()
    {
        var c = TariffCatalog.Default;
        var only2017 = c.Hs2017.Entries.Where(e => e.Level == 6 && !c.Hs2022.Contains(e.Code)).ToList();
        Assert.Equal(145, only2017.Count);
        // Yogurt moved from 0403.10 to 0403.20; fireworks-type articles of 3603.00 were split into 3603.10-3603.60; 0305.10 (fish meal) has no successor in its heading.
        Assert.Equal(["040320"], c.Hs2022Successors("040310"));
        Assert.Equal(6, c.Hs2022Successors("360300").Count);
        Assert.Empty(c.Hs2022Successors("030510"));
        // Every successor is new in HS 2022 and under the same heading.
        foreach (var e in only2017)
        {
            foreach (var s in c.Hs2022Successors(e.Code))
            {
                Assert.StartsWith(e.Code[..4], s, StringComparison.Ordinal);
                Assert.False(c.Hs2017.Contains(s));
            }
        }
        Assert.Contains(only2017, e => c.Hs2022Successors(e.Code).Count > 0);
    }
}
