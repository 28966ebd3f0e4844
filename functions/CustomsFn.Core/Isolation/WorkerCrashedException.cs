namespace CustomsFn.Core.Isolation;

/// <summary>A worker process died while it served a request (crash, stack overflow, killed for memory).</summary>
public sealed class WorkerCrashedException : Exception
{
    public WorkerCrashedException(string exit) : base("The worker process died: " + exit) => Exit = exit;
    public WorkerCrashedException() : this("unknown") { }
    public WorkerCrashedException(string message, Exception inner) : base(message, inner) => Exit = message;

    /// <summary>How the worker ended, e.g. "exit code 139: segmentation fault".</summary>
    public string Exit { get; }
}
