using System.Collections.Concurrent;
using CustomsFn.Core;
using CustomsFn.Core.Contract;
using CustomsFn.Core.Foundation;
using CustomsFn.Core.Model;
using CustomsFn.Core.Shipments;
using Newtonsoft.Json.Linq;

namespace CustomsFn.Tests.Shipments;

/// <summary>A clock that stands still (or moves only when told), so shipment results can be compared byte for byte.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;
    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>Write-once document results in memory, as the blob store keeps them.</summary>
internal sealed class InMemoryResultStore : IResultStore
{
    private readonly ConcurrentDictionary<string, CustomsResult> _results = new(StringComparer.Ordinal);

    public void Add(CustomsResult result) => _results.TryAdd(result.DocumentId, result);

    public Task<StoredResult?> GetAsync(string documentId, CancellationToken cancellationToken) =>
        Task.FromResult(_results.TryGetValue(documentId, out var r) ? new StoredResult(r, true) : null);

    public Task<bool> TryCreateAsync(CustomsResult result, CancellationToken cancellationToken) => Task.FromResult(_results.TryAdd(result.DocumentId, result));

    public Task MarkPublishedAsync(string documentId, CancellationToken cancellationToken) => Task.CompletedTask;
}

internal sealed class RecordingShipmentPublisher : IShipmentPublisher
{
    public List<ShipmentMessage> Messages { get; } = [];

    public Task PublishAsync(ShipmentMessage message, CancellationToken cancellationToken)
    {
        lock (Messages) Messages.Add(message);
        return Task.CompletedTask;
    }
}

/// <summary>The sample shipments under samples/shipments/&lt;id&gt;/ and their hand-written expectations.</summary>
internal static class ShipmentSamples
{
    public static readonly DateTimeOffset Clock = new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);

    public static string Root => Path.Combine(TestPaths.Samples, "shipments");

    public static IReadOnlyList<string> Ids => Directory.EnumerateDirectories(Root).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList()!;

    public static IReadOnlyList<string> DocumentFiles(string id) =>
        Directory.EnumerateFiles(Path.Combine(Root, id), "*.xml").Order(StringComparer.Ordinal).ToList();

    public static JObject Expected(string id) => JObject.Parse(File.ReadAllText(Path.Combine(Root, id, "shipment.expected.json")));

    private static readonly ConcurrentDictionary<string, IReadOnlyList<(string File, CustomsResult Result)>> Cache = new(StringComparer.Ordinal);

    /// <summary>Each document of the sample processed by the default embedded processor (as the CLI and the blob trigger do).</summary>
    public static async Task<IReadOnlyList<(string File, CustomsResult Result)>> ProcessAsync(string id)
    {
        if (Cache.TryGetValue(id, out var cached)) return cached;
        var processor = CustomsDefaults.CreateProcessor(time: new FixedClock(Clock));
        var list = new List<(string, CustomsResult)>();
        foreach (var file in DocumentFiles(id))
        {
            await using var stream = File.OpenRead(file);
            list.Add((Path.GetFileName(file), await processor.ProcessAsync(stream, new DocumentRef($"incoming/{id}/{Path.GetFileName(file)}"), CancellationToken.None)));
        }
        Cache[id] = list;
        return list;
    }

    /// <summary>"SHIP-012: packing-list lines[0].quantity | commercial-invoice lines[1].quantity", comparable with the expectation files.</summary>
    public static string Key(ShipmentFinding f) => $"{f.Rule}: {string.Join(" | ", f.Evidence.Select(e => $"{e.DocumentType} {e.Path}"))}";

    public static List<string> ExpectedKeys(JObject expected) =>
        expected["findings"]!.Select(f => $"{f["rule"]}: {string.Join(" | ", f["evidence"]!.Select(e => (string)e!))}").Order(StringComparer.Ordinal).ToList();

    public static List<string> ActualKeys(ShipmentResult result) => result.Findings.Select(Key).Order(StringComparer.Ordinal).ToList();
}

/// <summary>Extracted documents built in code, as any extractor (WCO, EDIFACT, PDF, OCR) would hand them over.</summary>
internal static class ShipmentDocs
{
    private static int _counter;

    public static ShipmentDocument Doc(string type, Action<FieldSet> fields, params FieldSet[] lines)
    {
        var f = new FieldSet();
        fields(f);
        var n = Interlocked.Increment(ref _counter);
        return new ShipmentDocument
        {
            DocumentId = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(n))),
            SourceName = $"incoming/test/{type}-{n}.pdf",
            DocumentType = type,
            Format = DocumentFormat.PdfText,
            Fields = f,
            Lines = lines,
        };
    }

    public static FieldSet Line(string description, string? hs, decimal qty, string unit = "C62", decimal? amount = null, string? origin = null, decimal? netKg = null)
    {
        var l = new FieldSet();
        l.Set(FieldNames.Description, description);
        if (hs is not null) l.Set(FieldNames.HsCode, hs);
        l.Set(FieldNames.Quantity, qty);
        l.Set(FieldNames.UnitCode, unit);
        if (amount is { } a) l.Set(FieldNames.Amount, a);
        if (origin is not null) l.Set(FieldNames.OriginCountry, origin);
        if (netKg is { } w) l.Set(FieldNames.NetWeightKg, w);
        return l;
    }

    public static void Parties(FieldSet f, string seller = "Acme Industrial GmbH", string buyer = "Globex Imports Ltd")
    {
        f.Set(FieldNames.SellerName, seller);
        f.Set(FieldNames.SellerCountry, "DE");
        f.Set(FieldNames.BuyerName, buyer);
        f.Set(FieldNames.BuyerCountry, "GB");
    }

    public static ShipmentResult Reconcile(params ShipmentDocument[] docs) =>
        new ShipmentReconciler().Reconcile("test", new ShipmentGrouping { Rule = GroupingRules.UploadPath, Key = "test", Description = "test" },
            docs.Select(d => new ShipmentMemberInput(d, GroupingRules.UploadPath)), ShipmentSamples.Clock);
}
