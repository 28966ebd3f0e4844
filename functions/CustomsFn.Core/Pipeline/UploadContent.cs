using System.Security.Cryptography;

namespace CustomsFn.Core.Pipeline;

/// <summary>An upload read into memory (bounded) with its content hash, which is the document id.</summary>
public sealed record UploadContent(ReadOnlyMemory<byte> Bytes, string DocumentId, long SizeBytes, bool TooLarge)
{
    /// <summary>
    /// Reads the stream, keeping and hashing at most <paramref name="maxBytes"/> + 1 bytes: an oversized upload is
    /// refused without being read to its end (a 200 MB upload costs one limit's worth of reading, not 200 MB). Its bytes
    /// then cannot name it, so its id is derived from what identifies the upload instead (see <see cref="OversizeId"/>).
    /// </summary>
    public static Task<UploadContent> ReadAsync(Stream stream, long maxBytes, CancellationToken cancellationToken) =>
        ReadAsync(stream, maxBytes, document: null, cancellationToken);

    /// <inheritdoc cref="ReadAsync(Stream, long, CancellationToken)"/>
    public static async Task<UploadContent> ReadAsync(Stream stream, long maxBytes, DocumentRef? document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var kept = new MemoryStream();
        var buffer = new byte[81920];
        long total = 0;
        int n;
        while (total <= maxBytes
               && (n = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, maxBytes + 1 - total)), cancellationToken).ConfigureAwait(false)) > 0)
        {
            hash.AppendData(buffer, 0, n);
            if (total + n <= maxBytes) kept.Write(buffer, 0, n);
            total += n;
        }
        var digest = hash.GetHashAndReset();
        if (total <= maxBytes)
            return new UploadContent(new ReadOnlyMemory<byte>(kept.GetBuffer(), 0, (int)kept.Length), Convert.ToHexStringLower(digest), total, TooLarge: false);
        var size = StreamLength(stream) ?? total;
        return new UploadContent(ReadOnlyMemory<byte>.Empty, OversizeId(digest, size, document), size, TooLarge: true);
    }

    /// <summary>
    /// The id of an upload over the size limit, which is not read to its end: derived from its name, its version
    /// (<see cref="DocumentRef.Version"/>: the blob's ETag), its length and the SHA-256 of its first limit + 1 bytes.
    /// Redeliveries of the same upload get the same id (idempotent); two oversized uploads that share their first
    /// limit + 1 bytes no longer do (they used to: the second counted as a duplicate and got no result of its own). It is
    /// the first 32 bytes of a SHA-512, so that no upload can be made whose SHA-256 (its ordinary id) equals it.
    /// </summary>
    public static string OversizeId(ReadOnlySpan<byte> prefixSha256, long sizeBytes, DocumentRef? document)
    {
        var identity = string.Join('\n', "customsfn.oversize/v1", document?.Name ?? "", document?.Version ?? "",
            sizeBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), Convert.ToHexStringLower(prefixSha256));
        return Convert.ToHexStringLower(SHA512.HashData(System.Text.Encoding.UTF8.GetBytes(identity)).AsSpan(0, 32));
    }

    private static long? StreamLength(Stream stream)
    {
        try
        {
            return stream.CanSeek ? stream.Length : null;
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }

    public static UploadContent FromBytes(byte[] bytes) =>
        new(bytes, Convert.ToHexStringLower(SHA256.HashData(bytes)), bytes.Length, TooLarge: false);
}
