namespace CustomsFn.Core.Foundation;

/// <summary>What the host knows about an upload besides its bytes: its name, declared type and metadata.</summary>
public sealed record DocumentRef
{
    public DocumentRef(string name, string? declaredContentType = null, IReadOnlyDictionary<string, string>? metadata = null)
    {
        Name = SanitizeName(name);
        DeclaredContentType = declaredContentType;
        Metadata = metadata ?? new Dictionary<string, string>();
    }

    /// <summary>The upload's name as given (e.g. "incoming/acme-0042.pdf"), with control and bidirectional-override characters replaced and its length bounded.</summary>
    public string Name { get; }

    /// <summary>The content type the uploader claimed; informative only, the sniffer decides.</summary>
    public string? DeclaredContentType { get; }

    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>
    /// The version of the upload as its store knows it (the blob's ETag), or null. Part of the identity of an upload too
    /// large to be read to its end (<see cref="UploadContent.OversizeId"/>): an overwrite of it is a new upload.
    /// </summary>
    public string? Version { get; init; }

    /// <summary>Blob metadata <c>destination</c>: an ISO country code that overrides the document's destination.</summary>
    public string? DestinationOverride =>
        Metadata.FirstOrDefault(kv => string.Equals(kv.Key, Contract.StorageNames.DestinationMetadata, StringComparison.OrdinalIgnoreCase)).Value;

    public const int MaxNameLength = 1024;

    internal static string SanitizeName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var chars = name.Select(c => char.IsControl(c) || c is '\u202A' or '\u202B' or '\u202C' or '\u202D' or '\u202E' or '\u2066' or '\u2067' or '\u2068' or '\u2069' or '\u200E' or '\u200F' ? '\uFFFD' : c).ToArray();
        var clean = new string(chars);
        return clean.Length <= MaxNameLength ? clean : clean[..MaxNameLength];
    }
}
