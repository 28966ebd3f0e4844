using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CustomsFn.Core.Shipments;

/// <summary>
/// Puts documents into shipments. In order of precedence: blob metadata <c>shipment</c>; the upload path
/// <c>incoming/{shipmentId}/...</c>; else, over the pool of documents without either, the invoice number (an
/// invoice's own, the one a packing list, declaration or certificate quotes) and then the same seller and buyer within
/// the time window. Reference and party grouping is a function of the set of documents, so it does not depend on the
/// order in which they arrive.
/// </summary>
public sealed class ShipmentGrouper(ShipmentOptions? options = null)
{
    private readonly ShipmentOptions _options = options ?? new ShipmentOptions();

    /// <summary>The shipment an upload names in its blob metadata (made safe), or null.</summary>
    public static string? MetadataShipment(DocumentRef document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return ShipmentNames.Sanitize(document.Metadata.FirstOrDefault(kv => string.Equals(kv.Key, ShipmentNames.Metadata, StringComparison.OrdinalIgnoreCase)).Value);
    }

    /// <summary>
    /// The upload a stored result came from, as far as grouping goes: its name, the shipment its metadata named, and
    /// whether it came through the compliance API (stored as <c>incoming/api/{first 16 of its document id}/{name}</c>,
    /// whose path names no shipment), so that a result published later (by the sweep, the upload gone) is filed as it
    /// was at its first delivery.
    /// </summary>
    public static DocumentRef UploadOf(CustomsResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (result.Source.Shipment is { } shipment) metadata[ShipmentNames.Metadata] = shipment;
        var segments = result.Source.Name.Split('/');
        if (segments.Length >= 4 && segments[0] == Contract.StorageNames.IncomingContainer && segments[1] == Contract.StorageNames.UploadedViaApi
            && result.DocumentId.Length >= 16 && segments[2] == result.DocumentId[..16])
            metadata[Contract.StorageNames.UploadedViaMetadata] = Contract.StorageNames.UploadedViaApi;
        return new DocumentRef(result.Source.Name, metadata: metadata.Count > 0 ? metadata : null);
    }

