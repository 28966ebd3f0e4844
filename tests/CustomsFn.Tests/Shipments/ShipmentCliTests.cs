using CustomsFn.Cli;
using CustomsFn.Core.Contract;
using CustomsFn.Core.Shipments;
using Spectre.Console.Testing;

namespace CustomsFn.Tests.Shipments;

public sealed class ShipmentCliTests : IDisposable
{
    private readonly string _out = Directory.CreateTempSubdirectory("customsfn-ship-").FullName;
    private readonly TestConsole _console = new();

    public void Dispose() => Directory.Delete(_out, recursive: true);

    [Fact]
    public async Task Process_OneShipmentFolder_PrintsTheVerdict_AndWritesTheShipmentResult()
    {
        var folder = Path.Combine(ShipmentSamples.Root, "s05-us-mx-parties-hs");
        Assert.Equal(CliApp.Ok, await CliApp.RunAsync(["process", folder, "--out", _out], _console));

        var path = Path.Combine(_out, "s05-us-mx-parties-hs.shipment.json");
        var json = await File.ReadAllTextAsync(path);
        Schemas.AssertValid(Schemas.Shipment, json, "shipment");
        var result = ResultSerializer.Deserialize<ShipmentResult>(json);
        Assert.Equal(ShipmentVerdict.Inconsistent, result.Verdict);
        Assert.Equal(ShipmentSamples.ExpectedKeys(ShipmentSamples.Expected("s05-us-mx-parties-hs")), ShipmentSamples.ActualKeys(result));
        Assert.Contains("1 shipments: 0 consistent, 0 needs-review, 1 inconsistent", _console.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_out, "packing-list.xml.result.json")));
    }

    [Fact]
    public async Task Process_AFolderOfShipmentFolders_WritesOneShipmentResultEach()
    {
        Assert.Equal(CliApp.Ok, await CliApp.RunAsync(["process", ShipmentSamples.Root, "--out", _out, "--quiet"], _console));
        var written = Directory.GetFiles(_out, "*.shipment.json").Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(ShipmentSamples.Ids.Select(id => id + ".shipment.json"), written);
        Assert.Contains($"{ShipmentSamples.Ids.Count} shipments:", _console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Process_AFlatFolderOfSeveralShipments_GroupsThemByInvoiceReference()
    {
        // Two sample shipments' documents side by side in one folder, as a user may keep them.
        var flat = Directory.CreateTempSubdirectory("customsfn-flat-").FullName;
        try
        {
            string[] ids = ["s01-de-us-clean", "s02-cn-gb-quantity-weight"];
            foreach (var id in ids)
                foreach (var file in ShipmentSamples.DocumentFiles(id))
                    File.Copy(file, Path.Combine(flat, $"{id}-{Path.GetFileName(file)}"));

            Assert.Equal(CliApp.Ok, await CliApp.RunAsync(["process", flat, "--out", _out, "--quiet"], _console));

            var results = Directory.GetFiles(_out, "*.shipment.json")
                .Select(p => ResultSerializer.Deserialize<ShipmentResult>(File.ReadAllText(p))).ToList();
            Assert.Equal(2, results.Count);
            Assert.All(results, r => Assert.Equal(GroupingRules.Reference, r.Grouping.Rule));
            foreach (var id in ids)
            {
                var expected = ShipmentSamples.Expected(id);
                var match = Assert.Single(results, r => r.Documents.All(d => d.SourceName.Contains(id, StringComparison.Ordinal)));
                Assert.Equal(ShipmentSamples.DocumentFiles(id).Count, match.Documents.Count);
                Assert.Equal((string)expected["verdict"]!, ResultSerializer.Serialize(match.Verdict).Trim('"'));
            }
        }
        finally
        {
            Directory.Delete(flat, recursive: true);
        }
    }

    [Fact]
    public async Task Process_AFolderOfInvoicesOnly_IsABatch_NotAShipment()
    {
        Assert.Equal(CliApp.Ok, await CliApp.RunAsync(["process", Path.Combine(TestPaths.Samples, "documents"), "--out", _out], _console));
        Assert.Empty(Directory.GetFiles(_out, "*.shipment.json"));
        Assert.DoesNotContain("shipments:", _console.Output, StringComparison.Ordinal);
    }
}
