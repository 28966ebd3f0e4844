namespace CustomsFn.Core.Shipments;

/// <summary>Storage names of shipment results, and shipment ids.</summary>
public static class ShipmentNames
{
    /// <summary>Blob metadata key on an upload naming its shipment.</summary>
    public const string Metadata = "shipment";
    public const string Folder = "shipments/";
    public const int MaxIdLength = 128;

    /// <summary>Blob name inside the results container: <c>shipments/{shipmentId}.json</c>.</summary>
    public static string ResultBlobName(string shipmentId) => $"{Folder}{shipmentId}.json";

    public static string ResultBlobPath(string shipmentId) => $"{StorageNames.ResultsContainer}/{ResultBlobName(shipmentId)}";

    /// <summary>
    /// A safe shipment id from what an uploader wrote: letters, digits, '.', '_' and '-' kept, anything else replaced
    /// by '-', starting with a letter or digit, at most 128 characters; null when nothing usable is left.
    /// </summary>
    public static string? Sanitize(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw)) return null;
        var chars = raw.Trim().Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '-').ToArray();
        var s = new string(chars).TrimStart('.', '_', '-');
        if (s.Length > MaxIdLength) s = s[..MaxIdLength];
        s = s.TrimEnd('.');
        return s.Length == 0 || s.All(c => c == '-') ? null : s;
    }
}