    /// <summary>
    /// The shipment an upload names by metadata or path, or null. An upload through the compliance API names one only by
    /// metadata: its path (<c>api/{hash}/{name}</c>) is the API's choice, not the uploader's.
    /// </summary>
    public static ExplicitShipment? Explicit(DocumentRef document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (MetadataShipment(document) is { } fromMetadata) return new ExplicitShipment(fromMetadata, GroupingRules.Metadata);
        if (document.Metadata.Any(kv => string.Equals(kv.Key, Contract.StorageNames.UploadedViaMetadata, StringComparison.OrdinalIgnoreCase)
            && kv.Value == Contract.StorageNames.UploadedViaApi)) return null;
        var segments = document.Name.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length >= 3 && segments[0] == Contract.StorageNames.IncomingContainer && ShipmentNames.Sanitize(segments[1]) is { } fromPath)
            return new ExplicitShipment(fromPath, GroupingRules.UploadPath);
        return null;
    }

    /// <summary>The grouping record of an explicit shipment: the highest-precedence rule among its members (metadata before path).</summary>
    public static ShipmentGrouping ExplicitGrouping(string shipmentId, IEnumerable<string> memberRules)
    {
        var rule = memberRules.Contains(GroupingRules.Metadata, StringComparer.Ordinal) ? GroupingRules.Metadata : GroupingRules.UploadPath;
        return new ShipmentGrouping
        {
            Rule = rule,
            Key = shipmentId,
            Description = rule == GroupingRules.Metadata
                ? $"Uploads with blob metadata shipment={shipmentId}."
                : $"Uploads under incoming/{shipmentId}/.",
        };
    }

    /// <summary>
    /// The document types grouped by reference and parties when the upload names no shipment: the papers of a
    /// consignment (commercial invoice, packing list, declaration, certificate of origin, bill of lading, waybill).
    /// </summary>
    public static bool TakesPartInReferenceGrouping(string documentType) => documentType is
        DocumentType.CommercialInvoice or DocumentType.PackingList or DocumentType.CustomsDeclaration
        or DocumentType.CertificateOfOrigin or DocumentType.BillOfLading or DocumentType.Waybill;

    /// <summary>Groups documents by invoice reference, then by seller and buyer within the window.</summary>
    public IReadOnlyList<ShipmentGroup> Group(IEnumerable<GroupingKeys> documents)
    {
        var docs = documents.GroupBy(d => d.DocumentId, StringComparer.Ordinal).Select(g => g.First())
            .OrderBy(d => d.DocumentId, StringComparer.Ordinal).ToList();
        var parent = Enumerable.Range(0, docs.Count).ToArray();
        int Find(int i) { while (parent[i] != i) i = parent[i] = parent[parent[i]]; return i; }
        void Union(int a, int b) { a = Find(a); b = Find(b); if (a != b) parent[Math.Max(a, b)] = Math.Min(a, b); }

        var refs = docs.Select(d => d.InvoiceKey is { } k && ShipmentComparisons.NormalizeReference(k) is { Length: > 0 } n ? n : null).ToArray();
        var joined = new string[docs.Count];
        for (var i = 0; i < docs.Count; i++) joined[i] = refs[i] is null ? GroupingRules.Parties : GroupingRules.Reference;

        // 1. The same invoice number, issued within the window.
        for (var i = 0; i < docs.Count; i++)
        {
            for (var j = i + 1; j < docs.Count; j++)
            {
                if (refs[i] is not null && refs[i] == refs[j] && WithinWindow(docs[i], docs[j], requireDates: false)) Union(i, j);
            }
        }

        // 2. Documents quoting no invoice join the closest-dated referenced document with the same seller and buyer...
        var attached = new bool[docs.Count];
        for (var i = 0; i < docs.Count; i++)
        {
            if (refs[i] is not null) continue;
            var best = -1;
            var bestDistance = int.MaxValue;
            for (var j = 0; j < docs.Count; j++)
            {
                if (refs[j] is null || !SameParties(docs[i], docs[j]) || !WithinWindow(docs[i], docs[j], requireDates: true)) continue;
                var distance = DaysApart(docs[i], docs[j]) ?? int.MaxValue;
                if (distance < bestDistance) { best = j; bestDistance = distance; }
            }
            if (best >= 0) { Union(i, best); attached[i] = true; }
        }
        // 3. ...or, failing that, each other.
        for (var i = 0; i < docs.Count; i++)
        {
            if (refs[i] is not null || attached[i]) continue;
            for (var j = i + 1; j < docs.Count; j++)
            {
                if (refs[j] is null && !attached[j] && SameParties(docs[i], docs[j]) && WithinWindow(docs[i], docs[j], requireDates: true)) Union(i, j);
            }
        }

        var groups = new List<ShipmentGroup>();
        foreach (var members in Enumerable.Range(0, docs.Count).GroupBy(Find).OrderBy(g => g.Key))
        {
            var keys = members.Where(i => refs[i] is not null).Select(i => refs[i]!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            var joinedBy = members.ToDictionary(i => docs[i].DocumentId, i => joined[i], StringComparer.Ordinal);
            ShipmentGrouping grouping;
            string id;
            if (keys.Count > 0)
            {
                id = "ref-" + ShortHash(keys[0]);
                var quoted = members.Select(i => docs[i].InvoiceKey).First(k => k is not null && ShipmentComparisons.NormalizeReference(k) == keys[0]);
                grouping = new ShipmentGrouping
                {
                    Rule = GroupingRules.Reference,
                    Key = quoted!,
                    Description = $"Documents that are or quote invoice {quoted}, issued within {_options.WindowDays} days"
                        + (joinedBy.ContainsValue(GroupingRules.Parties) ? $", and documents quoting no invoice with the same seller and buyer within {_options.WindowDays} days." : "."),
                };
            }
            else
            {
                var first = docs[members.Min()];
                id = "parties-" + ShortHash(first.DocumentId);
                grouping = new ShipmentGrouping
                {
                    Rule = GroupingRules.Parties,
                    Key = first.DocumentId,
                    Description = $"Documents quoting no invoice, with the same seller and buyer, issued within {_options.WindowDays} days.",
                };
            }
            groups.Add(new ShipmentGroup(id, grouping, joinedBy));
        }
        return groups;
    }

    private static string ShortHash(string s) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(s)))[..16];

    private bool WithinWindow(GroupingKeys a, GroupingKeys b, bool requireDates) =>
        DaysApart(a, b) is { } days ? days <= _options.WindowDays : !requireDates;

    private static int? DaysApart(GroupingKeys a, GroupingKeys b) =>
        DateOnly.TryParseExact(a.IssueDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var da)
        && DateOnly.TryParseExact(b.IssueDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var db)
            ? Math.Abs(da.DayNumber - db.DayNumber) : null;

    /// <summary>Seller and buyer both the same: by tax id where both give one, else by name similarity.</summary>
    internal static bool SameParties(GroupingKeys a, GroupingKeys b) =>
        SameParty(a.SellerName, a.SellerTaxId, b.SellerName, b.SellerTaxId) && SameParty(a.BuyerName, a.BuyerTaxId, b.BuyerName, b.BuyerTaxId);

    private static bool SameParty(string? nameA, string? taxA, string? nameB, string? taxB)
    {
        static string? Norm(string? t) => t is null ? null : new string(t.Where(char.IsAsciiLetterOrDigit).ToArray()).ToUpperInvariant() is { Length: > 0 } s ? s : null;
        if (Norm(taxA) is { } ta && Norm(taxB) is { } tb) return ta == tb;
        return nameA is not null && nameB is not null && TextSimilarity.PartyName(nameA, nameB) >= ShipmentReconciler.PartyNameThreshold;
    }
}
