using CustomsFn.Bench;
using CustomsFn.Core.Model;

namespace CustomsFn.Tests;

/// <summary>
/// The rules benchmark's documents: every size is cut from the same codes, so the per-line comparison between
/// 10-line and 10,000-line documents measures the rules, not how many tariff lines stay in the CPU caches.
/// </summary>
public sealed class RulesDocumentsTests
{
    [Fact]
    public void Build_EverySize_CoversTheSameCodesOncePerDestination()
    {
        var large = RulesDocuments.Build(RulesDocuments.CodesPerRoute);
        var small = RulesDocuments.Build(10);

        Assert.Equal(3, large.Count);
        Assert.Equal(3 * RulesDocuments.CodesPerRoute / 10, small.Count);
        Assert.All(small, d => Assert.Equal(10, d.Lines.Count));
        foreach (var destination in new[] { "US", "GB", "DE" })
        {
            Assert.Equal(Codes(large, destination), Codes(small, destination));
        }
    }

    [Fact]
    public void Build_SmallDocuments_AlternateDestinationsAndNeverRepeatACodeSet()
    {
        var small = RulesDocuments.Build(100);

        Assert.Equal(["US", "GB", "DE", "US"], small.Take(4).Select(d => d.Fields.GetText(FieldNames.BuyerCountry)!));
        var codeSets = small.Select(d => d.Fields.GetText(FieldNames.BuyerCountry) + ":" + string.Join(",", d.Lines.Select(l => l.GetText(FieldNames.HsCode)))).ToList();
        Assert.Equal(codeSets.Count, codeSets.Distinct(StringComparer.Ordinal).Count());
    }

    private static List<string> Codes(IEnumerable<ExtractedDocument> documents, string destination) =>
        [.. documents.Where(d => d.Fields.GetText(FieldNames.BuyerCountry) == destination).SelectMany(d => d.Lines).Select(l => l.GetText(FieldNames.HsCode)!)];
}
