using System.Security.Cryptography;

namespace CustomsFn.Core.Foundation;

/// <summary>Document ids: the lower-case hex SHA-256 of an upload's bytes.</summary>
public static class DocumentHash
{
    /// <summary>The id of a whole upload, hashed as it streams, nothing kept.</summary>
    public static async Task<string> Sha256HexAsync(Stream content, CancellationToken cancellationToken)
    {
        using var sha = SHA256.Create();
        var hash = await sha.ComputeHashAsync(content, cancellationToken).ConfigureAwait(false);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>Whether <paramref name="id"/> has the form of a document id: 64 lower-case hex digits.</summary>
    public static bool IsDocumentId(string? id) => id is { Length: 64 } && id.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
}
