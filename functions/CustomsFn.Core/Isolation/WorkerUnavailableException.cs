namespace CustomsFn.Core.Isolation;

/// <summary>A worker process could not be started or said it cannot serve (e.g. a native library is missing).</summary>
public sealed class WorkerUnavailableException : InvalidOperationException
{
    public WorkerUnavailableException(string message) : base(message) { }
    public WorkerUnavailableException() { }
    public WorkerUnavailableException(string message, Exception inner) : base(message, inner) { }
}
