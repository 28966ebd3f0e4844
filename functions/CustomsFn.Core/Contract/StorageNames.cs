namespace CustomsFn.Core.Contract;

/// <summary>Names shared by code, infrastructure templates and documentation. Changing one here alone fails the name-consistency test.</summary>
public static class StorageNames
{
    public const string IncomingContainer = "incoming";
    public const string ResultsContainer = "results";
    public const string ResultsQueue = "customs-results";
    public const string ReviewQueue = "customs-review";
    /// <summary>Where the blob trigger puts uploads whose processing failed poisonBlobThreshold times (created by the runtime on first use).</summary>
    public const string PoisonBlobQueue = "webjobs-blobtrigger-poison";
    public const string AuditTable = "auditlog";
    public const string ConnectionName = "CustomsStorage";
    /// <summary>Blob metadata key on an upload that overrides the destination country.</summary>
    public const string DestinationMetadata = "destination";

    /// <summary>Blob metadata on an upload made through the compliance API (value <see cref="UploadedViaApi"/>).</summary>
    public const string UploadedViaMetadata = "uploadedVia";
    public const string UploadedViaApi = "api";

    public static string ResultBlobName(string documentId) => $"{documentId}.json";

    public static string ResultBlobPath(string documentId) => $"{ResultsContainer}/{ResultBlobName(documentId)}";

    internal static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];
}
