using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;

namespace CustomsFn.Core.Shipments;

/// <summary>
/// The units of comparison a <see cref="ShipmentReconciler"/> computed, keyed by the content of the documents each
/// depends on (a SHA-256 of the document as the reconciliation sees it), so a unit is reused only while its inputs are
/// exactly the same. Bounded: past its capacity it starts again empty (a later reconciliation recomputes what it needs).
/// </summary>
internal sealed class ReconcileCache(int capacity)
{
    private readonly ConcurrentDictionary<string, ShipmentReconciler.UnitResult> _units = new(StringComparer.Ordinal);
    private readonly ConditionalWeakTable<ShipmentDocument, string> _keys = new();

    public string KeyOf(ShipmentDocument document) =>
        _keys.GetValue(document, d => Convert.ToHexString(SHA256.HashData(ResultSerializer.SerializeToUtf8(d, indented: false)), 0, 16));

    public bool TryGet(string key, out ShipmentReconciler.UnitResult result) => _units.TryGetValue(key, out result!);

    public void Set(string key, ShipmentReconciler.UnitResult result)
    {
        if (_units.Count >= capacity) _units.Clear();
        _units[key] = result;
    }

    public static string Combine(IEnumerable<string> keys)
    {
        var all = new StringBuilder();
        foreach (var k in keys) all.Append(k).Append(',');
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(all.ToString())), 0, 16);
    }
}
