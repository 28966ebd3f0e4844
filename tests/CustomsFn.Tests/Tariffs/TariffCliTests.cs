using CustomsFn.Cli;
using CustomsFn.Core.Tariffs;
using Spectre.Console.Testing;

namespace CustomsFn.Tests.Tariffs;

public sealed class TariffCliTests
{
    private static async Task<(int Exit, string Output)> Run(params string[] args)
    {
        var console = new TestConsole();
        console.Profile.Width = 240;
        var exit = await CliApp.RunAsync(args, console);
        return (exit, console.Output);
    }

    [Fact]
    public async Task Tariff_PrintsTheLine_AndWhatAValuePays()
    {
        var (exit, output) = await Run("tariff", "8510.90.00", "--destination", "GB", "--value", "1000", "--date", "2026-03-01");
        Assert.Equal(CliApp.Ok, exit);
        Assert.Contains("uk-tariff-2022", output, StringComparison.Ordinal);
        Assert.Contains("2.0%", output, StringComparison.Ordinal);
        Assert.Contains("20.00 GBP", output, StringComparison.Ordinal);
        Assert.Contains("204.00 GBP", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tariff_ForChineseGoodsInTheUs_ShowsTheBaseRate_EachAdditionalDutyWithItsHeading_AndTheTotal()
    {
        var (exit, output) = await Run("tariff", "8517.62.00.90", "--destination", "US", "--origin", "CN", "--date", "2026-03-01", "--value", "1000");
        Assert.Equal(CliApp.Ok, exit);
        Assert.Contains("us-htsus-2026", output, StringComparison.Ordinal);
        Assert.Contains("(Free): 0.00 USD", output, StringComparison.Ordinal);
        Assert.Contains("Section 301 25% = 250.00 USD", output, StringComparison.Ordinal);
        Assert.Contains("9903.88.03", output, StringComparison.Ordinal);
        Assert.Contains("Total duty: 250.00 USD", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tariff_ShowsAPreference_ForAQualifyingOrigin()
    {
        var (exit, output) = await Run("tariff", "0201.30.04.00", "--destination", "US", "--origin", "AU", "--value", "1000");
        Assert.Equal(CliApp.Ok, exit);
        Assert.Contains("100.00 USD", output, StringComparison.Ordinal);
        Assert.Contains("Australia", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tariff_UnknownCode_Fails_BadArguments_AreUsageErrors()
    {
        Assert.Equal(CliApp.Failure, (await Run("tariff", "8471309999", "--destination", "US")).Exit);
        Assert.Equal(CliApp.BadUsage, (await Run("tariff", "84x1", "--destination", "US")).Exit);
        Assert.Equal(CliApp.BadUsage, (await Run("tariff", "847130", "--destination", "USA")).Exit);
        Assert.Equal(CliApp.BadUsage, (await Run("tariff", "import")).Exit);
    }

    [Fact]
    public async Task RulesList_ShowsTheTariffRules()
    {
        var (exit, output) = await Run("rules", "list");
        Assert.Equal(CliApp.Ok, exit);
        foreach (var id in new[] { "TARIFF-001", "TARIFF-002", "DUTY-001", "RESTR-001", "CONS-001", "DUP-001" })
            Assert.Contains(id, output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task TariffImport_WritesEveryPack()
    {
        TestPaths.RequireCorpus("tariffs");
        var temp = Path.Combine(Path.GetTempPath(), "customsfn-import-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (exit, _) = await Run("tariff", "import", "--source", TestPaths.Corpus, "--out", temp);
            Assert.Equal(CliApp.Ok, exit);
            Assert.Equal(TariffImporter.PackIds.Count + TariffImporter.SidePackIds.Count, Directory.GetFiles(temp, "*.tsv.gz").Length);
            // Rebuilt from the sources, every pack is byte-identical to the one the product ships.
            foreach (var id in TariffImporter.PackIds.Concat(TariffImporter.SidePackIds))
            {
                using var shipped = typeof(TariffCatalog).Assembly.GetManifestResourceStream(TariffPack.ResourceName(id))!;
                using var copy = new MemoryStream();
                shipped.CopyTo(copy);
                Assert.True(copy.ToArray().AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(temp, id + ".tsv.gz"))), $"{id} rebuilt differs from the shipped pack");
            }
        }
        finally
        {
            if (Directory.Exists(temp)) Directory.Delete(temp, true);
        }
    }
}
