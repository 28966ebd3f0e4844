namespace CustomsFn.Core.Foundation;

/// <summary>An upload's original bytes, when they are still the ones processed.</summary>
public sealed record UploadSource(UploadSourceState State, Stream? Content = null);
