namespace CustomsFn.Core.Foundation;

/// <summary>Write-once result storage (<c>results/{documentId}.json</c>).</summary>
public interface IResultStore
{
    Task<StoredResult?> GetAsync(string documentId, CancellationToken cancellationToken);

    /// <summary>
    /// The stored result's JSON as written (byte for byte where the store keeps bytes), or null when there is none. A store
    /// that keeps objects can keep this default, which serializes the stored result.
    /// </summary>
    async Task<byte[]?> GetJsonAsync(string documentId, CancellationToken cancellationToken) =>
        await GetAsync(documentId, cancellationToken).ConfigureAwait(false) is { } stored
            ? System.Text.Encoding.UTF8.GetBytes(ResultSerializer.Serialize(stored.Result))
            : null;

    /// <summary>Creates the result unless one exists for the id; false when it already existed (nothing is overwritten).</summary>
    Task<bool> TryCreateAsync(CustomsResult result, CancellationToken cancellationToken);

    /// <summary>Records that the result's messages were published, so a redelivered trigger does not publish again.</summary>
    Task MarkPublishedAsync(string documentId, CancellationToken cancellationToken);

    /// <summary>
    /// Claims, for a while, the right to publish a stored result that its writer left unpublished past the grace period:
    /// false while another instance holds the claim. Keeps two deliveries that both find the result unpublished (three
    /// instances redelivered after a failed send) from both publishing it. A store that only one instance uses can keep
    /// this default.
    /// </summary>
    Task<bool> TryClaimPublicationAsync(string documentId, CancellationToken cancellationToken) => Task.FromResult(true);
}
