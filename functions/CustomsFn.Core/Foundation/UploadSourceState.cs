namespace CustomsFn.Core.Foundation;

/// <summary>What became of a request for an upload's original bytes.</summary>
public enum UploadSourceState
{
    /// <summary>The upload still holds the processed bytes: <see cref="UploadSource.Content"/> streams them.</summary>
    Found,
    /// <summary>An upload under the same name now holds other bytes.</summary>
    Replaced,
    /// <summary>No upload under that name any more (retention, or removed by its owner).</summary>
    Gone,
}
