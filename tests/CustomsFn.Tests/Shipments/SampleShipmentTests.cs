using CustomsFn.Core.Contract;
using CustomsFn.Core.Foundation;
using CustomsFn.Core.Shipments;

namespace CustomsFn.Tests.Shipments;

/// <summary>
/// Acceptance: every sample shipment under samples/shipments/&lt;id&gt;/ reconciles to its hand-written expectation
/// (shipment.expected.json): the verdict, the document types, and the exact set of findings with the evidence paths
/// in each document — every planted mismatch found, no false one.
/// </summary>
public sealed class SampleShipmentTests
{
    public static TheoryData<string> Ids()
    {
        var data = new TheoryData<string>();
        foreach (var id in ShipmentSamples.Ids) data.Add(id);
        return data;
    }

    [Fact]
    public void Samples_AreAtLeastFiveShipments_CleanAndPlanted_EachWithAnExpectation()
    {
        var ids = ShipmentSamples.Ids;
        Assert.True(ids.Count >= 5, $"only {ids.Count} sample shipments");
        foreach (var id in ids)
        {
            Assert.True(File.Exists(Path.Combine(ShipmentSamples.Root, id, "shipment.expected.json")), $"{id}/shipment.expected.json is missing");
            Assert.True(ShipmentSamples.DocumentFiles(id).Count >= 2, $"{id} has fewer than two documents");
        }
        var verdicts = ids.Select(id => (string)ShipmentSamples.Expected(id)["verdict"]!).ToList();
        Assert.Contains("consistent", verdicts);
        Assert.Contains("inconsistent", verdicts);
        Assert.Contains(ids, id => ShipmentSamples.DocumentFiles(id).Any(f => f.Contains("certificate", StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public async Task Sample_ReconcilesToItsExpectation(string id)
    {
        var expected = ShipmentSamples.Expected(id);
        var docs = await ShipmentSamples.ProcessAsync(id);
        // The sample documents are each readable and free of errors on their own: the mismatches are between documents.
        // The only document-level warnings come from the tariff checks against the destination's loaded tariff (a UK
        // pack older than an HS 2022 code, an FCA price without the freight a CIF-basis destination adds).
        Assert.All(docs, d =>
        {
            Assert.NotEqual(ResultStatus.Rejected, d.Result.Status);
            Assert.All(d.Result.Findings.Where(f => f.Severity != Severity.Info),
                f => Assert.True(f.Rule.StartsWith("TARIFF-", StringComparison.Ordinal) || f.Rule.StartsWith("DUTY-", StringComparison.Ordinal),
                    $"{d.Result.Source.Name}: unexpected {f.Rule}: {f.Message}"));
        });

        var result = new ShipmentReconciler().Reconcile(id, ShipmentGrouper.ExplicitGrouping(id, [GroupingRules.UploadPath]),
            docs.Select(d => new ShipmentMemberInput(ShipmentDocument.From(d.Result), GroupingRules.UploadPath)), ShipmentSamples.Clock);

        Schemas.AssertValid(Schemas.Shipment, ResultSerializer.Serialize(result), id);
        Assert.Equal((string)expected["verdict"]!, ResultSerializer.Serialize(result.Verdict).Trim('"'));
        Assert.Equal(expected["documentTypes"]!.Select(t => (string)t!).Order(StringComparer.Ordinal), result.Documents.Select(d => d.DocumentType).Order(StringComparer.Ordinal));
        Assert.Equal(ShipmentSamples.ExpectedKeys(expected), ShipmentSamples.ActualKeys(result));

        foreach (var f in result.Findings)
        {
            // Messages name every document involved, and field evidence points into the XML.
            foreach (var e in f.Evidence.DistinctBy(e => e.DocumentId))
            {
                var doc = ShipmentDocument.From(docs.Single(d => d.Result.DocumentId == e.DocumentId).Result);
                Assert.Contains(doc.Label, f.Message, StringComparison.Ordinal);
            }
            foreach (var e in f.Evidence.Where(e => e.Path is not ("lines" or "document")))
            {
                Assert.NotNull(e.Value);
                Assert.NotNull(e.Source?.Path);
                Assert.NotNull(e.Source?.Line);
            }
        }
    }

    [Fact]
    public async Task Samples_UploadedFlat_GroupByReferenceAndParties_IntoTheSameShipments()
    {
        var results = new InMemoryResultStore();
        var store = new InMemoryShipmentStore();
        var tracker = new ShipmentTracker(results, store, new RecordingShipmentPublisher(), time: new FixedClock(ShipmentSamples.Clock));
        var all = new List<(string Id, string File, CustomsResult Result)>();
        foreach (var id in ShipmentSamples.Ids)
            all.AddRange((await ShipmentSamples.ProcessAsync(id)).Select(d => (id, d.File, d.Result)));

        // No folder, no metadata: only what the documents say can group them.
        foreach (var (id, file, result) in all.OrderBy(d => d.Result.DocumentId, StringComparer.Ordinal))
        {
            results.Add(result);
            await tracker.TrackAsync(result, new DocumentRef($"incoming/{id}-{file}"), CancellationToken.None);
        }

        var shipments = store.All;
        Assert.Equal(ShipmentSamples.Ids.Count, shipments.Count);
        foreach (var id in ShipmentSamples.Ids)
        {
            var ids = all.Where(d => d.Id == id).Select(d => d.Result.DocumentId).Order(StringComparer.Ordinal).ToList();
            var shipment = Assert.Single(shipments, s => s.Documents.Select(d => d.DocumentId).Order(StringComparer.Ordinal).SequenceEqual(ids));
            Assert.Equal(GroupingRules.Reference, shipment.Grouping.Rule);
            Assert.StartsWith("ref-", shipment.ShipmentId, StringComparison.Ordinal);
            Assert.Equal(ShipmentSamples.ExpectedKeys(ShipmentSamples.Expected(id)), ShipmentSamples.ActualKeys(shipment));
        }
        // The s04 certificate quotes no invoice: it joined by seller and buyer.
        var certificate = shipments.SelectMany(s => s.Documents).Single(d => d.DocumentType == "certificate-of-origin" && d.Reference is null);
        Assert.Equal(GroupingRules.Parties, certificate.JoinedBy);
    }
}
