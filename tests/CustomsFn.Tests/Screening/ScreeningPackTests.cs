using CustomsFn.Core.Screening;

namespace CustomsFn.Tests.Screening;

public sealed class ScreeningPackTests
{
    private static byte[] BuildBytes()
    {
        var pack = SanctionsImporter.Build(TestPaths.RequireCorpus("sanctions"));
        using var ms = new MemoryStream();
        pack.Write(ms);
        return ms.ToArray();
    }

    [SkippableFact]
    public void Import_TwiceFromTheCorpus_GivesByteIdenticalPacks()
    {
        var first = BuildBytes();
        var second = BuildBytes();
        Assert.Equal(first, second);
    }

    [SkippableFact]
    public void ShippedPack_IsExactlyTheImportOfTheCorpus()
    {
        var built = BuildBytes();
        using var s = typeof(ScreeningPack).Assembly.GetManifestResourceStream(ScreeningPack.ResourceName)!;
        using var shipped = new MemoryStream();
        s.CopyTo(shipped);
        Assert.True(built.AsSpan().SequenceEqual(shipped.ToArray()), "the shipped pack differs from 'customs sanctions import' of the corpus: rebuild it");
    }

    [SkippableFact]
    public void ImportCommand_WritesThePackFile_AndTwoRunsAreIdentical()
    {
        var source = TestPaths.RequireCorpus("sanctions");
        var a = Path.Combine(Path.GetTempPath(), "sanc-a-" + Guid.NewGuid().ToString("N"));
        var b = Path.Combine(Path.GetTempPath(), "sanc-b-" + Guid.NewGuid().ToString("N"));
        try
        {
            var fa = SanctionsImporter.Import(source, a);
            var fb = SanctionsImporter.Import(Path.GetDirectoryName(source)!, b); // the corpus root works too
            Assert.Equal(File.ReadAllBytes(fa), File.ReadAllBytes(fb));
        }
        finally
        {
            if (Directory.Exists(a)) Directory.Delete(a, true);
            if (Directory.Exists(b)) Directory.Delete(b, true);
        }
    }

    [Fact]
    public void Import_FolderWithoutTheLists_SaysWhichFileIsMissing()
    {
        var empty = Directory.CreateTempSubdirectory("sanc-empty").FullName;
        try
        {
            var ex = Assert.Throws<FileNotFoundException>(() => SanctionsImporter.Build(empty));
            Assert.Contains("un/UN_consolidated.xml", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(empty, true);
        }
    }

    [Fact]
    public void Read_NotAPack_IsRejectedWithTheExpectedFormat()
    {
        using var ms = new MemoryStream();
        using (var gz = new System.IO.Compression.GZipStream(ms, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
            gz.Write("customsfn-tariff-pack/1\n"u8);
        ms.Position = 0;
        var ex = Assert.Throws<InvalidDataException>(() => ScreeningPack.Read(ms));
        Assert.Contains(ScreeningPack.FormatId, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShippedPack_RecordsTheEditionOfEveryList()
    {
        var editions = ScreeningPack.Shipped.Editions.ToDictionary(e => e.List, e => e.Edition);
        Assert.Equal(["bis-dpl", "ofac-cons", "ofac-sdn", "uk-fcdo", "un-sc", "us-csl"], editions.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("2026-02-27", editions["un-sc"]); // dateGenerated of UN_consolidated.xml
        Assert.Equal("2022-09-02", editions["bis-dpl"]); // latest plausible Last_Update (3017 and 2922 are typos in the source)
        Assert.All(ScreeningPack.Shipped.Editions, e => Assert.Matches("^[0-9a-f]{64}$", e.SourceSha256));
    }

    [Fact]
    public void ShippedPack_HoldsEveryListWithItsEntryCounts()
    {
        var counts = ScreeningPack.Shipped.Entries.GroupBy(e => e.List).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(730 + 273, counts["un-sc"]); // MANIFEST: 730 individuals, 273 entities
        Assert.Equal(8976, counts["ofac-sdn"]);
        Assert.Equal(581, counts["bis-dpl"]);
        Assert.Equal(115, counts["us-csl"]);
        Assert.True(counts["uk-fcdo"] >= 6045, $"uk-fcdo {counts["uk-fcdo"]}");
    }

    [Fact]
    public void UnEntry_KeepsOriginalScriptName_AliasesWithStrength_CountriesAndDocuments()
    {
        var saddam = ScreeningPack.Shipped.Entries.Single(e => e.Id == "UN:IQi.001");
        Assert.Equal(PartyType.Person, saddam.Type);
        Assert.Equal("SADDAM HUSSEIN AL-TIKRITI", saddam.PrimaryName);
        Assert.Contains(saddam.Names, n => n.Kind == NameKind.OriginalScript && n.Text == "صدام حسين التكريتي");
        Assert.Contains("IQ", saddam.Countries);
        var withLow = ScreeningPack.Shipped.Entries.First(e => e.List == "un-sc" && e.Names.Any(n => n.Kind == NameKind.WeakAlias));
        Assert.Contains(withLow.Names, n => n.Kind == NameKind.StrongAlias || n.Kind == NameKind.Primary);
        Assert.Contains(ScreeningPack.Shipped.Entries, e => e.List == "un-sc" && e.Identifiers.Any(i => i.Type.Contains("Passport", StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public void OfacEntry_QuotedAkaInRemarksIsAWeakAlias_AltCsvAliasesAreStrong_AddressesGiveCountries()
    {
        var bnc = ScreeningPack.Shipped.Entries.Single(e => e.Id == "OFAC-SDN:306");
        Assert.Equal("BANCO NACIONAL DE CUBA", bnc.PrimaryName);
        Assert.Contains(new ListedName("BNC", NameKind.WeakAlias), bnc.Names);
        Assert.Contains(new ListedName("NATIONAL BANK OF CUBA", NameKind.StrongAlias), bnc.Names);
        Assert.Contains("CH", bnc.Countries); // Zweierstrasse 35, Zurich (add.csv)
        Assert.Contains("Zweierstrasse 35, Zurich CH-8022, Switzerland", bnc.Addresses);
    }

    [Fact]
    public void OfacPerson_IsStoredGivenNamesFirst()
    {
        var haniya = ScreeningPack.Shipped.Entries.Single(e => e.Id == "OFAC-CONS:9639");
        Assert.Equal("Ismail Abdul Salah HANIYA", haniya.PrimaryName);
        Assert.Equal(PartyType.Person, haniya.Type);
    }

    [Fact]
    public void UkEntries_LowQualityAliasesAreWeak_ShipsCarryTheirImoNumber()
    {
        var uk = ScreeningPack.Shipped.Entries.Where(e => e.List == "uk-fcdo").ToList();
        Assert.Contains(uk, e => e.Names.Any(n => n.Kind == NameKind.WeakAlias));
        var ship = uk.First(e => e.Id == "UK:DPR0075");
        Assert.Equal(PartyType.Vessel, ship.Type);
        Assert.Contains(ship.Identifiers, i => i.Type == "imo" && i.Value == "IMO9562233");
        Assert.StartsWith("UK ", ship.Programme, StringComparison.Ordinal);
    }
}
