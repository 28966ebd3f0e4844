namespace CustomsFn.Core.Foundation;

/// <summary>The <c>incoming</c> uploads, for the compliance API: store one, and read one back verified against its document id.</summary>
public interface IUploadStore
{
    /// <summary>Stores an upload under <paramref name="name"/> unless one exists there; false when it did (nothing is overwritten).</summary>
    Task<bool> TryCreateAsync(string name, ReadOnlyMemory<byte> content, string mediaType, IReadOnlyDictionary<string, string> metadata,
        CancellationToken cancellationToken);

    /// <summary>
    /// The upload under <paramref name="name"/> if it still holds the bytes that were processed (its SHA-256 is
    /// <paramref name="documentId"/>, its size <paramref name="sizeBytes"/>); an upload replaced under the same name is
    /// not passed off as the source.
    /// </summary>
    Task<UploadSource> OpenVerifiedAsync(string name, string documentId, long sizeBytes, CancellationToken cancellationToken);
}
