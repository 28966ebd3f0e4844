namespace CustomsFn.Core.Foundation;

/// <summary>Null objects for hosts that do not store, publish or audit (the CLI).</summary>
public sealed class NoResultStore : IResultStore
{
    public static readonly NoResultStore Instance = new();
    public Task<StoredResult?> GetAsync(string documentId, CancellationToken cancellationToken) => Task.FromResult<StoredResult?>(null);
    public Task<bool> TryCreateAsync(CustomsResult result, CancellationToken cancellationToken) => Task.FromResult(true);
    public Task MarkPublishedAsync(string documentId, CancellationToken cancellationToken) => Task.CompletedTask;
}
