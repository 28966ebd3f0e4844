using System.Globalization;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace CustomsFn.Infrastructure.Storage;

/// <summary>
/// Poison by design for inputs that end the process: every processing of an upload first writes a create-only attempt
/// marker <c>results/_attempts/{key}/{n}</c> (key as <see cref="ProcessedMarkers.Key"/>, start time in its metadata); an
/// attempt that fails with an exception (the invocation is retried as usual) writes <c>{n}.failed</c> beside it. An
/// attempt with neither a processed marker for the upload nor a <c>.failed</c> sibling, older than
/// <see cref="AbandonedAfter"/>, was abandoned: the process died during it (out of memory, a native crash, a kill). The
/// delivery that finds <see cref="MaxAbandoned"/> of them does not try again: the upload gets a rejected result at once,
/// instead of taking the host down a third time and the uploads processed beside it with it. Create-only, like every
/// record in <c>results</c>: it works under the container's immutability policy.
/// </summary>
public sealed class ProcessingAttempts(BlobContainerClient results)
{
    public const string Prefix = "_attempts/";
    private const string StartedMetadata = "started";
    private const string FailedSuffix = ".failed";

    /// <summary>Abandoned attempts after which an upload is not processed again (default 2).</summary>
    public int MaxAbandoned { get; init; } = 2;

    /// <summary>
    /// Age after which an unfinished attempt counts as abandoned (default 5 minutes: longer than any processing takes with
    /// the extraction timeout, so a concurrent duplicate delivery still working is not taken for a dead one).
    /// </summary>
    public TimeSpan AbandonedAfter { get; init; } = TimeSpan.FromMinutes(5);

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Unfinished attempts on this version of the upload older than <see cref="AbandonedAfter"/>.</summary>
    public async Task<int> CountAbandonedAsync(string blobName, ETag etag, CancellationToken cancellationToken)
    {
        var prefix = Prefix + ProcessedMarkers.Key(blobName, etag) + "/";
        var started = new Dictionary<string, DateTimeOffset?>(StringComparer.Ordinal);
        var failed = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var item in results.GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, prefix, cancellationToken).ConfigureAwait(false))
        {
            var name = item.Name[prefix.Length..];
            if (name.EndsWith(FailedSuffix, StringComparison.Ordinal)) failed.Add(name[..^FailedSuffix.Length]);
            else started[name] = item.Metadata.TryGetValue(StartedMetadata, out var s)
                && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? at : item.Properties.LastModified;
        }
        var before = Time.GetUtcNow() - AbandonedAfter;
        return started.Count(a => !failed.Contains(a.Key) && a.Value is { } at && at < before);
    }

    /// <summary>Records the start of an attempt; returns its marker name (for <see cref="FailAsync"/>).</summary>
    public async Task<string> BeginAsync(string blobName, ETag etag, CancellationToken cancellationToken)
    {
        var prefix = Prefix + ProcessedMarkers.Key(blobName, etag) + "/";
        for (var n = 1; ; n++)
        {
            var name = prefix + n.ToString(CultureInfo.InvariantCulture);
            try
            {
                await results.GetBlobClient(name).UploadAsync(BinaryData.FromString(string.Empty), new BlobUploadOptions
                {
                    Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                    Metadata = new Dictionary<string, string> { [StartedMetadata] = Time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture) },
                }, cancellationToken).ConfigureAwait(false);
                return name;
            }
            catch (RequestFailedException ex) when (ex.Status == 409 || ex.ErrorCode == BlobErrorCode.BlobAlreadyExists)
            {
                // Taken by an earlier or concurrent attempt: the next number.
            }
        }
    }

    /// <summary>Records that the attempt ended with an exception (so it is not taken for one that killed the process). Best effort.</summary>
    public async Task FailAsync(string attempt)
    {
        try
        {
            await results.GetBlobClient(attempt + FailedSuffix).UploadAsync(BinaryData.FromString(string.Empty), overwrite: false, CancellationToken.None).ConfigureAwait(false);
        }
        catch (RequestFailedException)
        {
            // Storage failing is most likely why the attempt failed; unrecorded, it may count as abandoned later, which
            // only matters after two of them: the upload then gets a rejected result, which a reviewer can override.
        }
    }
}
