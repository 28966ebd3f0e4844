using System.Text;
using CustomsFn.Cli;
using CustomsFn.Core;
using CustomsFn.Core.Contract;
using CustomsFn.Core.Foundation;
using CustomsFn.Core.Pipeline;
using CustomsFn.Core.Rules;
using CustomsFn.Core.Screening;
using Spectre.Console.Testing;

namespace CustomsFn.Tests.Screening;

public sealed class RescreenTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("customsfn-rescreen-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private static string Ubl(string seller) =>
        File.ReadAllText(Path.Combine(TestPaths.Samples, "documents", "ubl-invoice-de-us-clean.xml"))
            .Replace("Rheinwerk Antriebe GmbH", seller, StringComparison.Ordinal).Replace("Rheinwerk Antriebe", seller, StringComparison.Ordinal);

    /// <summary>Results as an engine without screening stored them (before the lists were imported).</summary>
    private static async Task<CustomsResult> StoredUnscreenedAsync(string seller, string name)
    {
        var options = new PipelineOptions();
        var processor = new DocumentProcessor(CustomsDefaults.Extractors(options), new RuleEngine(RuleEngine.CoreRules()), options);
        return await processor.ProcessAsync(UploadContent.FromBytes(Encoding.UTF8.GetBytes(Ubl(seller))), new DocumentRef("incoming/" + name), CancellationToken.None);
    }

    [Fact]
    public async Task StoredResults_NewlyListedSellerIsReported_CleanOnesAreNot()
    {
        var listed = await StoredUnscreenedAsync("BANCO NACIONAL DE CUBA", "listed.xml");
        var clean = await StoredUnscreenedAsync("Rheinwerk Antriebe GmbH", "clean.xml");
        Assert.Null(listed.Versions.Screening);
        var hits = Rescreening.Rescreen([listed, clean], ScreeningIndex.Default).ToList();
        var hit = Assert.Single(hits);
        Assert.Equal(listed.DocumentId, hit.DocumentId);
        Assert.Equal("sellerName", hit.Field);
        Assert.Equal("OFAC-SDN:306", hit.Match.Entry.Id);
        Assert.Empty(hit.ScreenedBefore);
    }

    [Fact]
    public async Task StoredResultAlreadyFlagged_IsNotReportedAgain()
    {
        var flagged = await CustomsDefaults.CreateProcessor().ProcessAsync(UploadContent.FromBytes(Encoding.UTF8.GetBytes(Ubl("BANCO NACIONAL DE CUBA"))),
            new DocumentRef("incoming/flagged.xml"), CancellationToken.None);
        Assert.Contains(flagged.Findings, f => f.Rule == "SANC-001");
        Assert.Empty(Rescreening.Rescreen([flagged], ScreeningIndex.Default));
    }

    [Fact]
    public async Task RescreenCommand_ReadsAFolderOfResults_AndNamesTheNewlyMatchingDocument()
    {
        var listed = await StoredUnscreenedAsync("BANCO NACIONAL DE CUBA", "listed.xml");
        File.WriteAllText(Path.Combine(_dir, "listed.xml.result.json"), ResultSerializer.Serialize(listed));
        File.WriteAllText(Path.Combine(_dir, "broken.result.json"), "{ not json");
        var console = new TestConsole { Profile = { Width = 400 } };
        var exit = await CliApp.RunAsync(["sanctions", "rescreen", _dir], console);
        Assert.Equal(CliApp.Ok, exit);
        Assert.Contains("1 stored results screened again", console.Output, StringComparison.Ordinal);
        Assert.Contains("1 newly matching documents", console.Output, StringComparison.Ordinal);
        Assert.Contains("incoming/listed.xml", console.Output, StringComparison.Ordinal);
        Assert.Contains("OFAC-SDN:306", console.Output, StringComparison.Ordinal);
        Assert.Contains("skipped", console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RescreenCommand_MissingFolder_IsBadUsage() =>
        Assert.Equal(CliApp.BadUsage, await CliApp.RunAsync(["sanctions", "rescreen", Path.Combine(_dir, "nope")], new TestConsole()));
}
